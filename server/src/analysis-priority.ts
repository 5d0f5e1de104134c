// Open documents before the workspace index (language-server.ts): an indexing slice waits while an open
// document's analysis is in flight, so a workspace walk never delays diagnostics.

/**
 * How long an open document's analysis holds back the workspace walk at most: one whose settings never
 * arrive (a client that does not answer workspace/configuration) must not stop indexing for good.
 */
export const ANALYSIS_PRIORITY_MS = 1000;

/**
 * Open documents come first: while one's analysis is in flight (opened or edited, waiting for its settings
 * or being analysed), the workspace index's next slice waits. Without this the walk started at
 * `initialized` ran its slices between the steps of the first analysis (each file read and each
 * configuration answer let one slice in) and delayed the first diagnostics.
 */
export class AnalysisPriority {
  private inFlight = 0;
  private held: (() => void)[] = [];

  constructor(private readonly run: (next: () => void) => void) {}

  /** An analysis that indexing waits for until it settles, or for ANALYSIS_PRIORITY_MS at most. */
  track(analysis: Promise<void>): void {
    this.inFlight++;
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (--this.inFlight === 0) this.release();
    };
    const timer = setTimeout(settle, ANALYSIS_PRIORITY_MS);
    analysis.then(settle, settle);
  }

  /** Runs an indexing slice after a yield, once no tracked analysis is in flight. */
  defer(next: () => void): void {
    if (this.inFlight === 0) this.run(next);
    else this.held.push(next);
  }

  private release(): void {
    const held = this.held;
    this.held = [];
    for (const next of held) this.run(next);
  }
}
