import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';

import { Scope } from '../../../src/modules/security/index.js';
import { FixturesController } from '../../support/fixtures.controller.js';
import { startAbuseApp, type AbuseApp } from '../../support/abuse/abuse-app.js';
import { compressionBomb, peakRssGrowth, type BombEncoding } from '../../support/abuse/compression-bomb.js';
import { expectProblem, type AnswerLike } from '../../support/abuse/problem.js';
import { postBytes } from '../../support/abuse/raw-http.js';
import { bearer, issueApiKey } from '../../support/principals.js';

const BODY_LIMIT_BYTES = 64 * 1024;
const INFLATED_MIB = 256;
const ENCODINGS: BombEncoding[] = ['gzip', 'deflate', 'br'];
const validBody = JSON.stringify({ title: 'hello', count: 3, owner: { name: 'ada' } });
const compressors: Record<BombEncoding, (body: Buffer) => Buffer> = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync };

/**
 * Abuse case: a request body a few hundred KiB on the wire that inflates to 256 MiB. The JSON and form parsers
 * accept gzip, deflate and br, and count the body limit on the inflated bytes: they stop at the limit with a 413,
 * so memory stays bounded by the limit, not by what the sender compressed. Unknown encodings are a 415.
 */
describe('abuse: decompression bombs in request bodies', () => {
  let target: AbuseApp;
  let bombs: Record<BombEncoding, Buffer>;
  let ingest: Record<string, string>;

  beforeAll(async () => {
    target = await startAbuseApp({ HTTP_BODY_LIMIT_BYTES: String(BODY_LIMIT_BYTES), RATE_LIMIT_ANONYMOUS: '100000' }, [FixturesController]);
    ingest = bearer(await issueApiKey(target.app, { scopes: [Scope.GPU_INGEST] }));
    bombs = { gzip: await compressionBomb('gzip', INFLATED_MIB), deflate: await compressionBomb('deflate', INFLATED_MIB), br: await compressionBomb('br', INFLATED_MIB) };
  });

  afterAll(() => target.close());

  const postEncoded = (path: string, encoding: string, body: Buffer, contentType = 'application/json', auth: Record<string, string> = {}): Promise<AnswerLike> =>
    postBytes(target.app, path, { ...auth, 'Content-Type': contentType, 'Content-Encoding': encoding }, body);

  it.each(ENCODINGS)('accepts a small %s-encoded JSON body (the legitimate form)', async (encoding) => {
    const response = await postEncoded('/fixtures/echo', encoding, compressors[encoding](Buffer.from(validBody)));
    expect(response.status).toBe(201);
    expect(response.body).toEqual(JSON.parse(validBody));
  });

  it.each(ENCODINGS)('stops a %s bomb at the body limit with 413, holding far less than it inflates to', async (encoding) => {
    expect(bombs[encoding].length).toBeLessThan((INFLATED_MIB * 1_048_576) / 100);
    const { result, growthBytes } = await peakRssGrowth(() => postEncoded('/fixtures/echo', encoding, bombs[encoding]));
    expectProblem(result, 413, 'COMMON.PAYLOAD_TOO_LARGE');
    expect(growthBytes).toBeLessThan((INFLATED_MIB * 1_048_576) / 4);
  });

  it('stops a bomb sent as a form and to the larger GPU ingest parser too', async () => {
    expectProblem(await postEncoded('/fixtures/echo', 'gzip', bombs.gzip, 'application/x-www-form-urlencoded'), 413, 'COMMON.PAYLOAD_TOO_LARGE');
    expectProblem(await postEncoded('/v1/gpu/samples', 'gzip', bombs.gzip, 'application/json', ingest), 413, 'COMMON.PAYLOAD_TOO_LARGE');
  });

  it('refuses encodings it does not decode, stacked ones included, with 415', async () => {
    for (const encoding of ['compress', 'gzip, gzip', 'x-gzip']) {
      expectProblem(await postEncoded('/fixtures/echo', encoding, bombs.gzip), 415, 'COMMON.UNSUPPORTED_MEDIA_TYPE');
    }
  });
});
