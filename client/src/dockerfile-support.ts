// `dockerCacheMounts.dockerfileSupport` resolved here, where the installed extensions are known: `auto` is
// on only when no other Dockerfile extension (DOCKERFILE_EXTENSIONS) is installed and enabled. The server
// gets the result at initialize and again whenever the setting or the installed extensions change.
import { extensions, workspace, type Disposable, type LogOutputChannel } from 'vscode';
import { State, type BaseLanguageClient } from 'vscode-languageclient';
import { CONFIG_SECTION, DOCKERFILE_EXTENSIONS, DOCKERFILE_SUPPORT_NOTIFICATION } from './constants';

const SETTING = 'dockerfileSupport';

/** The other Dockerfile extension installed, if any. */
function otherDockerfileExtension(): string | undefined {
  return DOCKERFILE_EXTENSIONS.find((id) => extensions.getExtension(id) !== undefined);
}

/** `on` or `off`, as the server takes it. */
export function dockerfileSupport(): 'on' | 'off' {
  const mode = workspace.getConfiguration(CONFIG_SECTION).get<string>(SETTING, 'auto');
  if (mode === 'on' || mode === 'off') return mode;
  return otherDockerfileExtension() ? 'off' : 'on';
}

/** Tells the running server when the resolved value changes. */
export function forwardDockerfileSupport(
  client: () => BaseLanguageClient | undefined,
  output: LogOutputChannel,
): Disposable[] {
  let last = dockerfileSupport();
  const send = (current: BaseLanguageClient, value: 'on' | 'off') =>
    current
      .sendNotification(DOCKERFILE_SUPPORT_NOTIFICATION, { dockerfileSupport: value })
      .catch((err: unknown) =>
        output.warn(
          `telling the server about dockerfileSupport failed: ${err instanceof Error ? err.message : String(err)}`,
        ),
      );
  const update = () => {
    const now = dockerfileSupport();
    if (now === last) return;
    last = now;
    const current = client();
    if (current?.state === State.Running) void send(current, now);
    else if (current?.state === State.Starting) {
      // It may have been initialized with the old value: tell it once it runs.
      const once = current.onDidChangeState((e) => {
        if (e.newState === State.Starting) return;
        once.dispose();
        if (e.newState === State.Running) void send(current, dockerfileSupport());
      });
    }
    // Stopped: a server started later reads the value at initialize.
  };
  return [
    workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${CONFIG_SECTION}.${SETTING}`)) update();
    }),
    extensions.onDidChange(update),
  ];
}
