// fast-check arbitraries for fuzzing the hub's edges: values a JSON Schema (the OpenAPI document's, or a
// zod schema's) accepts, the same values with one part made hostile, and hostile values outright — text
// PostgreSQL cannot store, prototype keys, absurd nesting and sizes, wrong types. Plus the wire forms of a
// request body that a careless client sends (no body, broken JSON, another content type).
import fc from 'fast-check';

/** The JSON Schema keywords the hub's documents use (server/api/openapi.ts, zod's toJSONSchema). */
export type JsonSchema = {
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
};

/** A JSON object with an own `__proto__` key, as JSON.parse makes it (a literal would set the prototype). */
function withKey(o: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = { ...o };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

const nest = (depth: number): unknown => {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

const hostileStrings = [
  'a\u0000b',
  '\u0000',
  'x\ud800',
  '\udc00y',
  '\udbff\udbff',
  '',
  '   ',
  '\r\n\t',
  '\u202eevil',
  '\ufeff',
  '😀👍🏽',
  'İǅß',
  '<img src=x onerror=alert(1)>',
  "' OR 1=1 --",
  '{{7*7}}#{7*7}<%= 7*7 %>',
  '__proto__',
  'constructor',
  '%00',
  '\\u0000',
  'null',
  '-1',
  '1e309',
  '9'.repeat(40),
  'a'.repeat(5001),
  'b'.repeat(100_000),
];

/** Strings: the list above, any code units (lone surrogates included), and any of them with a NUL. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...hostileStrings),
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.string({ unit: 'binary', maxLength: 8 }).map((s) => `${s}\u0000${s}`),
);

const protoKeys = ['__proto__', 'constructor', 'prototype', 'a\u0000b', '\ud800', '', 'hasOwnProperty'];

/** Anything JSON can carry, the way an attacker or a broken client would send it. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  {
    weight: 2,
    arbitrary: fc.constantFrom(0, -1, -0, 0.5, 2 ** 31, 2 ** 53 + 2, 1e308, -1e308, true, false, null),
  },
  { weight: 1, arbitrary: fc.constantFrom([], {}, [null], { '': '' }, [[]], { a: {} }) },
  { weight: 1, arbitrary: fc.constantFrom(nest(40), nest(3000), new Array(20_000).fill('x')) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...protoKeys), fc.constantFrom<unknown>({ isAdmin: true }, 'x', 1, null))
      .map(([k, v]) => withKey({ polluted: 'no' }, k, v)),
  },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 3 }) },
);

const ID_PATTERN = /^\^\\d/;
/** Marks an optional key left out (undefined would be a value JSON drops, but still a key here). */
const absent = Symbol('absent');

/** Values the schema accepts (refinements aside), ids drawn from `ids`. */
export function validValue(s: JsonSchema, ids: fc.Arbitrary<string>, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 8) return fc.constant(null);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  const base = s.anyOf?.length
    ? fc.oneof(...s.anyOf.map((x) => validValue(x, ids, depth + 1)))
    : byType(s, ids, depth);
  return s.nullable
    ? fc.oneof({ weight: 5, arbitrary: base }, { weight: 1, arbitrary: fc.constant(null) })
    : base;
}

function byType(s: JsonSchema, ids: fc.Arbitrary<string>, depth: number): fc.Arbitrary<unknown> {
  switch (s.type) {
    case 'string':
      return stringOf(s, ids);
    case 'integer': {
      const min = Math.max(s.minimum ?? -5, -1_000_000);
      const max = Math.min(s.maximum ?? 1000, 1_000_000);
      return fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, max));
    }
    case 'number':
      return fc.double({
        min: s.minimum ?? -1000,
        max: s.maximum ?? 1000,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(s.items ? validValue(s.items, ids, depth + 1) : fc.jsonValue({ maxDepth: 1 }), {
        minLength: s.minItems ?? 0,
        maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 3, 3)),
      });
    case 'object': {
      const props = Object.entries(s.properties ?? {});
      const rest =
        typeof s.additionalProperties === 'object'
          ? fc.dictionary(fc.string({ maxLength: 12 }), validValue(s.additionalProperties, ids, depth + 1), {
              maxKeys: 3,
            })
          : fc.constant({});
      if (!props.length) return rest;
      // Optional keys are left out two times in three: a body with every option set rarely passes the
      // refinements between them (a template is sent alone, a private note has no subject ...).
      const required = new Set(s.required ?? []);
      const model = Object.fromEntries(
        props.map(([k, v]) => {
          const value = validValue(v, ids, depth + 1);
          return [
            k,
            required.has(k) ? value : fc.oneof({ weight: 2, arbitrary: fc.constant(absent) }, value),
          ];
        }),
      );
      return fc
        .record(model)
        .map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== absent)));
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringOf(s: JsonSchema, ids: fc.Arbitrary<string>): fc.Arbitrary<string> {
  if (s.pattern && ID_PATTERN.test(s.pattern)) return ids;
  if (s.format === 'email') {
    // fc.emailAddress() follows RFC 5322, which allows more than the e-mails a hub should take.
    return fc
      .tuple(
        fc.stringMatching(/^[a-z0-9][a-z0-9.+_-]{0,11}$/),
        fc.constantFrom('example.test', 'mail.example.com'),
      )
      .map(([user, domain]) => `${user}@${domain}`);
  }
  if (s.format === 'date-time') {
    return fc
      .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString());
  }
  if (s.pattern) {
    try {
      return fc.stringMatching(new RegExp(s.pattern)).filter((x) => x.length <= (s.maxLength ?? 200));
    } catch {
      // A pattern fast-check cannot generate from: any string will do, the hub refuses most.
    }
  }
  const min = s.minLength ?? 0;
  return fc.string({ minLength: min, maxLength: Math.max(min, Math.min(s.maxLength ?? 30, 30)) });
}

