import { CloudflarePurger, CloudFrontPurger, EdgePurgeError, type EdgePurgeRequest, EdgeRateLimitedError } from '../../src/modules/cdn/edges/index.js';
import { CloudflareApiServer } from '../support/cloudflare-api-server.js';
import { CloudFrontApiServer } from '../support/cloudfront-api-server.js';

const ZONE_ID = '023e105f4ecef8ad9ca31a8372d0c353';
const API_TOKEN = 'cf-token-Y5zq8sXk1t9Vb2';
const DISTRIBUTION_ID = 'EDFDVBD6EXAMPLE';
const ACCESS_KEY_ID = 'AKIDEXAMPLE';
const SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';

function request(parts: Partial<EdgePurgeRequest>): EdgePurgeRequest {
  return { urls: [], tags: [], prefixes: [], ...parts };
}

function urls(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `https://cdn.example.com/assets/${index}.png`);
}

async function failure(promise: Promise<unknown>): Promise<EdgePurgeError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EdgePurgeError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the purge to fail');
}

describe(CloudflarePurger.name, () => {
  let server: CloudflareApiServer;

  function purger(overrides: { apiToken?: string; batchSize?: number } = {}): CloudflarePurger {
    return new CloudflarePurger({ zoneId: ZONE_ID, apiToken: API_TOKEN, apiUrl: server.apiUrl, batchSize: 100, timeoutMs: 5000, ...overrides });
  }

  beforeEach(async () => {
    server = await CloudflareApiServer.start({ apiToken: API_TOKEN });
  });

  afterEach(async () => {
    await server.close();
  });

  describe('purge', () => {
    it('sends URLs in calls of at most the batch size and reports each call', async () => {
      const progress: [number, number][] = [];

      const result = await purger().purge(request({ urls: urls(250) }), (done, total) => progress.push([done, total]));

      expect(server.calls.map((call) => (call.body.files as string[]).length)).toEqual([100, 100, 50]);
      expect(server.calls.flatMap((call) => call.body.files)).toEqual(urls(250));
      expect(server.calls.every((call) => call.zoneId === ZONE_ID)).toBe(true);
      expect(result).toEqual({ edge: 'cloudflare', calls: 3, ids: server.calls.map((call) => call.id) });
      expect(progress).toEqual([[1, 3], [2, 3], [3, 3]]);
    });

    it('sends one kind per call: files, then tags, then prefixes', async () => {
      await purger({ batchSize: 2 }).purge(
        request({ urls: ['https://cdn.example.com/a.css'], tags: ['asset:1', 'asset:2', 'asset:3', 'asset:1'], prefixes: ['cdn.example.com/img/'] }),
      );

      expect(server.calls.map((call) => call.body)).toEqual([
        { files: ['https://cdn.example.com/a.css'] },
        { tags: ['asset:1', 'asset:2'] },
        { tags: ['asset:3'] },
        { prefixes: ['cdn.example.com/img/'] },
      ]);
    });

    it('makes no call for an empty request', async () => {
      await expect(purger().purge(request({}))).resolves.toEqual({ edge: 'cloudflare', calls: 0, ids: [] });
      expect(server.calls).toHaveLength(0);
    });

    it('fails without retry on a bad token and keeps the token out of the error', async () => {
      const error = await failure(purger({ apiToken: 'wrong-token-Q7' }).purge(request({ urls: urls(1) })));

      expect(error).not.toBeInstanceOf(EdgeRateLimitedError);
      expect(error.retryable).toBe(false);
      expect(error.message).toContain('403');
      expect(error.message).toContain('10000 Authentication error');
      expect(error.message).not.toContain('wrong-token-Q7');
      expect(JSON.stringify(error)).not.toContain('wrong-token-Q7');
    });

    it('fails without retry when Cloudflare refuses the request shape', async () => {
      const error = await failure(purger({ batchSize: 101 }).purge(request({ urls: urls(101) })));

      expect(error.retryable).toBe(false);
      expect(error.message).toMatch(/HTTP 400: 1012 Too many files/);
    });

    it('reports a rate limit with the wait Cloudflare asked for', async () => {
      await server.close();
      server = await CloudflareApiServer.start({ apiToken: API_TOKEN, rateLimit: { calls: 2, windowMs: 60_000 } });

      const error = await failure(purger().purge(request({ urls: urls(300) })));

      expect(error).toBeInstanceOf(EdgeRateLimitedError);
      expect(error.retryable).toBe(true);
      expect((error as EdgeRateLimitedError).retryAfterMs).toBeGreaterThan(0);
      expect((error as EdgeRateLimitedError).retryAfterMs).toBeLessThanOrEqual(60_000);
      expect(server.calls).toHaveLength(2);
    });

    it('marks a server failure retryable, and a retry then goes through', async () => {
      server.failNext(1);

      const error = await failure(purger().purge(request({ urls: urls(1) })));

      expect(error).not.toBeInstanceOf(EdgeRateLimitedError);
      expect(error.retryable).toBe(true);
      expect(error.message).toContain('HTTP 502');
      await expect(purger().purge(request({ urls: urls(1) }))).resolves.toMatchObject({ calls: 1 });
    });

    it('marks a call that times out retryable', async () => {
      server.stallNext(1);

      const error = await failure(
        new CloudflarePurger({ zoneId: ZONE_ID, apiToken: API_TOKEN, apiUrl: server.apiUrl, batchSize: 100, timeoutMs: 200 }).purge(request({ urls: urls(1) })),
      );

      expect(error.retryable).toBe(true);
      expect(error.message).toContain('timed out');
    });

    it('marks an unreachable API retryable', async () => {
      const apiUrl = server.apiUrl;
      await server.close();
      server = await CloudflareApiServer.start({ apiToken: API_TOKEN });

      const error = await failure(
        new CloudflarePurger({ zoneId: ZONE_ID, apiToken: API_TOKEN, apiUrl, batchSize: 100, timeoutMs: 5000 }).purge(request({ urls: urls(1) })),
      );

      expect(error.retryable).toBe(true);
      expect(error.message).not.toContain(API_TOKEN);
    });
  });
});

