import fc from 'fast-check';

/** Strings that have broken parsers, normalisers and databases before. */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uFEFF',
  '\u202Eevil',
  '\uD800',
  '🚀🔥👩‍👩‍👧',
  'Ω≈ç√∫˜µ≤≥÷',
  '𝕿𝖍𝖊',
  '\r\n\r\nX-Injected: 1',
  "' OR 1=1 --",
  '"; DROP TABLE users; --',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '${jndi:ldap://x}',
  '{{7*7}}',
  '%s%s%s%n',
  '-1',
  '0',
  'NaN',
  'Infinity',
  'true',
  'null',
  '1e309',
  '9007199254740993',
  '2026-02-30T25:61:61Z',
  '00000000-0000-0000-0000-000000000000',
  'not-a-uuid',
];

/** Keys that must never reach an object's prototype or an ORM as a column. */
export const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'id', 'createdAt', '$where', 'a.b', '', '🚀'];

export const hugeString = fc.integer({ min: 10_000, max: 300_000 }).map((length) => 'A'.repeat(length));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ maxLength: 40, unit: 'grapheme' }),
  fc.string({ maxLength: 40, unit: 'binary' }),
  hugeString,
);

/** A nested array or object `depth` levels deep, as JSON text (built as text: far deeper than a stack allows). */
export const deepNestingText = fc
  .tuple(fc.integer({ min: 50, max: 20_000 }), fc.boolean())
  .map(([depth, asObject]) => (asObject ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}${']'.repeat(depth)}`));

/** A JSON value of the wrong kind for nearly any field. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.constantFrom(-1, 0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0.1),
  hostileString,
  fc.constant([]),
  fc.constant({}),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(fc.constantFrom(...HOSTILE_KEYS), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  fc.integer({ min: 20, max: 200 }).map((depth) => Array.from({ length: depth }).reduce<unknown>((inner) => ({ a: inner }), 1)),
);

/** Bodies that are not JSON at all, or JSON no DTO can be. */
export const hostileJsonText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', '{', '{"a":', '[1,', 'nul', '"unterminated', '{"a":1}{"b":2}', '\u0000', '{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"x":1}}}', '1', '"text"', 'null', '[]'),
  fc.string({ maxLength: 60, unit: 'grapheme' }),
  deepNestingText,
);

type Path = Array<string | number>;

/** Every location inside a JSON value, the root included. */
export function jsonPaths(value: unknown, prefix: Path = []): Path[] {
  const paths: Path[] = [prefix];
  if (Array.isArray(value)) {
    value.forEach((item, index) => paths.push(...jsonPaths(item, [...prefix, index])));
  } else if (value !== null && typeof value === 'object') {
    Object.entries(value).forEach(([key, item]) => paths.push(...jsonPaths(item, [...prefix, key])));
  }
  return paths;
}

/** A copy of `value` with what sits at `path` replaced (or, with `remove`, deleted). */
export function replaceAt(value: unknown, path: Path, replacement: unknown, remove = false): unknown {
  if (path.length === 0) {
    return replacement;
  }
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...(value as Record<string, unknown>) }) as Record<string | number, unknown>;
  if (remove && rest.length === 0) {
    if (Array.isArray(copy)) {
      copy.splice(head as number, 1);
    } else {
      delete copy[head!];
    }
    return copy;
  }
  copy[head!] = replaceAt(copy[head!], rest, replacement, remove);
  return copy;
}

/** A valid body made invalid in one way: a field of the wrong type, a field missing, or a field too many. */
export function mutatedBody(valid: unknown): fc.Arbitrary<unknown> {
  const paths = jsonPaths(valid);
  const inner = paths.filter((path) => path.length > 0);
  const options: Array<fc.Arbitrary<unknown>> = [
    fc.tuple(fc.constantFrom(...paths), hostileValue).map(([path, hostile]) => replaceAt(valid, path, hostile)),
    fc.tuple(fc.constantFrom(...HOSTILE_KEYS, 'unexpectedField'), hostileValue).map(([key, extra]) =>
      valid !== null && typeof valid === 'object' && !Array.isArray(valid) ? { ...valid, [key]: extra } : { [key]: extra },
    ),
  ];
  if (inner.length > 0) {
    options.push(fc.constantFrom(...inner).map((path) => replaceAt(valid, path, undefined, true)));
  }
  return fc.oneof(...options);
}
