// PLACEHOLDER: replaced by the real model builder.
import type { DevcontainerModel } from './types';
export function buildDevcontainerModel(_text: string, _uri: string): DevcontainerModel {
  throw new Error('not implemented');
}
