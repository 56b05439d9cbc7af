import { type AppConfig } from '@app/config';

import { CloudflarePurger } from './cloudflare-purger.js';
import { CloudFrontPurger } from './cloudfront-purger.js';
import { type EdgePurger } from './edge-purger.js';

const CLOUDFLARE_TIMEOUT_MS = 10_000;

/** The edges configured in front of the origin: Cloudflare with a zone and token, CloudFront with a distribution. */
export function createEdgePurgers(config: AppConfig['cdn']): EdgePurger[] {
  const purgers: EdgePurger[] = [];
  const { cloudflare, cloudfront } = config;
  if (cloudflare.zoneId && cloudflare.apiToken) {
    purgers.push(
      new CloudflarePurger({
        zoneId: cloudflare.zoneId,
        apiToken: cloudflare.apiToken,
        apiUrl: cloudflare.apiUrl,
        batchSize: cloudflare.purgeBatch,
        timeoutMs: CLOUDFLARE_TIMEOUT_MS,
      }),
    );
  }
  if (cloudfront.distributionId) {
    const { accessKeyId, secretAccessKey } = cloudfront;
    purgers.push(
      new CloudFrontPurger({
        distributionId: cloudfront.distributionId,
        endpoint: cloudfront.endpoint,
        // Both or neither: with neither the SDK's default chain (env, profile, instance role) applies.
        credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
      }),
    );
  }
  return purgers;
}
