import { ruleProblems, type RuleShape } from './rule-problems.js';

const base: RuleShape = { signal: 'http.error_rate', aggregation: 'value', route: null, method: null, metric: null, metricLabels: {} };

describe('ruleProblems', () => {
  it('accepts a consistent rule', () => {
    expect(ruleProblems(base)).toEqual([]);
    expect(ruleProblems({ ...base, signal: 'http.latency_ms', aggregation: 'p99', route: '/v1/x', method: 'GET' })).toEqual([]);
    expect(ruleProblems({ ...base, signal: 'metric', metric: 'bulwark_process_resident_memory_bytes', metricLabels: { a: 'b' } })).toEqual([]);
  });

  it('refuses an aggregation the signal does not support, naming those it does', () => {
    expect(ruleProblems({ ...base, aggregation: 'p95' })).toEqual([{ field: 'aggregation', message: 'http.error_rate supports value' }]);
  });

  it('refuses a route or method outside http.* signals, and a method without a route', () => {
    expect(ruleProblems({ ...base, signal: 'runtime.rss_bytes', route: '/v1/x' }).map((p) => p.field)).toEqual(['route']);
    expect(ruleProblems({ ...base, method: 'GET' }).map((p) => p.field)).toEqual(['method']);
  });

  it('requires a metric name for the metric signal and refuses one elsewhere', () => {
    expect(ruleProblems({ ...base, signal: 'metric' }).map((p) => p.field)).toEqual(['metric']);
    expect(ruleProblems({ ...base, metric: 'x' }).map((p) => p.field)).toEqual(['metric']);
  });
});
