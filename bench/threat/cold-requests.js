// Varied typical requests as a server receives them (query string and body text, parsed afresh for each request),
// a cache evictor that stands in for the HTTP stack's own work between two requests, and the timing of one such
// request. Shared by engine.js's evicted lines, engine-ab.js and engine-alloc.js.
import { performance } from 'node:perf_hooks';
import { parse as parseQueryString } from 'node:querystring';
import { URLSearchParams } from 'node:url';

import { typicalBody, typicalQuery } from './typical-request.js';

/** `count` varied requests (seeds 1..count, see typical-request.js) as query string and body text. */
export function requestTexts(count) {
  return Array.from({ length: count }, (_, seed) => ({
    queryString: new URLSearchParams(typicalQuery(seed + 1)).toString(),
    bodyText: JSON.stringify(typicalBody(seed + 1)),
  }));
}

/** What the threat guard reads of one request: fresh objects and strings, as Express gives them. */
export function parseRequest({ queryString, bodyText }) {
  return { query: parseQueryString(queryString), body: JSON.parse(bodyText) };
}

/** A function that reads `kilobytes` of memory, one 64-byte line per read, pushing out what the CPU caches held. */
export function cacheEvictor(kilobytes) {
  const evictable = new Int32Array((kilobytes * 1024) / 4);
  return () => {
    for (let i = 0; i < evictable.length; i += 16) {
      evictable[i] += 1;
    }
  };
}

/** Milliseconds `work` takes on the request `texts` describes, parsed afresh after `evictCaches` ran (neither timed). */
export function timeCold(work, texts, evictCaches) {
  evictCaches();
  const request = parseRequest(texts);
  const started = performance.now();
  work(request);
  return performance.now() - started;
}
