// The hover card of a FROM image: what a build on it sees (user, HOME, passwd users, the ENV that moves
// caches, package manager) and where each fact comes from; or why it is unknown.
import type { Stage } from '../dockerfile/types';
import { code, escapeText } from './markdown';

/** ENV names that decide where a tool caches (shown first; the rest of the image's ENV is counted). */
const CACHE_ENV =
  /^(UV_|PIP_|XDG_CACHE_HOME$|GOPATH$|GOCACHE$|GOMODCACHE$|CARGO_HOME$|RUSTUP_HOME$|npm_config_cache$|NPM_CONFIG_CACHE$|YARN_CACHE_FOLDER$|PNPM_HOME$|POETRY_|GRADLE_USER_HOME$|MAVEN_CONFIG$|COMPOSER_HOME$|GEM_HOME$|BUNDLE_|HOME$|VIRTUAL_ENV$)/;

export function imageCard(stage: Stage): string {
  const base = stage.baseImage;
  if (!base) return `### FROM ${code(stage.image)}\n\nNot an external image.`;
  const title = `### Base image ${code(base.reference)}`;
  if (!('resolved' in base.resolution)) {
    return [
      title,
      '',
      `Unknown: ${escapeText(base.resolution.unknown)}. Its USER, HOME and ENV are unknown, so rules that depend on them stay silent.`,
      'Teach it with the `images` setting (`.cache-mounts.json`) or run `docker-cache-mounts check --resolve-images` where the image is present locally.',
    ].join('\n');
  }
  const { facts, origin } = base.resolution.resolved;
  const runsAs = facts.user === 'root' ? 'root (the image sets no USER)' : `${code(facts.user)} (the image's USER)`;
  const env = Object.entries(facts.env);
  const cacheEnv = env.filter(([name]) => CACHE_ENV.test(name));
  const lines = [
    title,
    '',
    `- A \`RUN\` runs as ${runsAs}, HOME ${code(facts.home)}${facts.env.HOME !== undefined ? ' (its ENV HOME)' : ''}.`,
    `- Users: ${facts.users.map((u) => `${code(u.name)} ${u.uid}:${u.gid} ${code(u.home)}`).join(', ')}.`,
    facts.envComplete === false
      ? `- ENV: not listed for this image family (it differs between tags): unknown.${cacheEnv.length ? ` Known: ${cacheEnv.map(([n, v]) => code(`${n}=${v}`)).join(', ')}.` : ''}`
      : cacheEnv.length
        ? `- ENV that moves caches: ${cacheEnv.map(([n, v]) => code(`${n}=${v}`)).join(', ')}${env.length > cacheEnv.length ? ` (and ${env.length - cacheEnv.length} other variables)` : ''}.`
        : `- ENV: none of the variables that move a tool's cache (${env.length} other variables).`,
    `- Package manager: ${facts.packageManager}${facts.distro !== 'unknown' ? ` (${escapeText(facts.distro)})` : ''}${facts.dockerClean === undefined ? '' : facts.dockerClean ? ", with apt's docker-clean" : ', without docker-clean'}.`,
  ];
  if (facts.devcontainerRemoteUser)
    lines.push(
      `- Dev containers run tools as ${code(facts.devcontainerRemoteUser)} (its devcontainer.metadata remoteUser); \`docker build\` does not.`,
    );
  if (facts.shell === false) lines.push('- No shell: a shell-form `RUN` fails on this image.');
  lines.push(
    '',
    `Known from: ${escapeText(origin)}. Source: ${facts.source.startsWith('http') ? facts.source : escapeText(facts.source)}`,
  );
  if (facts.note) lines.push('', escapeText(facts.note));
  return lines.join('\n');
}
