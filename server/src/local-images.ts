// `dockerCacheMounts.resolveImages` in the language server: the FROM images of open Dockerfiles that are
// present on this machine describe themselves (`docker image inspect`, server/src/docker/inspect.ts),
// and their USER, HOME and ENV become `images` rules put before the document's own.
//
// Off unless the setting is on AND the workspace is trusted. Requests never wait for docker: the
// analysis uses what is known now, an inspect runs in the background (one docker process at a time,
// 10 s limit, references batched after a short pause so typing a FROM line does not run docker per
// keystroke), and the documents whose images it answered are analysed again. Each reference is asked
// once for the server's life, an absent image or a failed run included; a configuration change (or
// workspace trust granted) asks again for the references of the open documents, keeping the old
// answers until the new ones arrive. Problems are log lines, once each until the next configuration change.
import type { AnyModel } from './core/model';
import { formatReference } from './core/images/reference';
import type { ImageRule } from './core/images/resolve';
import type { Settings } from './core/settings';
import {
  imagesOfModel,
  inspectImagesAsync,
  inspectKey,
  type ImageInspection,
  type ImageToInspect,
  type InspectOptions,
} from './docker/inspect';
import type { Logger } from './log';

/** What docker said about one reference: a rule, or nothing (absent, unreadable, docker failed). */
interface Known {
  rule: ImageRule | undefined;
  /** Moves with every answer, so a document's derived settings change exactly when its answers do. */
  id: number;
}

export interface LocalImagesOptions {
  log: Logger;
  /** The documents whose image answers changed: analyse and publish them again. */
  onResolved(uris: string[]): void;
  /** The inspect to run (tests give a fake); defaults to docker. */
  inspect?: (images: readonly ImageToInspect[], options: InspectOptions) => Promise<ImageInspection>;
  /** The environment docker runs with (PATH, DOCKER_HOST, DCM_DOCKER_TIMEOUT_MS); defaults to the server's. */
  env?: NodeJS.ProcessEnv;
  /** How long new references wait for more before docker is run. */
  batchDelayMs?: number;
}

/** The default pause before an inspect: a FROM line being typed settles first. */
const BATCH_DELAY_MS = 300;
const PREFIX = 'resolveImages:';

export class LocalImages {
  private setting = false;
  private trusted = true;
  private readonly known = new Map<string, Known>();
  /** References to ask docker about at the next run. */
  private readonly queued = new Map<string, ImageToInspect>();
  /** References of the run under way. */
  private readonly inFlight = new Set<string>();
  /** Per open document, the external images its latest analysed model starts FROM. */
  private readonly imagesByUri = new Map<string, ImageToInspect[]>();
  /** Per document, the settings last derived: the same object while its base and answers stay the same. */
  private readonly derived = new Map<string, { base: Settings; key: string; settings: Settings }>();
  /** Problems already logged since the last configuration change. */
  private readonly reported = new Set<string>();
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private nextId = 1;
  private lastState: string | undefined;
  private readonly stop = new AbortController();
  private readonly inspect: NonNullable<LocalImagesOptions['inspect']>;

  constructor(private readonly options: LocalImagesOptions) {
    this.inspect = options.inspect ?? inspectImagesAsync;
  }

  /** The setting is on and the workspace trusted. */
  get active(): boolean {
    return this.setting && this.trusted;
  }

  /** After every configuration change (and once at start): the setting's value; asks docker again when on. */
  configure(resolveImages: boolean): void {
    this.setting = resolveImages;
    this.reported.clear();
    if (this.active) this.requeueAll();
    this.logState();
  }

  /** The client's workspace trust (initializationOptions, then a notification when trust is granted). */
  setTrusted(trusted: boolean): void {
    if (trusted === this.trusted) return;
    this.trusted = trusted;
    if (this.active) this.requeueAll();
    this.logState();
  }

  /**
   * The settings to analyse `uri` with: `base` with the rules docker gave for the document's images put
   * first. The same object for the same base and answers, so the analysis cache keeps hitting.
   */
  settingsFor(uri: string, base: Settings): Settings {
    if (!this.active) return base;
    const rules: ImageRule[] = [];
    const ids: number[] = [];
    for (const item of this.imagesByUri.get(uri) ?? []) {
      const known = this.known.get(inspectKey(item));
      if (!known?.rule) continue;
      rules.push(known.rule);
      ids.push(known.id);
    }
    if (rules.length === 0) return base;
    const key = ids.join(',');
    const last = this.derived.get(uri);
    if (last && last.base === base && last.key === key) return last.settings;
    const settings: Settings = { ...base, images: [...rules, ...base.images] };
    this.derived.set(uri, { base, key, settings });
    return settings;
  }

