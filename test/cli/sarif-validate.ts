// A hand-written check of a SARIF log against the parts of the SARIF 2.1.0 schema (and the spec's
// rules the schema cannot express) that the CLI's output uses. No network and no schema download:
// the property lists, required keys, enums and minimums below are copied by hand from the schema,
// where every object has additionalProperties: false. No tests here; sarif.test.ts uses it.

type Check = (value: unknown, at: string, problems: string[]) => void;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const str: Check = (v, at, p) => {
  if (typeof v !== 'string') p.push(`${at}: not a string`);
};

const bool: Check = (v, at, p) => {
  if (typeof v !== 'boolean') p.push(`${at}: not a boolean`);
};

const int =
  (min: number): Check =>
  (v, at, p) => {
    if (!Number.isInteger(v)) p.push(`${at}: not an integer`);
    else if ((v as number) < min) p.push(`${at}: ${String(v)} < ${min}`);
  };

const oneOf =
  (...values: string[]): Check =>
  (v, at, p) => {
    if (!values.includes(v as string)) p.push(`${at}: ${JSON.stringify(v)} is not one of ${values.join(', ')}`);
  };

/** RFC 3986 characters only, with well-formed %XX escapes (format: uri-reference). */
const URI_CHARS = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
const uriReference: Check = (v, at, p) => {
  if (typeof v !== 'string') p.push(`${at}: not a string`);
  else if (!URI_CHARS.test(v)) p.push(`${at}: ${JSON.stringify(v)} is not a URI reference`);
};
const absoluteUri: Check = (v, at, p) => {
  uriReference(v, at, p);
  if (typeof v === 'string' && !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(v))
    p.push(`${at}: ${JSON.stringify(v)} is not an absolute URI`);
};

const arr =
  (item: Check, minItems = 0): Check =>
  (v, at, p) => {
    if (!Array.isArray(v)) return void p.push(`${at}: not an array`);
    if (v.length < minItems) p.push(`${at}: fewer than ${minItems} items`);
    v.forEach((x, i) => item(x, `${at}[${i}]`, p));
  };

const mapOf =
  (item: Check): Check =>
  (v, at, p) => {
    if (!isObject(v)) return void p.push(`${at}: not an object`);
    for (const [k, x] of Object.entries(v)) item(x, `${at}.${k}`, p);
  };

const bag: Check = mapOf(() => undefined);
const any: Check = () => undefined;

/** An object with exactly these known properties (others are unknown to the schema). */
function obj(props: Record<string, Check>, required: string[] = [], anyOfRequired: string[] = []): Check {
  return (v, at, p) => {
    if (!isObject(v)) return void p.push(`${at}: not an object`);
    for (const key of required) if (!(key in v)) p.push(`${at}: missing required '${key}'`);
    if (anyOfRequired.length && !anyOfRequired.some((k) => k in v))
      p.push(`${at}: needs one of ${anyOfRequired.join(', ')}`);
    for (const [key, x] of Object.entries(v)) {
      const check = props[key];
      if (!check) p.push(`${at}: property '${key}' is not allowed`);
      else check(x, `${at}.${key}`, p);
    }
  };
}

// Definitions are functions so that they can refer to each other in any order.
const message: Check = (v, at, p) =>
  obj({ text: str, markdown: str, id: str, arguments: arr(str), properties: bag }, [], ['text', 'id'])(v, at, p);
const multiformat: Check = obj({ text: str, markdown: str, properties: bag }, ['text']);
const level = oneOf('none', 'note', 'warning', 'error');

const region: Check = obj({
  startLine: int(1),
  startColumn: int(1),
  endLine: int(1),
  endColumn: int(1),
  charOffset: int(-1),
  charLength: int(0),
  byteOffset: int(-1),
  byteLength: int(0),
  snippet: any,
  message,
  sourceLanguage: str,
  properties: bag,
});

const artifactLocation: Check = obj({
  uri: uriReference,
  uriBaseId: str,
  index: int(-1),
  description: message,
  properties: bag,
});

const physicalLocation: Check = obj(
  { address: any, artifactLocation, region, contextRegion: region, properties: bag },
  [],
  ['address', 'artifactLocation'],
);

const location: Check = obj({
  id: int(-1),
  physicalLocation,
  logicalLocations: any,
  message,
  annotations: arr(region),
  relationships: any,
  properties: bag,
});

