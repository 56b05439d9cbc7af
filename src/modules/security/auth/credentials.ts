import type { Request } from 'express';

import { SecurityException, SecurityExceptionCode } from '../security.exception.js';

export type Credential = { kind: 'api-key'; value: string } | { kind: 'bearer'; value: string };

/** Query parameters in which clients commonly (and wrongly) put credentials. */
const CREDENTIAL_QUERY_PARAMS = ['api_key', 'apikey', 'api-key', 'key', 'access_token', 'token'];
const MAX_CREDENTIAL_LENGTH = 4_096;

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The credential a request presents: `X-API-Key`, or `Authorization: Bearer` (an API key when it has the key
 * prefix, else a JWT). A credential in the query string is refused: URLs end up in logs, histories and referers.
 */
export function extractCredential(request: Request, looksLikeApiKey: (value: string) => boolean): Credential | undefined {
  const query = request.query as Record<string, unknown>;
  if (CREDENTIAL_QUERY_PARAMS.some((name) => name in query)) {
    throw new SecurityException(
      SecurityExceptionCode.API_KEY_IN_QUERY,
      'Credentials are not accepted in the query string; send them in the Authorization or X-API-Key header.',
    );
  }
  const apiKeyHeader = single(request.headers['x-api-key'])?.trim();
  const authorization = single(request.headers.authorization)?.trim();
  const presented = apiKeyHeader ?? authorization;
  if (presented !== undefined && presented.length > MAX_CREDENTIAL_LENGTH) {
    throw new SecurityException(SecurityExceptionCode.INVALID_TOKEN, 'The credential is too long.');
  }
  if (apiKeyHeader) {
    return { kind: 'api-key', value: apiKeyHeader };
  }
  if (!authorization) {
    return undefined;
  }
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match) {
    throw new SecurityException(SecurityExceptionCode.INVALID_TOKEN, 'Authorization must be `Bearer <token>`.', {
      headers: { 'WWW-Authenticate': 'Bearer error="invalid_request"' },
    });
  }
  const token = match[1]!;
  return looksLikeApiKey(token) ? { kind: 'api-key', value: token } : { kind: 'bearer', value: token };
}
