import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

import { CommonExceptionCode } from '../errors/common.exception.js';
import { PROBLEM_CONTENT_TYPE, problemTitle, problemType } from '../errors/problem-details.js';

/** Node's parser errors and what the client is told. Anything else is a plain 400. */
const PARSER_ERRORS: Record<string, { status: number; code: CommonExceptionCode; detail: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, code: CommonExceptionCode.HEADERS_TOO_LARGE, detail: 'The request headers are larger than this server accepts.' },
  HPE_URI_TOO_LONG: { status: 414, code: CommonExceptionCode.URI_TOO_LONG, detail: 'The request URI is longer than this server accepts.' },
};

/** Headers of every Bulwark response that a parser error must carry too (helmet never runs for these). */
const SECURITY_HEADERS = [
  "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'",
  'Strict-Transport-Security: max-age=31536000; includeSubDomains',
  'X-Content-Type-Options: nosniff',
  'X-Frame-Options: DENY',
  'Referrer-Policy: no-referrer',
  'Cross-Origin-Opener-Policy: same-origin',
  'Cross-Origin-Resource-Policy: same-origin',
];

/**
 * Requests Node's HTTP parser refuses (oversized headers, malformed request lines) never reach Express, and Node
 * would answer them with a bare status line. This answers them as problem+json with the security headers.
 */
export function answerParserErrorsAsProblems(server: Server): void {
  server.on('clientError', (error: Error & { code?: string }, socket: Duplex) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const known = PARSER_ERRORS[error.code ?? ''] ?? { status: 400, code: CommonExceptionCode.BAD_REQUEST, detail: 'The request could not be parsed as HTTP.' };
    const id = randomUUID();
    const body = JSON.stringify({
      type: problemType(known.code),
      title: problemTitle(known.status),
      status: known.status,
      detail: known.detail,
      instance: '/',
      code: known.code,
      correlationId: id,
    });
    socket.end(
      [
        `HTTP/1.1 ${known.status} ${problemTitle(known.status)}`,
        `Content-Type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8`,
        `Content-Length: ${Buffer.byteLength(body)}`,
        `X-Request-Id: ${id}`,
        ...SECURITY_HEADERS,
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  });
}
