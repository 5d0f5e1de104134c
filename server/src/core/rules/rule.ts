// What a rule is: metadata (with the docs the generator renders), and a check that reads the
// shared model and reports findings with exact spans and fixes as data.
import type { Fix } from '../fix';
import type { Settings } from '../settings';
import type { LineRange, Span } from '../text';
import type { DockerfileModel } from '../dockerfile/types';
import type { DevcontainerModel } from '../devcontainer/types';
import type { WorkspaceView } from '../workspace/view';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type DocumentKind = 'dockerfile' | 'devcontainer';

export interface RuleDocs {
  /** One or two sentences: what the rule looks for. */
  what: string;
  /** Why it matters, with the concrete cost to the user. */
  why: string;
  /** A complete file that triggers the rule. */
  bad: string;
  /** The same file after the preferred fix: it must not trigger the rule. */
  good: string;
  /** Why the fix is safe, or what it can change. */
  fixSafety: string;
  /** Settings that change this rule. */
  options?: string;
  /** Sources: links, a section of docs/semantics.md (`../semantics.md#<section>`) or a verified build fact (`../verified-facts.md#<fact>`). */
  references: string[];
}

export interface RuleMeta {
  code: string; // CM001
  name: string; // missing-cache-id, also the file name
  kind: DocumentKind;
  /** The severity in the catalog; a rule may raise it per finding (e.g. CM001 info -> warning). */
  defaultSeverity: Severity;
  /** Does the rule offer a fix: 'always' (the preferred fix removes the finding), 'sometimes', 'never'. */
  fixable: 'always' | 'sometimes' | 'never';
  docs: RuleDocs;
}

export interface RelatedInfo {
  span: Span;
  message: string;
  /** Another file; absent for the same file. */
  uri?: string;
  /** Line/character range in that other file (set by cross-file rules, whose file may not be open). */
  range?: LineRange;
}

/** What a rule reports. The engine adds code, name, doc link and applies severity settings. */
export interface Report {
  span: Span;
  message: string;
  /** Overrides meta.defaultSeverity for this finding (before user settings). */
  severity?: Severity;
  fixes?: Fix[];
  related?: RelatedInfo[];
}

export interface Finding extends Required<Omit<Report, 'related' | 'severity'>> {
  code: string;
  name: string;
  severity: Severity;
  related: RelatedInfo[];
}

export interface RuleContext {
  readonly settings: Settings;
  /** The other files of the workspace, when the front end indexes them: the server's open folders, or the files of one CLI run (absent with --no-workspace). */
  readonly workspace?: WorkspaceView;
  report(report: Report): void;
}

export interface DockerfileRule {
  meta: RuleMeta & { kind: 'dockerfile' };
  check(model: DockerfileModel, ctx: RuleContext): void;
}

export interface DevcontainerRule {
  meta: RuleMeta & { kind: 'devcontainer' };
  check(model: DevcontainerModel, ctx: RuleContext): void;
}

export type Rule = DockerfileRule | DevcontainerRule;

export const DOCS_BASE_URL = 'https://github.com/docker-cache-mounts/docker-cache-mounts/blob/main/docs/rules/';

export function docsUrl(meta: Pick<RuleMeta, 'code'>): string {
  return `${DOCS_BASE_URL}${meta.code}.md`;
}