describe(CloudFrontPurger.name, () => {
  let server: CloudFrontApiServer;
  const purgers: CloudFrontPurger[] = [];

  function purger(overrides: { secretAccessKey?: string; filesPerCall?: number } = {}): CloudFrontPurger {
    const created = new CloudFrontPurger({
      distributionId: DISTRIBUTION_ID,
      endpoint: server.endpoint,
      credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: overrides.secretAccessKey ?? SECRET_ACCESS_KEY },
      filesPerCall: overrides.filesPerCall,
    });
    purgers.push(created);
    return created;
  }

  beforeEach(async () => {
    server = await CloudFrontApiServer.start({ distributionId: DISTRIBUTION_ID, accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY });
  });

  afterEach(async () => {
    purgers.splice(0).forEach((created) => created.close());
    await server.close();
  });

  describe('purge', () => {
    it('invalidates URL paths in signed batches and reports each call', async () => {
      const progress: [number, number][] = [];

      const result = await purger({ filesPerCall: 100 }).purge(request({ urls: urls(250) }), (done, total) => progress.push([done, total]));

      expect(server.invalidations.map((item) => item.paths.length)).toEqual([100, 100, 50]);
      expect(server.invalidations[0]?.paths[0]).toBe('/assets/0.png');
      expect(result).toEqual({ edge: 'cloudfront', calls: 3, ids: server.invalidations.map((item) => item.id) });
      expect(progress).toEqual([[1, 3], [2, 3], [3, 3]]);
    });

    it('percent-encodes spaces, non-ASCII and asterisks in paths', async () => {
      await purger().purge(request({ urls: ['https://cdn.example.com/photos/summer day.jpg', 'https://cdn.example.com/café/ünï.png?w=320', 'https://cdn.example.com/a*b.txt'] }));

      expect(server.invalidations[0]?.paths).toEqual(['/photos/summer%20day.jpg', '/caf%C3%A9/%C3%BCn%C3%AF.png?w=320', '/a%2Ab.txt']);
    });

    it('turns prefixes into trailing wildcards, at most 15 per invalidation', async () => {
      const prefixes = Array.from({ length: 16 }, (_, index) => `cdn.example.com/dir${index}/`);

      await purger().purge(request({ prefixes, urls: ['https://cdn.example.com/x.js'] }));

      expect(server.invalidations.map((item) => item.paths)).toEqual([
        ['/x.js'],
        prefixes.slice(0, 15).map((_, index) => `/dir${index}/*`),
        ['/dir15/*'],
      ]);
    });

    it('reuses the invalidation when a named purge is sent again', async () => {
      const first = await purger().purge({ ...request({ urls: urls(3) }), reference: 'job-42' });
      const again = await purger().purge({ ...request({ urls: urls(3) }), reference: 'job-42' });
      const other = await purger().purge({ ...request({ urls: urls(3) }), reference: 'job-43' });

      expect(again.ids).toEqual(first.ids);
      expect(other.ids).not.toEqual(first.ids);
      expect(server.requests).toBe(3);
      expect(server.invalidations).toHaveLength(2);
    });

    it('creates a new invalidation for an unnamed purge of the same paths', async () => {
      const first = await purger().purge(request({ urls: urls(2) }));
      const second = await purger().purge(request({ urls: urls(2) }));

      expect(second.ids).not.toEqual(first.ids);
      expect(server.invalidations).toHaveLength(2);
    });

    it('reports TooManyInvalidationsInProgress as a rate limit', async () => {
      server.simulate('TooManyInvalidationsInProgress');

      const error = await failure(purger().purge(request({ urls: urls(1) })));

      expect(error).toBeInstanceOf(EdgeRateLimitedError);
      expect(error.retryable).toBe(true);
      expect(server.requests).toBe(1);
    });

    it('reports Throttling as a rate limit', async () => {
      server.simulate('Throttling');

      await expect(purger().purge(request({ urls: urls(1) }))).rejects.toBeInstanceOf(EdgeRateLimitedError);
    });

    it('reports a 503 SlowDown as a rate limit', async () => {
      server.simulate('SlowDown');

      await expect(purger().purge(request({ urls: urls(1) }))).rejects.toBeInstanceOf(EdgeRateLimitedError);
    });

    it('marks a server failure retryable without retrying inside the SDK', async () => {
      server.simulate('ServiceUnavailable', 5);

      const error = await failure(purger().purge(request({ urls: urls(1) })));

      expect(error).not.toBeInstanceOf(EdgeRateLimitedError);
      expect(error.retryable).toBe(true);
      expect(error.message).toContain('HTTP 500');
      expect(server.requests).toBe(1);
    });

    it('refuses an entry that is not a URL without calling CloudFront', async () => {
      const error = await failure(purger().purge(request({ urls: ['not a url'] })));

      expect(error.retryable).toBe(false);
      expect(server.requests).toBe(0);
    });

    it('marks an unreachable endpoint retryable', async () => {
      const created = purger();
      await server.close();
      server = await CloudFrontApiServer.start({ distributionId: DISTRIBUTION_ID, accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY });

      const error = await failure(created.purge(request({ urls: urls(1) })));

      expect(error).not.toBeInstanceOf(EdgeRateLimitedError);
      expect(error.retryable).toBe(true);
    });

    it('fails without retry on a bad signature and keeps the secret out of the error', async () => {
      const error = await failure(purger({ secretAccessKey: 'not-the-secret-Z9' }).purge(request({ urls: urls(1) })));

      expect(error.retryable).toBe(false);
      expect(error.message).toContain('SignatureDoesNotMatch');
      expect(error.message).not.toContain('not-the-secret-Z9');
      expect(server.invalidations).toHaveLength(0);
    });
  });
});
