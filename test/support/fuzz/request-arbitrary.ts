import fc from 'fast-check';

import { hostileJsonText, hostileString, mutatedBody } from './hostile-values.js';
import type { IdPool } from './id-pool.js';
import type { Operation, Parameter } from './openapi-operations.js';
import { exemplarValue, validValue } from './schema-arbitrary.js';

export interface FuzzRequest {
  method: string;
  /** Path and query, already percent-encoded (or deliberately not). */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Strings sent that the response must never repeat (passwords). */
  secrets: readonly string[];
}

interface Body {
  bytes?: Buffer;
  contentType?: string;
  secrets: readonly string[];
}

/** encodeURIComponent for any string: a lone surrogate goes as U+FFFD (it has no UTF-8 form) instead of throwing. */
const percentEncode = (value: string): string => encodeURIComponent(Buffer.from(value, 'utf8').toString('utf8'));

/** Path segments a route may not expect: not UUIDs, encoded slashes and dots, bad escapes, huge, unicode. */
const oddSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('not-a-uuid', '..', '.', '%2F', 'a%2Fb', '%2e%2e%2f', '%00', '%', '%zz', '%C0%AF', '-1', '0', '1e3', 'null', '%20', '{id}', ':id'),
  fc.constantFrom('00000000-0000-4000-8000-000000000000'.toUpperCase(), '{00000000-0000-4000-8000-000000000000}', '00000000000040008000000000000000'),
  fc.string({ minLength: 1, maxLength: 30, unit: 'grapheme' }).map(encodeURIComponent),
  fc.integer({ min: 2_000, max: 9_000 }).map((length) => 'a'.repeat(length)),
);

const validSegment = (parameter: Parameter, ids: IdPool, template: string): fc.Arbitrary<string> =>
  fc.oneof({ arbitrary: ids.arbitrary(template), weight: 2 }, fc.uuid(), validValue(parameter.schema).map((value) => percentEncode(String(value))));

function pathFor(operation: Operation, segment: (parameter: Parameter) => fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(...operation.pathParams.map(segment))
    .map((values) => operation.pathParams.reduce((path, parameter, index) => path.replace(`{${parameter.name}}`, values[index]!), operation.template));
}

const asQueryValue = (value: unknown): string => (typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));

type Pairs = readonly string[];

/** A query parameter as the schema wants it: present when required, sometimes when optional. */
function validPairs(parameter: Parameter): fc.Arbitrary<Pairs> {
  const pair = validValue(parameter.schema).map((value): Pairs => [`${percentEncode(parameter.name)}=${percentEncode(asQueryValue(value))}`]);
  return parameter.required ? pair : fc.oneof(pair, fc.constant<Pairs>([]));
}

/** A query parameter the schema does not want: hostile, repeated, bracketed, bare, badly escaped or missing. */
function oddPairs(parameter: Parameter): fc.Arbitrary<Pairs> {
  const name = percentEncode(parameter.name);
  return fc.oneof(
    hostileString.map((value): Pairs => [`${name}=${percentEncode(value)}`]),
    fc.constantFrom<Pairs>([`${name}=1`, `${name}=2`], [`${name}[]=1`], [`${name}[a]=1`], [name], [`${name}=%`], [`${name}=%zz`], [`${name}=-1`], [`${name}=1e309`], [`${name}=NaN`], []),
  );
}

const UNKNOWN_PAIRS = fc.constantFrom<Pairs>(['unknownParam=1'], ['__proto__[x]=1'], ['a=%'], ['='], ['&&&']);

function queryFor(operation: Operation, odd: boolean): fc.Arbitrary<string> {
  const valid = fc.tuple(...operation.queryParams.map(validPairs));
  const broken = operation.queryParams.length === 0 ? fc.tuple(UNKNOWN_PAIRS) : fc.tuple(...operation.queryParams.map((p) => fc.oneof(validPairs(p), oddPairs(p))), fc.oneof(fc.constant<Pairs>([]), UNKNOWN_PAIRS));
  return (odd ? broken : valid).map((groups) => {
    const pairs = groups.flat();
    return pairs.length > 0 ? `?${pairs.join('&')}` : '';
  });
}

const passwordsIn = (value: unknown): string[] =>
  value !== null && typeof value === 'object'
    ? Object.entries(value).flatMap(([key, item]) => (key === 'password' && typeof item === 'string' && item.trim().length >= 8 ? [item] : passwordsIn(item)))
    : [];

