// Tool caches as a devcontainer.json sees them: the env var that moves each cache and the directory
// under the user's home that the tool uses by default. Only entries backed by
// docs/semantics.md (#uv-cache-dir, #pip-cache-dir, #tool-cache-dirs); defaults not verified there are left out.
import { isPathUnder } from '../buildkit/path-under';

export interface DevcontainerCacheTool {
  id: string;
  displayName: string;
  /** The env var that sets the cache directory itself (not a tool home with other content). */
  envVar?: string;
  /** Default cache directories relative to $HOME on Linux. */
  homeDirs: string[];
  /** Where the facts come from. */
  section: string;
}

const DEVCONTAINER_CACHE_TOOLS: readonly DevcontainerCacheTool[] = [
  {
    id: 'uv',
    displayName: 'uv',
    envVar: 'UV_CACHE_DIR',
    homeDirs: ['.cache/uv'],
    section: 'docs/semantics.md#uv-cache-dir',
  },
  {
    id: 'pip',
    displayName: 'pip',
    envVar: 'PIP_CACHE_DIR',
    homeDirs: ['.cache/pip'],
    section: 'docs/semantics.md#pip-cache-dir',
  },
  {
    id: 'poetry',
    displayName: 'Poetry',
    envVar: 'POETRY_CACHE_DIR',
    homeDirs: ['.cache/pypoetry'],
    section: 'docs/semantics.md#tool-cache-dirs',
  },
  {
    id: 'npm',
    displayName: 'npm',
    envVar: 'npm_config_cache',
    homeDirs: ['.npm'],
    section: 'docs/semantics.md#tool-cache-dirs',
  },
  {
    id: 'bun',
    displayName: 'Bun',
    envVar: 'BUN_INSTALL_CACHE_DIR',
    homeDirs: ['.bun/install/cache'],
    section: 'docs/semantics.md#tool-cache-dirs',
  },
  {
    id: 'go-build',
    displayName: 'Go build cache',
    envVar: 'GOCACHE',
    homeDirs: ['.cache/go-build'],
    section: 'docs/semantics.md#tool-cache-dirs',
  },
  {
    id: 'go-mod',
    displayName: 'Go module cache',
    envVar: 'GOMODCACHE',
    homeDirs: [],
    section: 'docs/semantics.md#tool-cache-dirs',
  },
  {
    id: 'composer',
    displayName: 'Composer',
    envVar: 'COMPOSER_CACHE_DIR',
    homeDirs: ['.cache/composer'],
    section: 'docs/semantics.md#tool-cache-dirs',
  },
  {
    id: 'ccache',
    displayName: 'ccache',
    envVar: 'CCACHE_DIR',
    homeDirs: ['.ccache', '.cache/ccache'],
    section: 'docs/semantics.md#tool-cache-dirs',
  },
  {
    id: 'pipenv',
    displayName: 'Pipenv',
    envVar: 'PIPENV_CACHE_DIR',
    homeDirs: [],
    section: 'docs/semantics.md#tool-cache-dirs',
  },
  {
    id: 'cargo',
    displayName: 'Cargo',
    homeDirs: ['.cargo/registry', '.cargo/git'],
    section: 'docs/semantics.md#tool-cache-dirs',
  },
  { id: 'maven', displayName: 'Maven', homeDirs: ['.m2'], section: 'docs/semantics.md#tool-cache-dirs' },
  { id: 'gradle', displayName: 'Gradle', homeDirs: ['.gradle'], section: 'docs/semantics.md#tool-cache-dirs' },
  { id: 'nuget', displayName: 'NuGet', homeDirs: ['.nuget/packages'], section: 'docs/semantics.md#tool-cache-dirs' },
];

export function toolForEnvVar(name: string): DevcontainerCacheTool | undefined {
  return DEVCONTAINER_CACHE_TOOLS.find((t) => t.envVar === name);
}

/** `/a/b/` -> `/a/b`, `//a///b` -> `/a/b`; `/` stays. */
export function normalizeContainerPath(path: string): string {
  const collapsed = path.replace(/\/{2,}/g, '/');
  return collapsed.length > 1 ? collapsed.replace(/\/+$/, '') : collapsed;
}

/** True when `path` is `dir` or lies under it (both absolute, written as the user wrote them). */
export function isUnder(path: string, dir: string): boolean {
  return isPathUnder(normalizeContainerPath(path), normalizeContainerPath(dir));
}

export interface HomeCachePath {
  /** `/root` or `/home/<user>`. */
  home: string;
  /** The user whose home it is by convention: `root` for /root, else the directory name. */
  owner: string;
  /** The rest after the home, e.g. `.cache/uv`. */
  rest: string;
  /** The tool whose default cache this is; undefined for `.cache` itself or another dir under it. */
  tool?: DevcontainerCacheTool;
}

/**
 * A literal container path that is a tool's default cache under a home directory (or the XDG cache
 * base `.cache` and anything under it, where uv, pip, Go, Poetry, Composer and ccache keep theirs).
 */
export function homeCachePath(path: string): HomeCachePath | undefined {
  if (!path.startsWith('/') || path.includes('${')) return undefined;
  const p = normalizeContainerPath(path);
  const m = /^(\/root|\/home\/([^/]+))\/(.+)$/.exec(p);
  if (!m) return undefined;
  const home = m[1]!;
  const owner = m[2] ?? 'root';
  const rest = m[3]!;
  const tool = DEVCONTAINER_CACHE_TOOLS.find((t) => t.homeDirs.some((d) => isPathUnder(rest, d)));
  if (tool) return { home, owner, rest, tool };
  if (rest === '.cache' || rest.startsWith('.cache/')) return { home, owner, rest };
  return undefined;
}
