import { startAbuseApp, type AbuseApp } from '../../support/abuse/abuse-app.js';
import { expectProblem } from '../../support/abuse/problem.js';
import { sendRaw, type RawHttpAnswer } from '../../support/abuse/raw-http.js';

const INJECTED = 'set-cookie';

function request(lines: string[]): string {
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** A refusal by the HTTP layer: the status, problem+json, and nothing smuggled into the response head. */
function expectRefused(answer: RawHttpAnswer, status: number): void {
  expect(answer.status).toBe(status);
  expect(answer.headers).toContainEqual(['content-type', expect.stringMatching(/^application\/problem\+json/)]);
  expect(JSON.parse(answer.body)).toMatchObject({ status });
  expect(answer.headers.map(([name]) => name)).not.toContain(INJECTED);
}

/**
 * Abuse case: headers built to break the parser or the response: larger than the server takes, or carrying CR,
 * LF or NUL to smuggle a header into the answer. They end in 431 or 400 problem+json, never a 500, and nothing
 * the client wrote appears as a response header.
 */
describe('abuse: oversized and CRLF-laden headers', () => {
  let target: AbuseApp;

  beforeAll(async () => {
    target = await startAbuseApp();
  });

  afterAll(() => target.close());

  it('answers a plain request over a raw socket (the legitimate form)', async () => {
    const answer = await sendRaw(target.app, request(['GET /health/live HTTP/1.1', 'Host: localhost', 'X-Note: fine', 'Connection: close']));
    expect(answer.status).toBe(200);
  });

  it('refuses one header larger than the server accepts with 431', async () => {
    expectRefused(await sendRaw(target.app, request(['GET /health/live HTTP/1.1', 'Host: localhost', `X-Big: ${'a'.repeat(64 * 1024)}`, 'Connection: close'])), 431);
  });

  it('refuses thousands of small headers adding up past the limit with 431', async () => {
    const many = Array.from({ length: 4000 }, (_, index) => `X-H${index}: ${'v'.repeat(8)}`);
    expectRefused(await sendRaw(target.app, request(['GET /health/live HTTP/1.1', 'Host: localhost', ...many, 'Connection: close'])), 431);
  });

  it.each([
    ['a bare CR', 'X-Request-Id: abc\rSet-Cookie: pwned=1'],
    ['a bare LF', 'X-Request-Id: abc\nSet-Cookie: pwned=1'],
    ['a NUL byte', 'X-Request-Id: abc\u0000Set-Cookie: pwned=1'],
    ['a folded continuation line', 'X-Request-Id: abc\r\n Set-Cookie: pwned=1'],
  ])('refuses a header value with %s with 400', async (_name, header) => {
    expectRefused(await sendRaw(target.app, request(['GET /health/live HTTP/1.1', 'Host: localhost', header, 'Connection: close'])), 400);
  });

  it('keeps percent-encoded CRLF in the path and in X-Request-Id out of the response head', async () => {
    const encoded = await target.http().get('/v1/nothing%0d%0aSet-Cookie:%20pwned=1').set('X-Request-Id', 'abc%0d%0aSet-Cookie:%20pwned=1');
    expectProblem(encoded, 404, 'COMMON.NOT_FOUND');
    expect(encoded.headers[INJECTED]).toBeUndefined();
    expect(encoded.headers['x-request-id']).not.toContain('%0d');
  });
});
