import fc, { type Arbitrary } from 'fast-check';

/** The parts of an OpenAPI 3 document the fuzz reads. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  oneOf?: Schema[];
  allOf?: Schema[];
}
export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  schema?: Schema;
}
export interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  /** The JSON body's schema, when the operation takes one. */
  body?: Schema;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components: { schemas: Record<string, Schema> };
}

export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => {
      const content = operation.requestBody?.content ?? {};
      const body = content['application/json']?.schema ?? content['multipart/form-data']?.schema;
      return { method: method.toUpperCase(), path, parameters: operation.parameters ?? [], body };
    }),
  );
}

/** Strings that have broken parsers, SQL, paths and dates elsewhere. */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  "' OR 1=1 --",
  '"; DROP TABLE incidents; --',
  '../../../etc/passwd',
  '%00',
  '%',
  '__proto__',
  'constructor',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1e309',
  '9007199254740993',
  '2026-02-30T10:00:00Z',
  '2026-11-26T10:00:00+25:00',
  '0000-00-00',
  '+275760-09-13T00:00:00.001Z',
  '-271821-04-19T00:00:00.000Z',
  'P1Y2M3DT4H5M6S',
  'P',
  'PT-1H',
  'javascript:alert(1)',
  'http://',
  'http://[::1',
  'file:///etc/passwd',
  'ftp://example.com/x',
  'http://169.254.169.254/latest/meta-data',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '😀'.repeat(40),
  'é\u0301'.repeat(20),
  '<script>alert(1)</script>',
  '\ud800',
  'a'.repeat(70_000),
];

export const nastyString: Arbitrary<string> = fc.oneof(fc.constantFrom(...NASTY_STRINGS), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }));

/** Anything JSON can carry, with a taste for the values that break validation. */
export const junk: Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -0, [], {}),
  nastyString,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(nastyString, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
);

export interface Vocabulary {
  /** Ids of rows that exist, so references and path ids reach the services. */
  ids: string[];
  /** The id a field of that name refers to (ownerId: a user's), if known. */
  idFor: (field: string) => string | undefined;
}

/** A value close to what the schema asks for, often right, sometimes just wrong, sometimes anything. */
export function valueFor(schema: Schema, document: OpenApiDocument, vocabulary: Vocabulary, depth = 0): Arbitrary<unknown> {
  return fc.oneof({ weight: 4, arbitrary: plausible(schema, document, vocabulary, depth, false) }, { weight: 1, arbitrary: junk });
}

/** A value the schema accepts, as far as the schema tells (the service may still refuse it). */
export function validFor(schema: Schema, document: OpenApiDocument, vocabulary: Vocabulary, name = ''): Arbitrary<unknown> {
  return plausible(schema, document, vocabulary, 0, true, name);
}

function resolve(schema: Schema, document: OpenApiDocument): Schema {
  if (schema.$ref) return resolve(document.components.schemas[schema.$ref.replace('#/components/schemas/', '')] ?? {}, document);
  if (schema.allOf?.length) return resolve(schema.allOf[0]!, document);
  return schema;
}

/** Values a field of that name wants that its schema does not say (a country, a period, a URL). */
const BY_NAME: Array<[RegExp, Arbitrary<string>]> = [
  [/jurisdiction/i, fc.constantFrom('FR', 'EU', 'DE', '*', 'US')],
  [/period/i, fc.constantFrom('P3D', 'P1M', 'P8D', 'P2W')],
  [/url$/i, fc.oneof(fc.webUrl(), fc.constantFrom('https://blog.example.com/2026/11/beginners-mistakes', 'http://127.0.0.1:9/x', 'http://10.0.0.1/'))],
  [/email/i, fc.emailAddress()],
];

function plausible(raw: Schema, document: OpenApiDocument, vocabulary: Vocabulary, depth: number, strict: boolean, name = ''): Arbitrary<unknown> {
  const schema = resolve(raw, document);
  if (schema.oneOf?.length) return fc.oneof(...schema.oneOf.map((option) => plausible(option, document, vocabulary, depth, strict, name)));
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  if (depth > 3) return strict ? fc.constant({}) : junk;
  switch (schema.type) {
    case 'string':
      return plausibleString(schema, vocabulary, strict, name);
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (strict ? 0 : -10);
      const max = schema.maximum ?? 1_000;
      return strict ? fc.integer({ min, max }) : fc.oneof(fc.integer({ min, max }), fc.constantFrom(min - 1, max + 1, 0.5, -1e9, 2 ** 53));
    }
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(plausible(schema.items ?? {}, document, vocabulary, depth + 1, strict, name), { maxLength: strict ? 2 : 4 });
    case 'object':
    case undefined:
      if (!schema.properties) return strict ? fc.constant({}) : junk;
      return strict ? validObject(schema, document, vocabulary, depth + 1) : objectFor(schema, document, vocabulary, depth + 1);
    default:
      return junk;
  }
}

