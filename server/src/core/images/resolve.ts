// Which facts a FROM reference gets: the team's own `images` entries (settings, and images read with
// `docker image inspect` by the CLI's --resolve-images) first, then the built-in catalog. A reference
// nothing matches stays unknown, and rules stay silent about what the image would decide.
import type { ImageEntry, ImageFacts } from './types';
import { formatReference, parseImageReference, type ImageReference } from './reference';
import { IMAGE_CATALOG } from './catalog';

/** An `images` entry of the settings: a pattern over `repository:tag` and the facts it gives. */
export interface ImageRule {
  /** As written: `myorg/base`, `myorg/base:1.*`, `ghcr.io/myorg/*`. `*` matches any run of characters. */
  pattern: string;
  facts: ImageFacts;
  /** 'settings' (`.cache-mounts.json` / editor settings) or 'docker image inspect'. */
  origin: string;
}

export interface ResolvedImage {
  /** The normalized reference, e.g. `python:3.12-slim`. */
  reference: string;
  facts: ImageFacts;
  /** Where the row came from, for hovers: "built-in catalog", ".cache-mounts.json images[\"myorg/*\"]". */
  origin: string;
}

export type ImageResolution = { resolved: ResolvedImage } | { unknown: string };

const tagPatterns = new Map<string, RegExp>();
function tagMatches(entry: ImageEntry, tag: string): boolean {
  if (entry.tag === undefined) return true;
  let re = tagPatterns.get(entry.tag);
  if (!re) tagPatterns.set(entry.tag, (re = new RegExp(`^(?:${entry.tag})$`)));
  return re.test(tag);
}

function repositoryMatches(entry: ImageEntry, repository: string): boolean {
  return entry.repositories.some((r) => (r.endsWith('/*') ? repository.startsWith(r.slice(0, -1)) : r === repository));
}

/** `*` globs over `repository:tag`; a pattern without a tag matches every tag. Repositories are
 *  lowercase (as references are); tags keep their case (Docker tags are case-sensitive). */
export function ruleMatches(pattern: string, ref: ImageReference): boolean {
  const trimmed = pattern.trim();
  const lastSlash = trimmed.lastIndexOf('/');
  const colon = trimmed.lastIndexOf(':');
  const repository = colon > lastSlash ? trimmed.slice(0, colon) : trimmed;
  const tag = colon > lastSlash ? trimmed.slice(colon + 1) : '*';
  const normalized = `${normalizePatternRepository(repository.toLowerCase())}:${tag}`;
  const re = new RegExp(`^${normalized.split('*').map(escapeRegExp).join('.*')}$`);
  return re.test(`${ref.repository}:${ref.tag}`);
}

/** `docker.io/library/x` and `library/x` in a pattern mean `x`, as in references. */
function normalizePatternRepository(repository: string): string {
  return repository
    .replace(/^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '')
    .replace(/^library\/(?=[^/]+$)/, '');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Answers by reference, per list of image rules (the catalog never changes): every model build resolves
 * each stage's FROM again, mostly to the same few images. Answers are shared: read only.
 */
const resolved = new WeakMap<readonly ImageRule[], Map<string, ImageResolution>>();
const NO_RULES: readonly ImageRule[] = [];
/** Answers kept per list of rules at most (a file may name many images; the catalog is what is costly). */
const MAX_KEPT = 500;

export function resolveImage(text: string, rules: readonly ImageRule[] = NO_RULES): ImageResolution {
  const key = rules.length === 0 ? NO_RULES : rules;
  let answers = resolved.get(key);
  if (!answers) resolved.set(key, (answers = new Map<string, ImageResolution>()));
  let answer = answers.get(text);
  if (!answer) {
    answer = resolveUncached(text, rules);
    if (answers.size >= MAX_KEPT) answers.clear();
    answers.set(text, answer);
  }
  return answer;
}

function resolveUncached(text: string, rules: readonly ImageRule[]): ImageResolution {
  const ref = parseImageReference(text);
  if ('error' in ref) return { unknown: ref.error };
  const reference = formatReference(ref);
  for (const rule of rules) {
    if (ruleMatches(rule.pattern, ref)) return { resolved: { reference, facts: rule.facts, origin: rule.origin } };
  }
  for (const entry of IMAGE_CATALOG) {
    if (repositoryMatches(entry, ref.repository) && tagMatches(entry, ref.tag)) {
      return { resolved: { reference, facts: entry.facts, origin: 'built-in image catalog' } };
    }
  }
  return { unknown: `${reference} is not in the image catalog` };
}

/** "python:3.12-slim (built-in image catalog; source: URL)", for hovers and messages. */
export function describeImage(image: ResolvedImage): string {
  return `${image.reference} (${image.origin}; source: ${image.facts.source})`;
}
