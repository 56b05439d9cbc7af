import { MetricsRegistry } from '@app/common';

import { HdrRequestStats } from './hdr-request-stats.js';
import { HttpMetrics } from './http-metrics.js';

describe(HttpMetrics.name, () => {
  it('counts and times each method, route template and status apart', async () => {
    const registry = new MetricsRegistry();
    const metrics = new HttpMetrics(registry, new HdrRequestStats());

    metrics.record('GET', '/v1/things/:id', 200, 0.002);
    metrics.record('GET', '/v1/things/:id', 200, 0.004);
    metrics.record('GET', '/v1/things/:id', 404, 0.001);
    metrics.record('DELETE', '/v1/things/:id', 200, 0.003);
    metrics.record('GET', '/v1/other', 200, 0.2);

    const text = await registry.metrics();
    expect(text).toContain('bulwark_http_requests_total{method="GET",route="/v1/things/:id",status="200"} 2');
    expect(text).toContain('bulwark_http_requests_total{method="GET",route="/v1/things/:id",status="404"} 1');
    expect(text).toContain('bulwark_http_requests_total{method="DELETE",route="/v1/things/:id",status="200"} 1');
    expect(text).toContain('bulwark_http_requests_total{method="GET",route="/v1/other",status="200"} 1');
    expect(text).toContain('bulwark_http_request_duration_seconds_sum{method="GET",route="/v1/things/:id",status="200"} 0.006');
    expect(text).toContain('bulwark_http_request_duration_seconds_bucket{le="0.25",method="GET",route="/v1/other",status="200"} 1');
  });
});