const artifactContent: Check = obj({ text: str, binary: str, rendered: multiformat, properties: bag });
const replacement: Check = obj({ deletedRegion: region, insertedContent: artifactContent, properties: bag }, [
  'deletedRegion',
]);
const artifactChange: Check = obj({ artifactLocation, replacements: arr(replacement, 1), properties: bag }, [
  'artifactLocation',
  'replacements',
]);
const fix: Check = obj({ description: message, artifactChanges: arr(artifactChange, 1), properties: bag }, [
  'artifactChanges',
]);

const result: Check = obj(
  {
    ruleId: str,
    ruleIndex: int(-1),
    rule: any,
    kind: oneOf('notApplicable', 'pass', 'fail', 'review', 'open', 'informational'),
    level,
    message,
    analysisTarget: artifactLocation,
    locations: arr(location),
    guid: str,
    correlationGuid: str,
    occurrenceCount: int(1),
    partialFingerprints: mapOf(str),
    fingerprints: mapOf(str),
    stacks: any,
    codeFlows: any,
    graphs: any,
    graphTraversals: any,
    relatedLocations: arr(location),
    suppressions: any,
    baselineState: oneOf('new', 'unchanged', 'updated', 'absent'),
    rank: any,
    attachments: any,
    hostedViewerUri: absoluteUri,
    workItemUris: arr(absoluteUri),
    provenance: any,
    fixes: arr(fix),
    taxa: any,
    webRequest: any,
    webResponse: any,
    properties: bag,
  },
  ['message'],
);

const reportingConfiguration: Check = obj({ enabled: bool, level, rank: any, parameters: bag, properties: bag });

const reportingDescriptor: Check = obj(
  {
    id: str,
    deprecatedIds: arr(str),
    guid: str,
    deprecatedGuids: arr(str),
    name: str,
    deprecatedNames: arr(str),
    shortDescription: multiformat,
    fullDescription: multiformat,
    messageStrings: mapOf(multiformat),
    defaultConfiguration: reportingConfiguration,
    helpUri: absoluteUri,
    help: multiformat,
    relationships: any,
    properties: bag,
  },
  ['id'],
);

const toolComponent: Check = obj(
  {
    guid: str,
    name: str,
    organization: str,
    product: str,
    productSuite: str,
    shortDescription: multiformat,
    fullDescription: multiformat,
    fullName: str,
    version: str,
    semanticVersion: str,
    dottedQuadFileVersion: str,
    releaseDateUtc: str,
    downloadUri: absoluteUri,
    informationUri: absoluteUri,
    globalMessageStrings: mapOf(multiformat),
    notifications: arr(reportingDescriptor),
    rules: arr(reportingDescriptor),
    taxa: arr(reportingDescriptor),
    locations: any,
    language: str,
    contents: any,
    isComprehensive: bool,
    localizedDataSemanticVersion: str,
    minimumRequiredLocalizedDataSemanticVersion: str,
    associatedComponent: any,
    translationMetadata: any,
    supportedTaxonomies: any,
    properties: bag,
  },
  ['name'],
);

const notification: Check = obj(
  {
    locations: arr(location),
    message,
    level,
    threadId: int(0),
    timeUtc: str,
    exception: any,
    descriptor: any,
    associatedRule: any,
    properties: bag,
  },
  ['message'],
);

const invocation: Check = obj(
  {
    commandLine: str,
    arguments: arr(str),
    responseFiles: any,
    startTimeUtc: str,
    endTimeUtc: str,
    exitCode: int(Number.MIN_SAFE_INTEGER),
    ruleConfigurationOverrides: any,
    notificationConfigurationOverrides: any,
    toolExecutionNotifications: arr(notification),
    toolConfigurationNotifications: arr(notification),
    exitCodeDescription: str,
    exitSignalName: str,
    exitSignalNumber: int(Number.MIN_SAFE_INTEGER),
    processStartFailureMessage: str,
    executionSuccessful: bool,
    machine: str,
    account: str,
    processId: int(0),
    executableLocation: artifactLocation,
    workingDirectory: artifactLocation,
    environmentVariables: mapOf(str),
    stdin: artifactLocation,
    stdout: artifactLocation,
    stderr: artifactLocation,
    stdoutStderr: artifactLocation,
    properties: bag,
  },
  ['executionSuccessful'],
);

