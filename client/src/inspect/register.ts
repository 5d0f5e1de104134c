// The builder-cache inspection on desktop and remote (it runs the bundled CLI, so it needs Node): the
// command, the Builder Caches view and the cache sizes in mount hovers. Not registered in the browser,
// where package.json hides the command and the view (`!isWeb`).
import { commands, languages, window, type Disposable, type ExtensionContext, type LogOutputChannel } from 'vscode';
import { Commands } from '../constants';
import { inspectBuilderCaches, INSPECT_VIEW } from './command';
import { BuilderCacheHovers } from './hover';
import { BuilderCachesTree } from './tree';

export function registerInspect(context: ExtensionContext, output: LogOutputChannel): Disposable[] {
  const tree = new BuilderCachesTree();
  const hovers = new BuilderCacheHovers();
  return [
    commands.registerCommand(Commands.inspectBuilder, () => inspectBuilderCaches(context, output, tree, hovers)),
    window.registerTreeDataProvider(INSPECT_VIEW, tree),
    languages.registerHoverProvider({ language: 'dockerfile', scheme: 'file' }, hovers),
  ];
}