  /** A document was analysed: remembers its images and asks docker about new ones (in the background). */
  analysed(uri: string, model: AnyModel | undefined): void {
    const images = imagesOfModel(model);
    this.imagesByUri.set(uri, images);
    if (!this.active) return;
    for (const item of images) {
      const key = inspectKey(item);
      if (!this.known.has(key) && !this.inFlight.has(key)) this.queued.set(key, item);
    }
    this.schedule();
  }

  /** The document was closed. */
  forget(uri: string): void {
    this.imagesByUri.delete(uri);
    this.derived.delete(uri);
  }

  /** Shutdown: no further run, and docker, if running, is killed. */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.queued.clear();
    this.stop.abort();
  }

  /** One line when the state changes (on; off; on but ignored in an untrusted workspace). */
  private logState(): void {
    const state = this.active
      ? 'on: the FROM images present locally are read with docker image inspect'
      : this.setting
        ? 'ignored: the workspace is not trusted'
        : 'off';
    if (state === this.lastState) return;
    if (this.lastState !== undefined || state !== 'off') this.options.log.info(`${PREFIX} ${state}`);
    this.lastState = state;
  }

  /** Every open document's images, known or not, are asked again; the old answers stay until then. */
  private requeueAll(): void {
    for (const images of this.imagesByUri.values()) for (const item of images) this.queued.set(inspectKey(item), item);
    this.schedule();
  }

  private schedule(): void {
    if (this.running || this.timer || this.queued.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, this.options.batchDelayMs ?? BATCH_DELAY_MS);
    this.timer.unref?.();
  }

  private async run(): Promise<void> {
    if (this.running) return;
    // Only what an open document still starts FROM: a reference typed halfway and gone is not asked.
    const current = new Set<string>();
    for (const images of this.imagesByUri.values()) for (const item of images) current.add(inspectKey(item));
    const batch = [...this.queued.values()].filter((item) => current.has(inspectKey(item)));
    this.queued.clear();
    if (batch.length === 0 || !this.active || this.stop.signal.aborted) return;
    this.running = true;
    for (const item of batch) this.inFlight.add(inspectKey(item));
    let result: ImageInspection;
    try {
      result = await this.inspect(batch, { env: this.options.env ?? process.env, signal: this.stop.signal });
    } catch (err) {
      // inspectImagesAsync never rejects; a fake might.
      result = {
        rules: [],
        notes: [],
        answered: [],
        fatal: `docker image inspect failed (${err instanceof Error ? err.message : String(err)})`,
      };
      result.notes.push(result.fatal!);
    } finally {
      this.running = false;
      this.inFlight.clear();
    }
    if (this.stop.signal.aborted) return;
    this.record(batch, result);
    this.schedule();
  }

  private record(batch: readonly ImageToInspect[], result: ImageInspection): void {
    for (const note of result.notes) {
      if (this.reported.has(note)) continue;
      this.reported.add(note);
      if (note === result.fatal) this.options.log.warn(`${PREFIX} ${note}`);
      else this.options.log.info(`${PREFIX} ${note}`);
    }
    const changed = new Set<string>();
    for (const item of batch) {
      const key = inspectKey(item);
      const rule = result.rules.find((r) => r.pattern === ruleKey(item));
      const before = this.known.get(key);
      // Absent, unreadable or not answered (docker failed): known as absent, not asked again on every keystroke.
      if (before && sameRule(before.rule, rule)) continue;
      this.known.set(key, { rule, id: this.nextId++ });
      // Only a rule gained, lost or changed touches the documents (unknown and absent both give no rule).
      if (!sameRule(before?.rule, rule)) changed.add(key);
    }
    if (changed.size === 0) return;
    const uris = [...this.imagesByUri]
      .filter(([, images]) => images.some((i) => changed.has(inspectKey(i))))
      .map(([uri]) => uri);
    if (uris.length > 0) this.options.onResolved(uris);
  }
}

/** The pattern of the rule docker's answer for `item` has (the reference without its digest). */
function ruleKey(item: ImageToInspect): string {
  return formatReference({ repository: item.ref.repository, tag: item.ref.tag });
}

/** The same facts: an answer that did not change leaves the documents' settings (and analyses) alone. */
function sameRule(a: ImageRule | undefined, b: ImageRule | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.pattern === b.pattern && JSON.stringify(a.facts) === JSON.stringify(b.facts);
}
