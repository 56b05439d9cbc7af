import { createHash } from 'node:crypto';
import { memoizeByString } from '@app/common';

/** Query parameters in one canonical order: names sorted, repeated values kept in the order sent. */
export function normalisedQuery(query: unknown): string {
  const pairs: [string, string][] = [];
  const walk = (prefix: string, value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach((item) => walk(prefix, item));
    } else if (value !== null && typeof value === 'object') {
      for (const name of Object.keys(value).sort()) {
        walk(prefix === '' ? name : `${prefix}[${name}]`, (value as Record<string, unknown>)[name]);
      }
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      pairs.push([prefix, String(value)]);
    }
  };
  walk('', query);
  return new URLSearchParams(pairs).toString();
}

/** Hot routes ask for the same few keys on every hit; a hash per hit cost more than the rest of the lookup. */
const keyOfIdentity = memoizeByString((identity) => createHash('sha256').update(identity).digest('base64url'), { longestKey: 512, max: 1_024 });

/**
 * The cache key of a response: a hash, so long paths and queries fit the key limit and never reach Redis or logs
 * in clear.
 */
export function httpCacheKey(method: string, path: string, query: unknown, principal: string | null): string {
  const identity = `${method} ${path}?${normalisedQuery(query)} ${principal ?? '*'}`;
  return keyOfIdentity(identity);
}

/** A strong ETag of a serialised body. */
export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** Whether an If-None-Match header names `etag` (or `*`); weak comparison, as RFC 9110 asks for GET. */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) {
    return false;
  }
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag.replace(/^W\//, '') === bare;
  });
}