type Container = Record<string, unknown> | unknown[];

/** Every object and array inside `v`, `v` first. */
function containers(v: unknown, out: Container[] = []): Container[] {
  if (v && typeof v === 'object') {
    out.push(v as Container);
    for (const item of Object.values(v)) containers(item, out);
  }
  return out;
}

/** A deep copy of `v` with one part made hostile: a value replaced, a hostile key added, a key dropped. */
export function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(
      valid,
      hostileValue,
      fc.nat(),
      fc.constantFrom('replace', 'add', 'drop', 'wrap'),
      fc.constantFrom(...protoKeys),
    )
    .map(([v, bad, n, op, key]) => {
      const copy: unknown = structuredClone(v);
      if (op === 'wrap') return [copy];
      const all = containers(copy);
      const target = all[n % Math.max(all.length, 1)];
      if (!target) return bad;
      const keys = Object.keys(target);
      const k = keys[n % Math.max(keys.length, 1)];
      if (Array.isArray(target)) {
        if (op === 'drop') target.splice(Number(k ?? 0), 1);
        else target[Number(k ?? 0)] = bad;
        return copy;
      }
      if (op === 'add') Object.defineProperty(target, key, { value: bad, enumerable: true, writable: true });
      else if (op === 'drop' && k !== undefined) delete target[k];
      else target[k ?? 'x'] = bad;
      return copy;
    });
}

/** A request body as it goes on the wire. */
export type WireBody = { contentType?: string; body?: string; encoding?: string; label: string };

const json = (v: unknown): WireBody => ({
  contentType: 'application/json',
  body: JSON.stringify(v),
  label: 'json',
});

