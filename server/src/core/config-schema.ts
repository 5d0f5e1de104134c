// The one description of every setting. scripts/gen-schema.mjs renders it into package.json
// `contributes.configuration` (keys prefixed `dockerCacheMounts.`) and schemas/cache-mounts.schema.json
// (the `.cache-mounts.json` file, analysis settings only); settings.ts validates with the same patterns.
import { IMAGE_FACTS_SCHEMA } from './images/settings';
import type { Severity } from './types';

const CONFIG_SECTION = 'dockerCacheMounts';
export const CONFIG_FILE_NAME = '.cache-mounts.json';
export const SCHEMA_PATH = 'schemas/cache-mounts.schema.json';

/** An absolute container path without blanks or commas (it goes into a `--mount` option). */
export const ABSOLUTE_PATH_PATTERN = '^/[^\\s,]*$';
/** A cache id: no blanks, commas, quotes or '=' (it goes into `id=` of a `--mount` option). */
export const CACHE_ID_PATTERN = '^[^\\s,="\']+$';
export const SEVERITY_VALUES = ['error', 'warning', 'info', 'hint', 'off'] as const;

type JsonSchema = Record<string, unknown>;

/** What the settings show of a rule (a rule's RuleMeta has it; the rules sit above the settings, so it is passed in). */
export interface RuleSummary {
  code: string;
  name: string;
  defaultSeverity: Severity;
  docs: { what: string };
}

export interface SettingSpec {
  /** Key inside the section / the file, e.g. `uvCacheDir`, `server.logLevel`. */
  key: string;
  /** VS Code scope: `resource` settings may differ per folder; `window` ones are per window. */
  scope: 'resource' | 'window';
  /** Only the editor uses it (not in `.cache-mounts.json`, not read by the CLI). */
  clientOnly?: boolean;
  default: unknown;
  markdownDescription: string;
  /** The JSON schema of the value, without default and description. */
  schema: JsonSchema;
}

function rulesSchema(metas: readonly RuleSummary[]): JsonSchema {
  const severity = { type: 'string', enum: [...SEVERITY_VALUES] };
  const properties: Record<string, JsonSchema> = {};
  for (const m of [...metas].sort((a, b) => a.code.localeCompare(b.code))) {
    properties[m.code] = {
      ...severity,
      markdownDescription: `${m.name} (default \`${m.defaultSeverity}\`): ${m.docs.what.trim()}`,
    };
    properties[m.name] = { ...severity, markdownDescription: `The same as \`${m.code}\`.` };
  }
  return { type: 'object', properties, additionalProperties: false };
}