function multipartBody(value: unknown): Body {
  const boundary = 'fuzz-boundary-7d1f';
  const fields: Array<[string, unknown]> = value !== null && typeof value === 'object' ? Object.entries(value) : [['file', value]];
  const parts = fields.flatMap(([name, item]) => {
    const files = item instanceof Uint8Array ? [item] : Array.isArray(item) && item.every((f) => f instanceof Uint8Array) ? item : undefined;
    if (files) {
      return files.map((bytes, index) => Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="fuzz-${index}.css"\r\nContent-Type: text/css\r\n\r\n`), Buffer.from(bytes), Buffer.from('\r\n')]));
    }
    return [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${asQueryValue(item)}\r\n`)];
  });
  return { bytes: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}`, secrets: [] };
}

function encodeBody(mediaType: string, value: unknown): Body {
  if (mediaType === 'multipart/form-data') {
    return multipartBody(value);
  }
  if (value instanceof Uint8Array) {
    return { bytes: Buffer.from(value), contentType: mediaType, secrets: [] };
  }
  return { bytes: value === undefined ? undefined : Buffer.from(JSON.stringify(value)), contentType: 'application/json', secrets: passwordsIn(value) };
}

const NO_BODY = fc.constant<Body>({ secrets: [] });
const hostileJsonBody = hostileJsonText.map((text): Body => ({ bytes: Buffer.from(text), contentType: 'application/json', secrets: [] }));

function validBody(operation: Operation): fc.Arbitrary<Body> {
  if (!operation.body) {
    return NO_BODY;
  }
  const { mediaType, schema } = operation.body;
  return fc.oneof(validValue(schema), exemplarValue(schema)).map((value) => encodeBody(mediaType, value));
}

/** A body one step from valid (a field wrong, missing or extra), or not JSON, or bytes, or none at all. */
function oddBody(operation: Operation): fc.Arbitrary<Body> {
  if (!operation.body) {
    return hostileJsonBody;
  }
  const { mediaType, schema } = operation.body;
  return fc.oneof(
    { arbitrary: validValue(schema).chain(mutatedBody).map((value) => encodeBody(mediaType === 'multipart/form-data' ? 'application/json' : mediaType, value)), weight: 4 },
    { arbitrary: hostileJsonBody, weight: 1 },
    { arbitrary: fc.uint8Array({ maxLength: 512 }).map((bytes): Body => ({ bytes: Buffer.from(bytes), contentType: mediaType, secrets: [] })), weight: 1 },
    { arbitrary: NO_BODY, weight: 1 },
  );
}

const latin1 = (maxLength: number): fc.Arbitrary<string> => fc.string({ maxLength, unit: fc.integer({ min: 0x20, max: 0xff }).filter((code) => code !== 0x7f).map((code) => String.fromCharCode(code)) });

const oddContentType = fc.constantFrom(
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/merge-patch+json',
  'application/*',
  '*/*',
  ';;;',
);

/** Headers beside the credential: odd content types and accepts, encodings that lie, giant and strange values. */
const oddHeaders: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    'content-type': oddContentType,
    accept: fc.constantFrom('application/xml', 'text/html', 'text/event-stream', 'application/problem+json', 'image/*;q=0', 'garbage', '*/*'),
    'content-encoding': fc.constantFrom('gzip', 'br', 'deflate', 'identity', 'x-unknown'),
    'x-request-id': fc.oneof(latin1(80), fc.constant('x'.repeat(300))),
    'x-giant': fc.integer({ min: 4_000, max: 24_000 }).map((length) => 'g'.repeat(length)),
    'x-forwarded-for': fc.constantFrom('1.2.3.4', 'garbage, ::1', '999.999.999.999'),
    'if-none-match': latin1(40),
    range: fc.constantFrom('bytes=0-0', 'bytes=-1', 'bytes=9-1', 'lines=1-2', 'bytes=0-0,1-1,2-2'),
    'accept-encoding': fc.constantFrom('br', 'gzip;q=0, identity;q=0', 'x-unknown'),
  },
  { requiredKeys: [] },
);

const validHeaders = fc.record({ accept: fc.constantFrom('application/json', 'text/event-stream', '*/*') }, { requiredKeys: [] });

type Broken = 'nothing' | 'path' | 'query' | 'body' | 'headers' | 'everything';
const BROKEN: Array<{ arbitrary: fc.Arbitrary<Broken>; weight: number }> = [
  { arbitrary: fc.constant('nothing'), weight: 3 },
  { arbitrary: fc.constant('path'), weight: 1 },
  { arbitrary: fc.constant('query'), weight: 1 },
  { arbitrary: fc.constant('body'), weight: 3 },
  { arbitrary: fc.constant('headers'), weight: 1 },
  { arbitrary: fc.constant('everything'), weight: 1 },
];

/** Requests for one operation: well formed, or broken in one place (path, query, body or headers), or in all. */
export function requestFor(operation: Operation, ids: IdPool): fc.Arbitrary<FuzzRequest> {
  const validSegments = pathFor(operation, (parameter) => validSegment(parameter, ids, operation.template));
  const oddSegments = pathFor(operation, (parameter) => fc.oneof(validSegment(parameter, ids, operation.template), oddSegment));
  return fc
    .oneof(...BROKEN)
    .chain((broken) => {
      const odd = (part: Broken): boolean => broken === part || broken === 'everything';
      return fc.record({
        path: odd('path') && operation.pathParams.length > 0 ? oddSegments : validSegments,
        query: queryFor(operation, odd('query')),
        body: odd('body') ? oddBody(operation) : validBody(operation),
        odd: odd('headers') ? oddHeaders : validHeaders,
      });
    })
    .map(({ path, query, body, odd }) => ({
      method: operation.method,
      path: `${path}${query}`,
      headers: { ...(body.contentType ? { 'content-type': body.contentType } : {}), ...odd },
      body: body.bytes,
      secrets: body.secrets,
    }));
}