const run: Check = obj(
  {
    tool: obj({ driver: toolComponent, extensions: arr(toolComponent), properties: bag }, ['driver']),
    invocations: arr(invocation),
    conversion: any,
    language: str,
    versionControlProvenance: any,
    originalUriBaseIds: mapOf(artifactLocation),
    artifacts: any,
    logicalLocations: any,
    graphs: any,
    results: arr(result),
    automationDetails: any,
    runAggregates: any,
    baselineGuid: str,
    redactionTokens: arr(str),
    defaultEncoding: str,
    defaultSourceLanguage: str,
    newlineSequences: arr(str, 1),
    columnKind: oneOf('utf16CodeUnits', 'unicodeCodePoints'),
    externalPropertyFileReferences: any,
    threadFlowLocations: any,
    taxonomies: any,
    addresses: any,
    translations: any,
    policies: any,
    webRequests: any,
    webResponses: any,
    specialLocations: any,
    properties: bag,
  },
  ['tool'],
);

const log: Check = obj(
  { $schema: absoluteUri, version: oneOf('2.1.0'), runs: arr(run), inlineExternalProperties: any, properties: bag },
  ['version', 'runs'],
);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function regionOrder(r: Json | undefined, at: string, p: string[]): void {
  if (!r || r.startLine === undefined) return;
  const endLine = r.endLine ?? r.startLine;
  if (endLine < r.startLine) p.push(`${at}: endLine before startLine`);
  if (endLine === r.startLine && r.endColumn !== undefined && r.endColumn < (r.startColumn ?? 1))
    p.push(`${at}: endColumn before startColumn`);
}

function locationRules(loc: Json | undefined, at: string, baseIds: Json, p: string[]): void {
  const a = loc?.artifactLocation;
  if (a?.uriBaseId !== undefined) {
    if (!(a.uriBaseId in baseIds))
      p.push(`${at}.artifactLocation: uriBaseId '${a.uriBaseId}' not in run.originalUriBaseIds`);
    // A uri given with a uriBaseId is relative to it: no scheme, no leading slash (SARIF §3.4.4).
    if (/^[A-Za-z][A-Za-z0-9+.-]*:|^\//.test(a.uri ?? ''))
      p.push(`${at}.artifactLocation: uri '${a.uri}' is not relative`);
  }
  regionOrder(loc?.region, `${at}.region`, p);
}

/** The spec's rules beyond the schema: rule ids unique, ruleIndex names the ruleId, ordered regions, base ids defined. */
function specRules(doc: Json, p: string[]): void {
  (doc.runs ?? []).forEach((run: Json, r: number) => {
    const rules: Json[] = run.tool?.driver?.rules ?? [];
    const ids = rules.map((x) => x.id);
    if (new Set(ids).size !== ids.length) p.push(`runs[${r}]: rule ids are not unique`);
    const baseIds: Json = run.originalUriBaseIds ?? {};
    for (const [id, loc] of Object.entries(baseIds)) {
      const uri = (loc as Json).uri;
      if (typeof uri === 'string' && !uri.endsWith('/'))
        p.push(`runs[${r}].originalUriBaseIds.${id}: uri must end with '/'`);
    }
    (run.results ?? []).forEach((res: Json, i: number) => {
      const at = `runs[${r}].results[${i}]`;
      if (res.ruleIndex !== undefined && rules[res.ruleIndex]?.id !== res.ruleId)
        p.push(`${at}: ruleIndex ${res.ruleIndex} does not name rule ${res.ruleId}`);
      (res.locations ?? []).forEach((l: Json, j: number) =>
        locationRules(l.physicalLocation, `${at}.locations[${j}].physicalLocation`, baseIds, p),
      );
      (res.relatedLocations ?? []).forEach((l: Json, j: number) =>
        locationRules(l.physicalLocation, `${at}.relatedLocations[${j}].physicalLocation`, baseIds, p),
      );
      (res.fixes ?? []).forEach((f: Json, j: number) =>
        (f.artifactChanges ?? []).forEach((c: Json, k: number) => {
          const cat = `${at}.fixes[${j}].artifactChanges[${k}]`;
          locationRules({ artifactLocation: c.artifactLocation }, cat, baseIds, p);
          (c.replacements ?? []).forEach((x: Json, m: number) =>
            regionOrder(x.deletedRegion, `${cat}.replacements[${m}].deletedRegion`, p),
          );
        }),
      );
    });
  });
}

/** Every way the document departs from SARIF 2.1.0 as checked here; empty when it conforms. */
export function sarifProblems(doc: unknown): string[] {
  const problems: string[] = [];
  log(doc, '$', problems);
  if (isObject(doc)) specRules(doc, problems);
  return problems;
}
