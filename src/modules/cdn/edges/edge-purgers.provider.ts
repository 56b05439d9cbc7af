import { AppConfig } from '@app/config';
import type { Provider } from '@nestjs/common';

import { EDGE_PURGERS } from '../purge/edge-purge.queue.js';
import { createEdgePurgers } from './edge-purgers.factory.js';

export const edgePurgersProvider: Provider = {
  provide: EDGE_PURGERS,
  inject: [AppConfig],
  useFactory: (config: AppConfig) => {
    const purgers = createEdgePurgers(config.cdn);
    if (purgers.length > 0 && config.cdn.publicBaseUrl === undefined) {
      // Edges cache full URLs; without our public origin a purge could not name them.
      throw new Error('CDN_PUBLIC_BASE_URL is required when a Cloudflare zone or CloudFront distribution is configured.');
    }
    return purgers;
  },
};
