// Every request handler of the server goes through the gate: a request before `initialize` answers
// ServerNotInitialized (-32002), as LSP requires, instead of running on settings never read; params
// without the fields the handler reads answer InvalidParams (-32602) instead of an internal error
// from deep inside. The checks cover what the handlers read, not the whole LSP shape.
import { ErrorCodes, ResponseError } from 'vscode-languageserver';

export type Check = (params: unknown) => boolean;

export class RequestGate {
  private initialized = false;

  /** `initialize` has been received: requests are served from now on. */
  open(): void {
    this.initialized = true;
  }

  /** The error to answer `method` with, if any. */
  refuse(method: string, params: unknown, check: Check): ResponseError<void> | undefined {
    if (!this.initialized)
      return new ResponseError(ErrorCodes.ServerNotInitialized, `${method}: the server is not initialized`);
    if (!check(params)) return new ResponseError(ErrorCodes.InvalidParams, `${method}: invalid params`);
    return undefined;
  }

  /** `handler`, answering refused requests with their error. */
  guard<P, R>(method: string, check: Check, handler: (params: P) => R): (params: P) => R | ResponseError<void> {
    return (params) => this.refuse(method, params, check) ?? handler(params);
  }
}

type Fields = Record<string, unknown>;

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPosition(value: unknown): boolean {
  return isObject(value) && isIndex(value.line) && isIndex(value.character);
}

function isIndex(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

export const hasTextDocument: Check = (p) =>
  isObject(p) && isObject(p.textDocument) && typeof p.textDocument.uri === 'string';

export const hasPosition: Check = (p) => hasTextDocument(p) && isPosition((p as Fields).position);

export const hasRange: Check = (p) => {
  if (!hasTextDocument(p)) return false;
  const range = (p as Fields).range;
  return isObject(range) && isPosition(range.start) && isPosition(range.end);
};

export const isCodeActionParams: Check = (p) => {
  if (!hasRange(p)) return false;
  const context = (p as Fields).context;
  return (
    isObject(context) &&
    Array.isArray(context.diagnostics) &&
    (context.only === undefined || Array.isArray(context.only))
  );
};

export const isRenameParams: Check = (p) => hasPosition(p) && typeof (p as Fields).newName === 'string';

export const anyParams: Check = () => true;
