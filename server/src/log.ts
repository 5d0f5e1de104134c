// The server's log: goes to the client's output channel through window/logMessage, filtered by
// the `dockerCacheMounts.server.logLevel` setting.
import type { Connection } from 'vscode-languageserver';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export const DEFAULT_LOG_LEVEL: LogLevel = 'info';

const ORDER: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

export function parseLogLevel(value: unknown): LogLevel | undefined {
  return typeof value === 'string' && value in ORDER ? (value as LogLevel) : undefined;
}

export class Logger {
  private level: LogLevel = DEFAULT_LOG_LEVEL;

  constructor(private readonly connection: Connection) {}

  setLevel(level: LogLevel): void {
    this.level = level;
  }

  getLevel(): LogLevel {
    return this.level;
  }

  error(message: string, err?: unknown): void {
    if (this.enabled('error')) this.connection.console.error(withError(message, err));
  }

  warn(message: string): void {
    if (this.enabled('warn')) this.connection.console.warn(message);
  }

  info(message: string): void {
    if (this.enabled('info')) this.connection.console.info(message);
  }

  debug(message: string): void {
    if (this.enabled('debug')) this.connection.console.log(message);
  }

  private enabled(level: LogLevel): boolean {
    return ORDER[level] <= ORDER[this.level];
  }
}

export function withError(message: string, err?: unknown): string {
  if (err === undefined) return message;
  const detail =
    err instanceof Error ? (err.stack ?? err.message) : typeof err === 'string' ? err : JSON.stringify(err);
  return `${message}: ${detail}`;
}
