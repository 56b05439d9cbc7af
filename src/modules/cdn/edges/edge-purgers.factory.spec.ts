import { testConfig } from '@app/testing';

import { CloudflarePurger } from './cloudflare-purger.js';
import { CloudFrontPurger } from './cloudfront-purger.js';
import { type EdgePurger } from './edge-purger.js';
import { createEdgePurgers } from './edge-purgers.factory.js';

const CLOUDFLARE = { CDN_CLOUDFLARE_ZONE_ID: '023e105f4ecef8ad9ca31a8372d0c353', CDN_CLOUDFLARE_API_TOKEN: 'token' };
const CLOUDFRONT = { CDN_CLOUDFRONT_DISTRIBUTION_ID: 'EDFDVBD6EXAMPLE' };

describe('createEdgePurgers', () => {
  let purgers: EdgePurger[] = [];

  afterEach(() => {
    purgers.forEach((purger) => (purger instanceof CloudFrontPurger ? purger.close() : undefined));
    purgers = [];
  });

  it('configures no edge by default', () => {
    purgers = createEdgePurgers(testConfig().cdn);

    expect(purgers).toEqual([]);
  });

  it('configures Cloudflare only with both a zone and a token', () => {
    expect(createEdgePurgers(testConfig({ CDN_CLOUDFLARE_ZONE_ID: CLOUDFLARE.CDN_CLOUDFLARE_ZONE_ID }).cdn)).toEqual([]);

    purgers = createEdgePurgers(testConfig(CLOUDFLARE).cdn);

    expect(purgers).toHaveLength(1);
    expect(purgers[0]).toBeInstanceOf(CloudflarePurger);
    expect(purgers[0]).toMatchObject({ name: 'cloudflare', supportsTags: true });
  });

  it('configures CloudFront with a distribution, and both edges when both are set', () => {
    purgers = createEdgePurgers(testConfig({ ...CLOUDFLARE, ...CLOUDFRONT }).cdn);

    expect(purgers.map((purger) => [purger.name, purger.supportsTags])).toEqual([
      ['cloudflare', true],
      ['cloudfront', false],
    ]);
    expect(purgers[1]).toBeInstanceOf(CloudFrontPurger);
  });
});
