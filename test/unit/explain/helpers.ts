// Shared helpers for the hover card tests: build a model from text and hover at a needle.
import assert from 'node:assert/strict';
import { buildModel } from '../../../server/src/core/engine';
import { hoverAt } from '../../../server/src/core/explain';
import type { Span } from '../../../server/src/core/text';

export function dockerfile(text: string) {
  return buildModel(text, 'file:///w/Dockerfile', 'dockerfile');
}

export function devcontainer(text: string) {
  return buildModel(text, 'file:///w/.devcontainer/devcontainer.json', 'devcontainer');
}

/** Offset of the `nth` (0-based) occurrence of needle, plus delta. */
export function offsetOf(text: string, needle: string, delta = 0, nth = 0): number {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.notEqual(at, -1, `needle ${JSON.stringify(needle)} #${nth} not in text`);
  }
  return at + delta;
}

export interface HoverResult {
  markdown: string;
  span: Span;
}

export function hoverDockerfile(text: string, needle: string, delta = 1, nth = 0): HoverResult {
  const h = hoverAt(dockerfile(text), offsetOf(text, needle, delta, nth));
  assert.ok(h, `no hover at ${needle}`);
  return h;
}

export function hoverDevcontainer(text: string, needle: string, delta = 1, nth = 0): HoverResult {
  const h = hoverAt(devcontainer(text), offsetOf(text, needle, delta, nth));
  assert.ok(h, `no hover at ${needle}`);
  return h;
}

/** The part of the card after `heading` up to the next bold heading. */
export function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(heading);
  if (start < 0) return '';
  const rest = markdown.slice(start + heading.length);
  const next = rest.search(/\n\*\*[A-Z]/);
  return next < 0 ? rest : rest.slice(0, next);
}
