import type { IncomingMessage, ServerResponse } from 'node:http';

import { assignRequestId, REQUEST_ID_HEADER, requestIdOf } from './request-id.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function fakeExchange(incoming?: string | string[]): { req: IncomingMessage; res: ServerResponse; headers: Map<string, unknown> } {
  const headers = new Map<string, unknown>();
  const req = { headers: incoming === undefined ? {} : { 'x-request-id': incoming } } as unknown as IncomingMessage;
  const res = {
    setHeader: (name: string, value: unknown) => {
      headers.set(name, value);
    },
  } as unknown as ServerResponse;
  return { req, res, headers };
}

describe('assignRequestId', () => {
  it.each([
    ['a UUID', '0b6f1f53-3d0c-4a8e-9d1f-0e6c2b9f7a11'],
    ['a ULID', '01HZX3J8K9V6W5T4S3R2Q1P0NM'],
    ['a trace id with dots and colons', 'trace:abc.123_x-y'],
    ['128 characters', 'a'.repeat(128)],
  ])('echoes a sane incoming id (%s)', (_label, incoming) => {
    const { req, res, headers } = fakeExchange(incoming);

    const id = assignRequestId(req, res);

    expect(id).toBe(incoming);
    expect(headers.get(REQUEST_ID_HEADER)).toBe(incoming);
  });

  it('uses the first of repeated headers', () => {
    const { req, res } = fakeExchange(['first-id', 'second-id']);

    expect(assignRequestId(req, res)).toBe('first-id');
  });

  it.each([
    ['spaces', 'has spaces in it'],
    ['a newline (log injection)', 'ok\nlevel=error msg=forged'],
    ['a carriage return', 'ok\r'],
    ['129 characters', 'a'.repeat(129)],
    ['an empty value', ''],
    ['markup', '<script>'],
    ['non-ASCII letters', 'idé'],
  ])('replaces an id with %s by a fresh UUID', (_label, incoming) => {
    const { req, res, headers } = fakeExchange(incoming);

    const id = assignRequestId(req, res);

    expect(id).toMatch(UUID);
    expect(id).not.toBe(incoming);
    expect(headers.get(REQUEST_ID_HEADER)).toBe(id);
  });

  it('makes a UUID when no id comes in, and sets it on the response', () => {
    const { req, res, headers } = fakeExchange();

    const id = assignRequestId(req, res);

    expect(id).toMatch(UUID);
    expect(headers.get(REQUEST_ID_HEADER)).toBe(id);
  });

  it('makes a different id for each request', () => {
    const first = fakeExchange();
    const second = fakeExchange();

    expect(assignRequestId(first.req, first.res)).not.toBe(assignRequestId(second.req, second.res));
  });
});

describe('requestIdOf', () => {
  it('returns the id the request carries', () => {
    expect(requestIdOf({ id: 'req-1' } as IncomingMessage & { id: string })).toBe('req-1');
  });

  it('stringifies a numeric id', () => {
    expect(requestIdOf({ id: 7 } as IncomingMessage & { id: number })).toBe('7');
  });

  it.each([[undefined], [null], [{ nested: true }]])('returns an empty string for id %p', (id) => {
    expect(requestIdOf({ id } as IncomingMessage & { id: unknown })).toBe('');
  });
});
