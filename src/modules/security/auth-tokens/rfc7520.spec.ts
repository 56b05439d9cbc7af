import { readFileSync } from 'node:fs';

import { CompactSign, compactVerify, importJWK, type JWK } from 'jose';

import { ACCESS_TOKEN_ALGORITHMS } from './access-token.service.js';

interface Rfc7520Jws {
  input: { payload: string; key: JWK; alg: string };
  signing: { protected: { alg: string; kid: string }; sig: string };
  output: { compact: string };
}

const read = <T>(name: string): T => JSON.parse(readFileSync(new URL(`./rfc7520-vectors/${name}.json`, import.meta.url), 'utf8')) as T;

/** RFC 7520 §4.4: the HS256 path (jose, our algorithm allowlist) against the published example. */
describe('HS256 against RFC 7520 §4.4', () => {
  const vector = read<Rfc7520Jws>('jws_4_4.hmac-sha2_integrity_protection');
  const jwk = read<JWK>('jwk_3_5.symmetric_key_mac_computation');

  it('uses the key of RFC 7520 §3.5', () => {
    expect(vector.input.key).toEqual(jwk);
  });

  it('verifies the exact compact JWS with the HS256-only allowlist and recovers the payload', async () => {
    const key = await importJWK(jwk, 'HS256');
    const { payload, protectedHeader } = await compactVerify(vector.output.compact, key, { algorithms: ACCESS_TOKEN_ALGORITHMS });
    expect(new TextDecoder().decode(payload)).toBe(vector.input.payload);
    expect(protectedHeader).toEqual(vector.signing.protected);
  });

  it('produces the same signature byte for byte', async () => {
    const key = await importJWK(jwk, 'HS256');
    const compact = await new CompactSign(new TextEncoder().encode(vector.input.payload)).setProtectedHeader(vector.signing.protected).sign(key);
    expect(compact).toBe(vector.output.compact);
    expect(compact.split('.')[2]).toBe(vector.signing.sig);
  });

  it('rejects the vector with one payload character changed', async () => {
    const key = await importJWK(jwk, 'HS256');
    const [header, payload, signature] = vector.output.compact.split('.') as [string, string, string];
    const tampered = `${header}.${payload.slice(0, -1)}${payload.endsWith('4') ? '5' : '4'}.${signature}`;
    await expect(compactVerify(tampered, key, { algorithms: ACCESS_TOKEN_ALGORITHMS })).rejects.toThrow(/signature verification failed/);
  });
});
