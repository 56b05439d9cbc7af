import { FREE_LIMIT, globalRateLimit } from './scenarios/global-rate-limit.js';
import { postgresOutage } from './scenarios/postgres-outage.js';
import { redisOutage } from './scenarios/redis-outage.js';
import { sigtermOneInstance } from './scenarios/sigterm.js';
import { soak, SOAK_SECONDS } from './scenarios/soak.js';
import { ReliabilityCluster } from './support/reliability-cluster.js';

// One deployment for every scenario, in this order; each outage scenario also checks the recovery the next one starts
// from, and the SIGTERM scenario, which leaves two instances, comes last.
describe('reliability: three instances behind a proxy, sharing a dedicated Redis and PostgreSQL', () => {
  let cluster: ReliabilityCluster;

  beforeAll(async () => {
    cluster = await ReliabilityCluster.start('deployment', {
      // The admin key (enterprise) drives the load scenarios and must never be limited; free-tier keys test the limit.
      env: { RATE_LIMIT_ENTERPRISE: '1000000000', RATE_LIMIT_FREE: String(FREE_LIMIT), RATE_LIMIT_WINDOW_MS: '600000', LOG_LEVEL: 'info' },
    });
  }, 180_000);

  afterAll(async () => {
    await cluster?.stop();
  }, 60_000);

  it('holds one rate limit across the instances within 1%', () => globalRateLimit(cluster), 60_000);

  it('serves through a Redis outage, fails the limiter open or closed as configured, and recovers', () => redisOutage(cluster), 120_000);

  it('answers 503 with Retry-After through a PostgreSQL outage, recovers within 5 s and loses nothing acknowledged', () => postgresOutage(cluster), 120_000);

  it('soaks five minutes at 70% of capacity without an error or RSS growth', () => soak(cluster), (SOAK_SECONDS + 60) * 1_000);

  it('loses no request when one instance gets SIGTERM under load', () => sigtermOneInstance(cluster), 60_000);
});
