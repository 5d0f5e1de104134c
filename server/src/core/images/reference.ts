// Image references as FROM writes them, normalized for matching: `docker.io/library/python:3.12-slim`,
// `python:3.12-slim` and `index.docker.io/library/python:3.12-slim` are the same image. Grammar as in
// the distribution/reference package: [registry/]path[:tag][@digest]; the first path component is a
// registry when it has a '.' or ':' or is `localhost`.

export interface ImageReference {
  /** Lowercase repository without Docker Hub's registry and `library/` prefix. */
  repository: string;
  /** The tag; `latest` when none is written. */
  tag: string;
  digest?: string;
}

const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;

/** The reference, or a one-line reason it cannot be read. */
export function parseImageReference(text: string): ImageReference | { error: string } {
  const ref = text.trim();
  if (ref === '') return { error: 'empty image reference' };
  if (/[\s$]/.test(ref)) return { error: `image reference ${JSON.stringify(ref)} has blanks or unexpanded variables` };
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return { error: `image reference ${JSON.stringify(ref)} has an invalid digest` };
  }
  let tag = 'latest';
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return { error: `image reference ${JSON.stringify(ref)} has an invalid tag` };
  }
  const parts = rest.split('/');
  let registry: string | undefined;
  if (parts.length > 1 && (/[.:]/.test(parts[0]!) || parts[0] === 'localhost')) registry = parts.shift()!.toLowerCase();
  if (parts.length === 0 || !parts.every((p) => COMPONENT.test(p))) {
    return {
      error: `image reference ${JSON.stringify(ref)} is not a valid repository name (lowercase letters, digits and separators)`,
    };
  }
  if (registry !== undefined && DOCKER_HUB.has(registry)) registry = undefined;
  if (registry === undefined && parts.length === 2 && parts[0] === 'library') parts.shift();
  const path = parts.join('/');
  const repository = registry === undefined ? path : `${registry}/${path}`;
  return digest === undefined ? { repository, tag } : { repository, tag, digest };
}

/** `repository:tag` (and `@digest`) as normalized, for messages. */
export function formatReference(ref: ImageReference): string {
  return `${ref.repository}:${ref.tag}${ref.digest ? `@${ref.digest}` : ''}`;
}
