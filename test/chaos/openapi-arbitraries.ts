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
}

/** A value close to what the schema asks for, often right, sometimes just wrong, sometimes anything. */
export function valueFor(schema: Schema, document: OpenApiDocument, vocabulary: Vocabulary, depth = 0): Arbitrary<unknown> {
  return fc.oneof({ weight: 4, arbitrary: plausible(schema, document, vocabulary, depth) }, { weight: 1, arbitrary: junk });
}

function resolve(schema: Schema, document: OpenApiDocument): Schema {
  if (schema.$ref) return resolve(document.components.schemas[schema.$ref.replace('#/components/schemas/', '')] ?? {}, document);
  if (schema.allOf?.length) return resolve(schema.allOf[0]!, document);
  return schema;
}

function plausible(raw: Schema, document: OpenApiDocument, vocabulary: Vocabulary, depth: number): Arbitrary<unknown> {
  const schema = resolve(raw, document);
  if (schema.oneOf?.length) return fc.oneof(...schema.oneOf.map((option) => plausible(option, document, vocabulary, depth)));
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  if (depth > 3) return junk;
  switch (schema.type) {
    case 'string':
      return plausibleString(schema, vocabulary);
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? -10;
      const max = schema.maximum ?? 1_000;
      return fc.oneof(fc.integer({ min, max }), fc.constantFrom(min - 1, max + 1, 0.5, -1e9, 2 ** 53));
    }
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(plausible(schema.items ?? {}, document, vocabulary, depth + 1), { maxLength: 4 });
    case 'object':
    case undefined:
      return schema.properties ? objectFor(schema, document, vocabulary, depth + 1) : junk;
    default:
      return junk;
  }
}

function plausibleString(schema: Schema, vocabulary: Vocabulary): Arbitrary<string> {
  const known = vocabulary.ids.length ? fc.constantFrom(...vocabulary.ids) : fc.uuid();
  switch (schema.format) {
    case 'uuid':
      return fc.oneof({ weight: 3, arbitrary: known }, { weight: 1, arbitrary: fc.uuid() }, { weight: 1, arbitrary: nastyString });
    case 'date-time':
    case 'date':
      return fc.oneof(
        fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString()),
        fc.constantFrom('2026-11-26', '2026-11-26T10:00', '2026-11-26T10:00:00+02:00'),
        nastyString,
      );
    case 'email':
      return fc.oneof(fc.emailAddress(), nastyString);
    case 'binary':
      return nastyString;
    default: {
      const max = schema.maxLength ?? 200;
      return fc.oneof(
        { weight: 3, arbitrary: fc.string({ minLength: 1, maxLength: Math.min(max, 60) }) },
        { weight: 1, arbitrary: fc.constant('x'.repeat(max + 1)) },
        { weight: 1, arbitrary: fc.webUrl() },
        { weight: 1, arbitrary: nastyString },
      );
    }
  }
}

/** An object of the schema's fields, each present or not, right or wrong, plus the odd field it does not know. */
export function objectFor(schema: Schema, document: OpenApiDocument, vocabulary: Vocabulary, depth = 0): Arbitrary<Record<string, unknown>> {
  const properties = Object.entries(resolve(schema, document).properties ?? {});
  const fields = properties.map(([name, property]) =>
    fc.oneof({ weight: 3, arbitrary: valueFor(property, document, vocabulary, depth).map((value) => [name, value] as const) }, { weight: 1, arbitrary: fc.constant(undefined) }),
  );
  const extra = fc.option(fc.tuple(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'id', 'version', 'createdAt', 'hash'), fc.string({ maxLength: 10 })), junk), { freq: 4 });
  return fc.tuple(fc.tuple(...fields), extra).map(([entries, more]) => {
    const object: Record<string, unknown> = {};
    for (const entry of entries) if (entry) Object.defineProperty(object, entry[0], { value: entry[1], enumerable: true, writable: true, configurable: true });
    if (more) Object.defineProperty(object, more[0], { value: more[1], enumerable: true, writable: true, configurable: true });
    return object;
  });
}