export function settingSpecs(metas: readonly RuleSummary[]): SettingSpec[] {
  return [
    {
      key: 'rules',
      scope: 'resource',
      default: {},
      markdownDescription:
        'Severity per rule, by code or name: `error`, `warning`, `info`, `hint` or `off`, e.g. `{ "CM003": "warning", "uv-link-mode": "off" }`.',
      schema: rulesSchema(metas),
    },
    {
      key: 'uvCacheDir',
      scope: 'resource',
      default: '/cache/uv',
      markdownDescription:
        'The directory the "Standardize UV_CACHE_DIR" fix (CM003) writes into `ENV UV_CACHE_DIR`: an absolute path without spaces or commas.',
      schema: { type: 'string', pattern: ABSOLUTE_PATH_PATTERN },
    },
    {
      key: 'uvCacheId',
      scope: 'resource',
      default: 'uv-cache',
      markdownDescription: 'The `id=` that CM001 and the CM003 fix give uv cache mounts.',
      schema: { type: 'string', pattern: CACHE_ID_PATTERN },
    },
    {
      key: 'cacheIds',
      scope: 'resource',
      default: {},
      markdownDescription:
        'The `id=` CM001 suggests per tool, overriding the tool default, e.g. `{ "pip": "pip-cache", "apt": "apt-cache" }`.',
      schema: { type: 'object', additionalProperties: { type: 'string', pattern: CACHE_ID_PATTERN } },
    },
    {
      key: 'devcontainerFixStyle',
      scope: 'resource',
      default: 'bind',
      markdownDescription:
        "The preferred fix for a `type=cache` mount in devcontainer.json (CM101): `bind` mounts the host's uv cache (`source=${localEnv:UV_CACHE_DIR}`) and sets `UV_CACHE_DIR` in `containerEnv`; `volume` uses a named volume.",
      schema: {
        type: 'string',
        enum: ['bind', 'volume'],
        enumDescriptions: [
          "Bind-mount the host's uv cache (`source=${localEnv:UV_CACHE_DIR}`) and set `UV_CACHE_DIR` in `containerEnv`.",
          'Use a named Docker volume.',
        ],
      },
    },
    {
      key: 'devcontainerUvCacheTarget',
      scope: 'resource',
      default: '/uvcache',
      markdownDescription: "Where the CM101 bind fix mounts the host's uv cache in the container.",
      schema: { type: 'string', pattern: ABSOLUTE_PATH_PATTERN },
    },
    {
      key: 'targetBuilder',
      scope: 'resource',
      default: 'docker-28',
      markdownDescription:
        'The builder the fixes write for. `docker-28` (Docker 28.5 and its BuildKit, verified): the built-in Dockerfile frontend expands variables in `--mount` values, so the "Standardize UV_CACHE_DIR" fix writes `target=${UV_CACHE_DIR}`. `docker-20.10` (verified): variables in `--mount` are not expanded, so the fix writes the directory itself (unless `syntaxDirective` allows a `# syntax=` line).',
      schema: { type: 'string', enum: ['docker-28', 'docker-20.10'] },
    },
    {
      key: 'syntaxDirective',
      scope: 'resource',
      default: false,
      markdownDescription:
        'Let fixes add `# syntax=docker/dockerfile:1`. Off by default: the builder then pulls the Dockerfile frontend image from a registry on every build, which fails in air-gapped or mirror-only builds.',
      schema: { type: 'boolean' },
    },
    {
      key: 'images',
      scope: 'resource',
      default: {},
      markdownDescription:
        'Your own base images: image pattern (`*` matches anything; without a tag, every tag) to what a build on it sees, e.g. `{ "ghcr.io/myorg/python-base:*": { "user": "app", "uid": 1000, "home": "/home/app", "env": { "UV_CACHE_DIR": "/opt/uv-cache" } } }`. Tried before the built-in catalog; the file\'s entries before the editor\'s. With it, rules can tell where a tool caches on that image instead of staying silent.',
      schema: { type: 'object', additionalProperties: IMAGE_FACTS_SCHEMA },
    },
    {
      key: 'resolveImages',
      scope: 'window',
      clientOnly: true,
      default: false,
      markdownDescription:
        'Read the FROM images present locally with `docker image inspect` (never pulls, 10 s limit, never in an untrusted workspace), so rules know their USER, HOME and ENV. What an image says wins over `images` and the built-in catalog; docker missing or unreachable, or an image not present, is one line in the server log.',
      schema: { type: 'boolean' },
    },
    {
      key: 'inlayHints.implicitId',
      scope: 'resource',
      clientOnly: true,
      default: true,
      markdownDescription:
        'Show the implicit cache id (the target, when a `type=cache` mount has no `id=`) as an inlay hint after the mount.',
      schema: { type: 'boolean' },
    },
    {
      key: 'dockerfileSupport',
      scope: 'window',
      clientOnly: true,
      default: 'auto',
      markdownDescription:
        'General Dockerfile support from [dockerfile-language-service](https://github.com/rcjsuen/dockerfile-language-service) through this server: completion of instructions and flags, hover docs for instructions, outline, folding, formatting, semantic highlighting and dockerfile-utils\' checks (source `dockerfile-utils`). `auto`: on only when none of Docker DX (`docker.docker`), Container Tools (`ms-azuretools.vscode-containers`) or the legacy Docker extension (`ms-azuretools.vscode-docker`) is installed, so nothing is shown twice. The standalone server takes `initializationOptions.dockerfileSupport` (`"on"`; anything else is off).',
      schema: { type: 'string', enum: ['auto', 'on', 'off'] },
    },
    {
      key: 'server.logLevel',
      scope: 'window',
      clientOnly: true,
      default: 'info',
      markdownDescription: 'How much the language server writes to the **Docker Cache Mounts** output channel.',
      schema: { type: 'string', enum: ['error', 'warn', 'info', 'debug'] },
    },
    {
      key: 'trace.server',
      scope: 'window',
      clientOnly: true,
      default: 'off',
      markdownDescription: 'Traces the LSP messages between VS Code and the server in the output channel.',
      schema: { type: 'string', enum: ['off', 'messages', 'verbose'] },
    },
  ];
}

/**
 * package.json `contributes.configuration`.
 * @public read by scripts/gen-schema.mjs (through out/)
 */
export function packageConfiguration(metas: readonly RuleSummary[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const s of settingSpecs(metas)) {
    const schema = { ...s.schema };
    // Editor settings keep unknown rule keys out of the way with a warning in the server log, not a
    // red squiggle on a key a newer version may know.
    if (s.key === 'rules') schema.additionalProperties = { type: 'string', enum: [...SEVERITY_VALUES] };
    properties[`${CONFIG_SECTION}.${s.key}`] = {
      scope: s.scope,
      ...schema,
      default: s.default,
      markdownDescription: s.markdownDescription,
    };
  }
  return { title: 'Docker Cache Mounts', properties };
}

/**
 * The JSON schema of `.cache-mounts.json`.
 * @public read by scripts/gen-schema.mjs (through out/)
 */
export function configFileSchema(metas: readonly RuleSummary[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    $schema: { type: 'string' },
  };
  for (const s of settingSpecs(metas)) {
    if (s.clientOnly) continue;
    properties[s.key] = { ...s.schema, default: s.default, markdownDescription: s.markdownDescription };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/docker-cache-mounts/docker-cache-mounts/blob/main/schemas/cache-mounts.schema.json',
    title: 'Docker Cache Mounts configuration (.cache-mounts.json)',
    description:
      'Read by the docker-cache-mounts CLI and the VS Code extension. Keys set here win over editor settings.',
    type: 'object',
    properties,
    additionalProperties: false,
  };
}

/**
 * The README's settings table (between `<!-- settings:start -->` and `<!-- settings:end -->`).
 * @public read by scripts/gen-schema.mjs (through out/)
 */
export function settingsTable(metas: readonly RuleSummary[]): string {
  const rows = settingSpecs(metas).map((s) => {
    const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
    return `| \`${CONFIG_SECTION}.${s.key}\` | \`${cell(JSON.stringify(s.default))}\` | ${cell(s.markdownDescription)}${s.clientOnly ? ' Editor only.' : ''} |`;
  });
  return ['| Setting | Default | What it does |', '|---|---|---|', ...rows].join('\n');
}