/** Wire forms no schema describes: missing, empty, broken, of another type or charset. */
const oddBodies: WireBody[] = [
  { label: 'no body' },
  { contentType: 'application/json', body: '', label: 'empty json' },
  { contentType: 'application/json', body: '{', label: 'broken json' },
  { contentType: 'application/json', body: '"just a string"', label: 'json string' },
  { contentType: 'application/json', body: '[]', label: 'json array' },
  { contentType: 'application/json', body: 'null', label: 'json null' },
  { contentType: 'application/json', body: '{"a":"\\u0000"}', label: 'escaped NUL' },
  { contentType: 'application/json', body: '{"a":"\\ud800"}', label: 'escaped lone surrogate' },
  { contentType: 'application/json', body: '{"__proto__":{"isAdmin":true}}', label: 'proto' },
  { contentType: 'application/json; charset=utf-16', body: '{}', label: 'utf-16 charset' },
  { contentType: 'application/json', body: '{"a":1}', encoding: 'gzip', label: 'not gzip' },
  { contentType: 'application/json', body: '{"a":1}', encoding: 'br', label: 'not brotli' },
  { contentType: 'text/plain', body: '{"name":"x"}', label: 'json as text' },
  { contentType: 'application/x-www-form-urlencoded', body: 'name=x&__proto__[a]=1', label: 'form' },
  { contentType: 'multipart/form-data; boundary=zz', body: '--zz\r\nbroken', label: 'broken multipart' },
  { contentType: 'application/xml', body: '<a>1</a>', label: 'xml' },
  { body: 'name=x', label: 'no content type' },
];

/** Bodies for a route that takes `schema`: valid, with one hostile part, hostile outright, or odd. */
export function bodyFor(schema: JsonSchema | undefined, ids: fc.Arbitrary<string>): fc.Arbitrary<WireBody> {
  const valid = schema ? validValue(schema, ids) : fc.constant({});
  return fc.oneof(
    { weight: 5, arbitrary: valid.map(json) },
    { weight: 4, arbitrary: mutated(valid).map(json) },
    { weight: 2, arbitrary: hostileValue.map(json) },
    { weight: 2, arbitrary: fc.constantFrom(...oddBodies) },
  );
}

/** Percent-encodes every UTF-16 unit, lone surrogates as the 3 bytes WTF-8 gives them (encodeURIComponent
 * throws on those, which would keep the probe from being sent at all). */
export function pct(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0xd800 && cp <= 0xdfff) {
      out += [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else out += encodeURIComponent(ch);
  }
  return out;
}

/** Path segments for an `{id}`: real ids (both accounts'), and ones that name nothing or are malformed. */
export function pathIds(real: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: real },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '0',
        '-1',
        '1.5',
        '1e3',
        'abc',
        '99999999999999999999',
        '9223372036854775808',
        '%00',
        '1%00',
        '%ED%A0%80',
        '%',
        '..%2F..%2Fetc%2Fpasswd',
        '__proto__',
        'x'.repeat(300),
      ),
    },
    { weight: 1, arbitrary: hostileString.map(pct) },
  );
}

/** A query string for the documented parameters: valid values, hostile ones, repeated or odd keys. */
export function queryFor(
  params: { name: string; schema: JsonSchema }[],
  ids: fc.Arbitrary<string>,
  /** Values that open a door no schema describes (an inbox's public token). */
  known: Record<string, fc.Arbitrary<string>> = {},
): fc.Arbitrary<string> {
  const one = (p: { name: string; schema: JsonSchema }) =>
    fc.option(
      fc.oneof(
        {
          weight: 4,
          arbitrary: (known[p.name] ?? validValue(p.schema, ids)).map((v) => [`${p.name}=${pct(String(v))}`]),
        },
        { weight: 2, arbitrary: hostileString.map((v) => [`${p.name}=${pct(v)}`]) },
        { weight: 1, arbitrary: fc.constant([`${p.name}=1`, `${p.name}=2`]) },
        { weight: 1, arbitrary: fc.constant([`${p.name}[a]=1`]) },
      ),
      { freq: 2 },
    );
  const odd = fc.option(
    fc.constantFrom('__proto__[x]=1', 'constructor[prototype][y]=1', '%=%', 'a=%ED%A0%80', '&&=&'),
    { freq: 4 },
  );
  return fc.tuple(fc.tuple(...params.map(one)), odd).map(([parts, extra]) => {
    const all = parts.flatMap((p) => p ?? []);
    if (extra) all.push(extra);
    return all.length ? `?${all.join('&')}` : '';
  });
}
