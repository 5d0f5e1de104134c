// Which builder this process runs on: scripts/buildkit/run.sh runs the premises once per builder, choosing it
// with DCM_BUILDER (default docker-20.10, the suite's first builder). Each builder's results go to its own file
// (facts-results.ts) and docs/verified-facts.md shows them side by side.
import { BUILDER_IDS, type BuilderId, type PrivateEngine } from './engine-base';
import { DockerEngine } from './engine';
import { Docker28Engine } from './engine-docker28';

/** Headings in the facts file: which engine and where it comes from. */
export const BUILDER_LABELS: Record<BuilderId, string> = {
  'docker-20.10': 'Docker 20.10 (Debian bookworm docker.io)',
  'docker-28': 'Docker 28 (Debian sid docker.io, buildx)',
};

export function builderFromEnv(env: NodeJS.ProcessEnv = process.env): BuilderId {
  const value = env.DCM_BUILDER ?? 'docker-20.10';
  if (!(BUILDER_IDS as readonly string[]).includes(value))
    throw new Error(`DCM_BUILDER must be one of ${BUILDER_IDS.join(', ')}, got ${JSON.stringify(value)}`);
  return value as BuilderId;
}

export function createEngine(id: BuilderId): PrivateEngine {
  return id === 'docker-28' ? new Docker28Engine() : new DockerEngine();
}

/** The engine version each builder's expectations were recorded with (the premises assert per builder). */
const SERVER_VERSION: Record<BuilderId, RegExp> = {
  'docker-20.10': /^20\.10\./,
  'docker-28': /^28\./,
};

/** Throws when the engine that started is not the Docker version the builder's expectations are for. */
export function assertEngineVersion(id: BuilderId, server: string): void {
  if (!SERVER_VERSION[id].test(server)) {
    throw new Error(
      `buildkit suite: ${id} started Docker Engine ${server}; the expectations in test/buildkit are for ${SERVER_VERSION[id].source}. Review them before accepting another version.`,
    );
  }
}
