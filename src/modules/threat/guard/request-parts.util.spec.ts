import type { Request } from 'express';

import { flattenRequest } from '../engine/index.js';
import { requestParts } from './request-parts.util.js';

function fakeRequest(headers: Record<string, string>, rest: Partial<Request> = {}): Request {
  return { headers, params: {}, query: {}, body: undefined, ...rest } as unknown as Request;
}

describe('requestParts', () => {
  it('takes only User-Agent and Referer of the headers (credentials and cookies stay out of the header section)', () => {
    const parts = requestParts(fakeRequest({ 'user-agent': 'curl/8', referer: 'https://a.example/', authorization: 'Bearer secret', 'x-other': 'y' }));
    expect(parts.headers).toEqual({ 'user-agent': 'curl/8', referer: 'https://a.example/' });
  });

  it('parses and URL-decodes cookies into a plain object the flattener walks, keeping a malformed escape as sent', () => {
    const parts = requestParts(fakeRequest({ cookie: "a=1%27%20or%201%3D1; b=%E0%A4%A; c=plain" }));
    expect(flattenRequest(parts).values.map(({ location, value, key }) => ({ location, value, key }))).toEqual([
      { location: 'cookie.a#key', value: 'a', key: true },
      { location: 'cookie.a', value: "1' or 1=1", key: false },
      { location: 'cookie.b#key', value: 'b', key: true },
      { location: 'cookie.b', value: '%E0%A4%A', key: false },
      { location: 'cookie.c#key', value: 'c', key: true },
      { location: 'cookie.c', value: 'plain', key: false },
    ]);
  });

  it('passes params, query and body through as Express parsed them', () => {
    const request = fakeRequest({}, { params: { id: '7' }, query: { q: 'x' }, body: { a: ['b'] } });
    expect(requestParts(request)).toMatchObject({ params: { id: '7' }, query: { q: 'x' }, body: { a: ['b'] }, cookies: undefined });
  });
});
