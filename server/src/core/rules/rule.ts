// What a rule is: metadata (with the docs the generator renders), and a check that reads the
// shared model and reports findings with exact spans and fixes as data.
import type { Fix } from '../fix';
import type { Settings } from '../settings';
import type { LineRange, Span } from '../text';
import type { DockerfileModel } from '../dockerfile/types';
import type { DevcontainerModel } from '../devcontainer/types';
import type { WorkspaceView } from '../workspace/view';
import type { DocumentKind, RuleKind, Severity } from '../types';

interface RuleDocs {
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

/**
 * Message templates by id (typescript-eslint's `meta.messages`): each is one sentence saying what is wrong
 * here, with `{{name}}` placeholders filled from the report's data. Rendered, a message stays within
 * MESSAGE_MAX_LENGTH characters; the why and the evidence go to the report's `detail` (hover, JSON) and
 * the rule page.
 */
type MessageTemplates<Id extends string = string> = Readonly<Record<Id, string>>;

/** How a rule's kind is named in its docs and hovers. */
export const RULE_KIND_WORDS: Readonly<Record<RuleKind, string>> = {
  dockerfile: 'Dockerfile',
  devcontainer: 'devcontainer.json',
  any: 'Dockerfile and devcontainer.json',
};

/** The kind of file a rule's docs examples (`bad`, `good`) are: a rule for both kinds shows Dockerfiles. */
export function exampleKind(meta: Pick<RuleMeta, 'kind'>): DocumentKind {
  return meta.kind === 'devcontainer' ? 'devcontainer' : 'dockerfile';
}

export interface RuleMeta<Id extends string = string> {
  code: string; // CM001
  name: string; // missing-cache-id, also the file name
  kind: RuleKind;
  /** The severity in the catalog; a rule may raise it per finding (e.g. CM001 info -> warning). */
  defaultSeverity: Severity;
  /** Does the rule offer a fix: 'always' (the preferred fix removes the finding), 'sometimes', 'never'. */
  fixable: 'always' | 'sometimes' | 'never';
  messages: MessageTemplates<Id>;
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

export type MessageData = Readonly<Record<string, string | number>>;

/** What a rule reports. The engine adds code, name, doc link, renders the message and applies severity settings. */
export type Report<Id extends string = string> = ReportBase & {
  messageId: Id;
  /** Values for the template's placeholders. */
  data?: MessageData;
};

interface ReportBase {
  span: Span;
  /** The why and the evidence for this finding (where a value comes from, what the build does): shown in the hover. */
  detail?: string;
  /** Overrides meta.defaultSeverity for this finding (before user settings). */
  severity?: Severity;
  fixes?: Fix[];
  related?: RelatedInfo[];
}

export interface Finding {
  code: string;
  name: string;
  severity: Severity;
  span: Span;
  messageId: string;
  data: MessageData;
  /** The rendered template: one sentence. */
  message: string;
  /** The why and the evidence; '' when the message says it all. */
  detail: string;
  fixes: Fix[];
  related: RelatedInfo[];
}

export interface RuleContext<Id extends string = string> {
  readonly settings: Settings;
  /** The other files of the workspace, when the front end indexes them: the server's open folders, or the files of one CLI run (absent with --no-workspace). */
  readonly workspace?: WorkspaceView;
  report(report: Report<Id>): void;
}

export interface DockerfileRule<Id extends string = string> {
  meta: RuleMeta<Id> & { kind: 'dockerfile' };
  check(model: DockerfileModel, ctx: RuleContext<Id>): void;
}

export interface DevcontainerRule<Id extends string = string> {
  meta: RuleMeta<Id> & { kind: 'devcontainer' };
  check(model: DevcontainerModel, ctx: RuleContext<Id>): void;
}

export type Rule = DockerfileRule | DevcontainerRule;

export const DOCS_BASE_URL = 'https://github.com/docker-cache-mounts/docker-cache-mounts/blob/main/docs/rules/';

export function docsUrl(meta: Pick<RuleMeta, 'code'>): string {
  return `${DOCS_BASE_URL}${meta.code}.md`;
}

/** The longest a rendered message may be (the Problems panel shows one line). */
export const MESSAGE_MAX_LENGTH = 120;
/** Values are never cut below this many characters, even when a message stays long. */
const VALUE_MIN_LENGTH = 16;

/** Cuts the middle out of a value, keeping both ends (a path's start and its last parts). */
function shortenMiddle(value: string, length: number): string {
  if (value.length <= length) return value;
  const keep = Math.max(2, length - 1);
  const head = Math.ceil(keep / 2);
  return `${value.slice(0, head)}…${value.slice(value.length - (keep - head))}`;
}

function fill(template: string, values: ReadonlyMap<string, string>): string {
  return template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_m, name: string) => values.get(name)!);
}

/**
 * Fills a template's `{{name}}` placeholders (a placeholder without data is a bug in the rule, so it
 * throws). When the message would pass MESSAGE_MAX_LENGTH, the longest values lose their middle until it
 * fits; the full values stay in the finding's data and detail.
 */
export function renderMessage(
  meta: Pick<RuleMeta, 'code' | 'messages'>,
  messageId: string,
  data: MessageData = {},
): string {
  const messages = meta.messages;
  const template = Object.prototype.hasOwnProperty.call(messages, messageId) ? messages[messageId] : undefined;
  if (template === undefined) throw new Error(`${meta.code}: unknown message id '${messageId}'`);
  const values = new Map<string, string>();
  for (const name of placeholdersOf(template)) {
    const value = data[name];
    if (value === undefined) throw new Error(`${meta.code}/${messageId}: no data for {{${name}}}`);
    values.set(name, String(value).replace(/\s*\r?\n\s*/g, ' '));
  }
  // Each step cuts the longest value, never below the next longest, so long values shrink together.
  const lengths = new Map([...values].map(([name, value]) => [name, value.length]));
  const shortened = () => new Map([...values].map(([name, value]) => [name, shortenMiddle(value, lengths.get(name)!)]));
  let message = fill(template, values);
  while (message.length > MESSAGE_MAX_LENGTH) {
    const [name, longest] = [...lengths].reduce((a, b) => (b[1] > a[1] ? b : a), ['', 0]);
    if (longest <= VALUE_MIN_LENGTH) break;
    const next = Math.max(0, ...[...lengths].filter(([n]) => n !== name).map(([, l]) => l));
    const over = message.length - MESSAGE_MAX_LENGTH;
    lengths.set(name, Math.max(VALUE_MIN_LENGTH, Math.min(longest - 1, Math.max(longest - over, next))));
    message = fill(template, shortened());
  }
  return message;
}

/** The placeholder names a template uses. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1]!);
}
