// The registry of tools whose cache a mount can serve. A program with several caches has one entry
// per cache (go-build/go-mod, cargo-registry/cargo-git/cargo-target, apt/apt-lists): see types.ts.
// Default cache ids (CM001's suggestion; the `cacheIds` setting overrides them per tool id):
//   uv uv-cache | pip pip-cache | poetry poetry-cache | apt apt-cache | apt-lists apt-lists |
//   apk apk-cache | npm npm-cache | yarn yarn-cache | pnpm pnpm-store | bun bun-cache |
//   go-build go-build | go-mod go-mod | cargo-registry cargo-registry | cargo-git cargo-git |
//   cargo-target cargo-target | maven maven-repo | gradle gradle-cache | composer composer-cache |
//   bundler bundler-cache | ccache ccache | dnf dnf-cache
import type { Tool, ToolId } from './types';
import { uvTool } from './uv';
import { pipTool } from './pip';
import { poetryTool } from './poetry';
import { aptListsTool, aptTool } from './apt';
import { apkTool } from './apk';
import { dnfTool } from './dnf';
import { npmTool } from './npm';
import { yarnTool } from './yarn';
import { pnpmTool } from './pnpm';
import { bunTool } from './bun';
import { goBuildTool, goModTool } from './go';
import { cargoGitTool, cargoRegistryTool, cargoTargetTool } from './cargo';
import { mavenTool } from './maven';
import { gradleTool } from './gradle';
import { composerTool } from './composer';
import { bundlerTool } from './bundler';
import { ccacheTool } from './ccache';

export const TOOLS: readonly Tool[] = [
  uvTool,
  pipTool,
  poetryTool,
  aptTool,
  aptListsTool,
  apkTool,
  dnfTool,
  npmTool,
  yarnTool,
  pnpmTool,
  bunTool,
  goBuildTool,
  goModTool,
  cargoRegistryTool,
  cargoGitTool,
  cargoTargetTool,
  mavenTool,
  gradleTool,
  composerTool,
  bundlerTool,
  ccacheTool,
];

export function toolById(id: ToolId): Tool | undefined {
  return TOOLS.find((tool) => tool.id === id);
}
