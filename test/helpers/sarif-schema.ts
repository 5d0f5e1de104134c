// The official SARIF 2.1.0 JSON schema (draft-07), the one our output names in $schema, from the
// schemastore package (no network), compiled once with ajv. No tests here.
import { readFileSync } from 'node:fs';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export const SARIF_SCHEMA_FILE = require.resolve('schemastore/schemas/json/sarif-2.1.0.json');

// Every format the schema uses. ajv throws at compile time on a format it does not know, so a schema
// that starts using another one fails loudly here instead of being checked less.
const FORMATS = ['uri', 'uri-reference', 'date-time'] as const;

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (compiled) return compiled;
  const ajv = new Ajv({
    allErrors: true,
    verbose: true, // errors carry the offending value
    // The schema says "one of these properties is required" as anyOf [{ required: [x] }, ...], which
    // strictRequired would reject as a schema error although it is plain JSON Schema.
    strictRequired: false,
    // The schema's `language` pattern has a stray `]` (oasis-tcs/sarif-spec PR 490): not a regular
    // expression with the u flag, a literal `]` without it. Our output writes no `language`.
    unicodeRegExp: false,
  });
  addFormats(ajv, [...FORMATS]);
  compiled = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA_FILE, 'utf8')));
  return compiled;
}

function explain(e: ErrorObject): string {
  const at = e.instancePath || '(the document)';
  let text = `${at} ${e.message ?? e.keyword}`;
  if (e.keyword === 'additionalProperties') text += `: '${String(e.params.additionalProperty)}'`;
  if (e.keyword === 'enum')
    text += `: ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  if (['format', 'enum', 'const', 'minimum', 'minItems', 'type', 'pattern'].includes(e.keyword)) {
    text += ` (is ${JSON.stringify(e.data)?.slice(0, 80)})`;
  }
  return text;
}

/** How the document departs from the SARIF 2.1.0 schema, one line per error; empty when it conforms. */
export function sarifSchemaErrors(doc: unknown): string[] {
  const validate = validator();
  return validate(doc) ? [] : (validate.errors ?? []).map(explain);
}