function plausibleString(schema: Schema, vocabulary: Vocabulary, strict: boolean, name: string): Arbitrary<string> {
  const named = vocabulary.idFor(name);
  const known = fc.oneof(...(named ? [{ weight: 3, arbitrary: fc.constant(named) }] : []), vocabulary.ids.length ? fc.constantFrom(...vocabulary.ids) : fc.uuid());
  const wrong = (right: Arbitrary<string>) => (strict ? right : fc.oneof({ weight: 3, arbitrary: right }, { weight: 1, arbitrary: nastyString }));
  switch (schema.format) {
    case 'uuid':
      return strict ? (named ? fc.constant(named) : known) : wrong(fc.oneof({ weight: 3, arbitrary: known }, { weight: 1, arbitrary: fc.uuid() }));
    case 'date-time':
    case 'date':
      return wrong(
        fc.oneof(
          fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString()),
          fc.constantFrom('2026-11-26', '2026-11-26T10:00', '2026-11-26T10:00:00+02:00'),
        ),
      );
    case 'email':
      return wrong(fc.emailAddress());
    case 'binary':
      return nastyString;
    default: {
      const max = schema.maxLength ?? 200;
      const byName = BY_NAME.find(([pattern]) => pattern.test(name))?.[1];
      const text = fc.string({ minLength: 1, maxLength: Math.min(max, 60) });
      if (strict) return byName ?? text;
      return fc.oneof(
        { weight: 3, arbitrary: byName ? fc.oneof(byName, text) : text },
        { weight: 1, arbitrary: fc.constant('x'.repeat(max + 1)) },
        { weight: 1, arbitrary: fc.webUrl() },
        { weight: 1, arbitrary: nastyString },
      );
    }
  }
}

const define = (object: Record<string, unknown>, key: string, value: unknown) => Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });

/** An object of the schema's fields, each present or not, right or wrong, plus the odd field it does not know. */
export function objectFor(schema: Schema, document: OpenApiDocument, vocabulary: Vocabulary, depth = 0): Arbitrary<Record<string, unknown>> {
  const properties = Object.entries(resolve(schema, document).properties ?? {});
  const fields = properties.map(([name, property]) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.oneof({ weight: 4, arbitrary: plausible(property, document, vocabulary, depth, false, name) }, { weight: 1, arbitrary: junk }).map((value) => [name, value] as const) },
      { weight: 1, arbitrary: fc.constant(undefined) },
    ),
  );
  const extra = fc.option(fc.tuple(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'id', 'version', 'createdAt', 'hash'), fc.string({ maxLength: 10 })), junk), { freq: 4 });
  return fc.tuple(fc.tuple(...fields), extra).map(([entries, more]) => {
    const object: Record<string, unknown> = {};
    for (const entry of entries) if (entry) define(object, entry[0], entry[1]);
    if (more) define(object, more[0], more[1]);
    return object;
  });
}

/** An object the schema accepts: its required fields, some of the others. */
function validObject(schema: Schema, document: OpenApiDocument, vocabulary: Vocabulary, depth: number): Arbitrary<Record<string, unknown>> {
  const resolved = resolve(schema, document);
  const required = new Set(resolved.required ?? []);
  const fields = Object.entries(resolved.properties ?? {}).map(([name, property]) => {
    const value = plausible(property, document, vocabulary, depth, true, name).map((item) => [name, item] as const);
    return required.has(name) ? value : fc.option(value, { nil: undefined });
  });
  return fc.tuple(...fields).map((entries) => {
    const object: Record<string, unknown> = {};
    for (const entry of entries) if (entry) define(object, entry[0], entry[1]);
    return object;
  });
}

/** An object the schema accepts but for one thing: a field missing, wrong, or one too many (or nothing: valid). */
export function oneMistakeFrom(schema: Schema, document: OpenApiDocument, vocabulary: Vocabulary): Arbitrary<Record<string, unknown>> {
  const names = Object.keys(resolve(schema, document).properties ?? {});
  const mistake = fc.oneof(
    fc.constant({ kind: 'none' as const }),
    fc.record({ kind: fc.constant('drop' as const), index: fc.nat() }),
    fc.record({ kind: fc.constant('wrong' as const), index: fc.nat(), value: junk }),
    fc.record({ kind: fc.constant('extra' as const), name: fc.constantFrom('__proto__', 'id', 'version', 'hash', 'unknown'), value: junk }),
  );
  return fc.tuple(validObject(schema, document, vocabulary, 1), mistake).map(([object, change]) => {
    const copy = { ...object };
    if (change.kind === 'drop' && names.length) delete copy[names[change.index % names.length]!];
    if (change.kind === 'wrong' && names.length) define(copy, names[change.index % names.length]!, change.value);
    if (change.kind === 'extra') define(copy, change.name, change.value);
    return copy;
  });
}
