// Which kind of file a path or URI is.
import type { DocumentKind } from './types';

function baseName(pathOrUri: string): string {
  const clean = pathOrUri.split(/[?#]/)[0] ?? pathOrUri;
  const parts = clean.split(/[\\/]/);
  return decodeURIComponent(parts[parts.length - 1] ?? '');
}

function isDevcontainerPath(pathOrUri: string): boolean {
  const name = baseName(pathOrUri);
  return name === 'devcontainer.json' || name === '.devcontainer.json';
}

function isDockerfilePath(pathOrUri: string): boolean {
  const name = baseName(pathOrUri);
  return (
    name === 'Dockerfile' ||
    name === 'Containerfile' ||
    name.endsWith('.Dockerfile') ||
    name.endsWith('.dockerfile') ||
    name.startsWith('Dockerfile.') ||
    name.startsWith('Containerfile.')
  );
}

/** The kind from the editor's language id when given, else from the file name. */
export function documentKind(pathOrUri: string, languageId?: string): DocumentKind | undefined {
  if (languageId === 'dockerfile') return 'dockerfile';
  if (isDevcontainerPath(pathOrUri)) return 'devcontainer';
  if (isDockerfilePath(pathOrUri)) return 'dockerfile';
  return undefined;
}

/** The kind of a file found while walking a folder (the CLI's walk, the server's index), or undefined when it is not one we check. */
export function kindOfFoundFile(name: string): DocumentKind | undefined {
  // `Dockerfile.dockerignore` is the per-Dockerfile ignore file, not a Dockerfile.
  if (name.endsWith('.dockerignore')) return undefined;
  return documentKind(name);
}
