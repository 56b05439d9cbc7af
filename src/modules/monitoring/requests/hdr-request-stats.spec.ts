import { HdrRequestStats } from './hdr-request-stats.js';

const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);

describe(HdrRequestStats.name, () => {
  let now: number;
  let stats: HdrRequestStats;

  beforeEach(() => {
    now = T0;
    stats = new HdrRequestStats(() => now);
  });

  describe('routes', () => {
    it('keeps one series per method and route, busiest first, and an overall one', () => {
      stats.record('GET', '/v1/a', 200, 0.01);
      stats.record('GET', '/v1/b', 200, 0.02);
      stats.record('GET', '/v1/b', 503, 0.03);
      stats.record('POST', '/v1/b', 201, 0.04);
      now += 1_000;
      expect(stats.routes('1m').map(({ method, route, requests }) => [method, route, requests])).toEqual([
        ['GET', '/v1/b', 2],
        ['GET', '/v1/a', 1],
        ['POST', '/v1/b', 1],
      ]);
      expect(stats.route('GET', '/v1/b', '1m')).toMatchObject({ requests: 2, errors: 1, errorRate: 0.5 });
      expect(stats.overall('1m')).toMatchObject({ requests: 4, errors: 1 });
    });

    it('gives every route its rate over the same span, so route rates add up to the total', () => {
      now += 10_000;
      stats.record('GET', '/v1/a', 200, 0.01);
      stats.record('GET', '/v1/a', 200, 0.01);
      now += 10_000;
      stats.record('GET', '/v1/b', 200, 0.01);
      const routes = stats.routes('1m');
      expect(routes.find((route) => route.route === '/v1/a')!.rps).toBeCloseTo(0.1, 5);
      expect(routes.find((route) => route.route === '/v1/b')!.rps).toBeCloseTo(0.05, 5);
      expect(stats.overall('1m').rps).toBeCloseTo(0.15, 5);
    });

    it('leaves out routes with nothing in the window and forgets routes idle for an hour', () => {
      stats.record('GET', '/v1/old', 200, 0.01);
      now += 2 * 60_000;
      stats.record('GET', '/v1/new', 200, 0.01);
      expect(stats.routes('1m').map((route) => route.route)).toEqual(['/v1/new']);
      expect(stats.routes('5m').map((route) => route.route).sort()).toEqual(['/v1/new', '/v1/old']);
      now += 61 * 60_000;
      stats.record('GET', '/v1/new', 200, 0.01);
      expect(stats.route('GET', '/v1/old', '1h')).toBeUndefined();
    });
  });
});
