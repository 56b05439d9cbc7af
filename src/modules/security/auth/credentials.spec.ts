import type { Request } from 'express';

import { SecurityException, SecurityExceptionCode } from '../security.exception.js';
import { extractCredential } from './credentials.js';

const isKey = (value: string): boolean => value.startsWith('bwk_');

function request(headers: Record<string, string> = {}, query: Record<string, string> = {}): Request {
  return { headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])), query } as unknown as Request;
}

function codeOf(work: () => unknown): string | undefined {
  try {
    work();
    return undefined;
  } catch (error) {
    return error instanceof SecurityException ? error.code : 'not a SecurityException';
  }
}

describe('extractCredential', () => {
  it('returns nothing when no credential is presented', () => {
    expect(extractCredential(request(), isKey)).toBeUndefined();
  });

  it('reads an API key from X-API-Key', () => {
    expect(extractCredential(request({ 'X-API-Key': 'bwk_abc' }), isKey)).toEqual({ kind: 'api-key', value: 'bwk_abc' });
  });

  it('reads an API key from Authorization: Bearer, case-insensitively', () => {
    expect(extractCredential(request({ Authorization: 'bearer bwk_abc' }), isKey)).toEqual({ kind: 'api-key', value: 'bwk_abc' });
  });

  it('treats any other bearer token as a JWT', () => {
    expect(extractCredential(request({ Authorization: 'Bearer eyJ.x.y' }), isKey)).toEqual({ kind: 'bearer', value: 'eyJ.x.y' });
  });

  it.each(['api_key', 'apikey', 'key', 'access_token', 'token'])('refuses a credential in the query parameter %s', (name) => {
    expect(codeOf(() => extractCredential(request({}, { [name]: 'bwk_abc' }), isKey))).toBe(SecurityExceptionCode.API_KEY_IN_QUERY);
  });

  it('refuses a credential in the query even when a header is also present', () => {
    expect(codeOf(() => extractCredential(request({ 'X-API-Key': 'bwk_abc' }, { api_key: 'bwk_abc' }), isKey))).toBe(
      SecurityExceptionCode.API_KEY_IN_QUERY,
    );
  });

  it.each(['Basic dXNlcjpwdw==', 'Bearer', 'Bearer a b', 'Token abc'])('rejects the malformed Authorization %p', (value) => {
    expect(codeOf(() => extractCredential(request({ Authorization: value }), isKey))).toBe(SecurityExceptionCode.INVALID_TOKEN);
  });

  it('rejects an oversized credential before any parsing', () => {
    expect(codeOf(() => extractCredential(request({ Authorization: `Bearer ${'a'.repeat(5_000)}` }), isKey))).toBe(
      SecurityExceptionCode.INVALID_TOKEN,
    );
  });
});
