import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { knownMetricNames, metricNamesIn } from '../support/promql.js';
import { promtool } from '../support/promtool.js';

const ROOT = resolve(import.meta.dirname, '../..');
const DOCKER = join(ROOT, 'docker');

interface GrafanaTarget {
  expr?: string;
}

interface GrafanaPanel {
  type: string;
  title: string;
  datasource?: { uid?: string };
  targets?: GrafanaTarget[];
}

interface GrafanaDashboard {
  uid: string;
  panels: GrafanaPanel[];
  templating: { list: Array<{ query: string | { query: string } }> };
}

const readDocker = (path: string): Promise<string> => readFile(join(DOCKER, path), 'utf8');

describe('docker/ monitoring configs', () => {
  let known: Set<string>;

  beforeAll(async () => {
    known = await knownMetricNames(ROOT);
  });

  describe('prometheus/prometheus.yml', () => {
    it('passes `promtool check config`, loading alerts.yml relative to itself from any directory', async () => {
      const result = await promtool(['check', 'config', 'docker/prometheus/prometheus.yml'], undefined, ROOT);

      expect(result.output).toContain('1 rule files found');
      expect(result.output).toContain('SUCCESS: 10 rules found');
      expect(result.code).toBe(0);
    });

    it('scrapes the app and sends alerts to Alertmanager', async () => {
      const config = await readDocker('prometheus/prometheus.yml');

      expect(config).toMatch(/targets: \["app:3000"\]/);
      expect(config).toMatch(/metrics_path: \/metrics/);
      expect(config).toMatch(/targets: \["alertmanager:9093"\]/);
    });
  });

  describe('prometheus/alerts.yml', () => {
    it('passes `promtool check rules`', async () => {
      const result = await promtool(['check', 'rules', join(DOCKER, 'prometheus/alerts.yml')]);

      expect(result.output).toContain('SUCCESS');
      expect(result.code).toBe(0);
    });

    it('fires as its unit tests expect on synthetic series (`promtool test rules`)', async () => {
      const result = await promtool(['test', 'rules', join(DOCKER, 'prometheus/alerts.test.yml')]);

      expect(result.output).toContain('SUCCESS');
      expect(result.code).toBe(0);
    });

    it('has unit tests that expect at least two different alerts to fire', async () => {
      const tests = await readDocker('prometheus/alerts.test.yml');
      const firing = [...tests.matchAll(/alertname: (\w+)\n\s+exp_alerts:\n\s+- exp_labels:/g)].map(([, name]) => name);

      expect(new Set(firing).size).toBeGreaterThanOrEqual(2);
    });

    it('refers only to metrics the app exposes', async () => {
      const names = [...(await readDocker('prometheus/alerts.yml')).matchAll(/\bbulwark_\w+/g)].map(([name]) => name);
      const tested = [...(await readDocker('prometheus/alerts.test.yml')).matchAll(/\bbulwark_\w+/g)].map(([name]) => name);

      expect(names.length).toBeGreaterThan(5);
      expect([...names, ...tested].filter((name) => !known.has(name))).toEqual([]);
    });
  });

  describe('grafana/bulwark-dashboard.json', () => {
    let dashboard: GrafanaDashboard;
    let graphs: GrafanaPanel[];

    beforeAll(async () => {
      dashboard = JSON.parse(await readDocker('grafana/bulwark-dashboard.json')) as GrafanaDashboard;
      graphs = dashboard.panels.filter((panel) => panel.type !== 'row');
    });

    it('queries the provisioned Prometheus datasource from every panel', async () => {
      const datasource = await readDocker('grafana/provisioning/datasources/prometheus.yml');
      const uid = /^\s+uid: (\S+)$/m.exec(datasource)?.[1];

      expect(uid).toBe('prometheus');
      expect(graphs.length).toBeGreaterThan(10);
      expect(graphs.filter((panel) => panel.datasource?.uid !== uid || (panel.targets ?? []).length === 0).map((panel) => panel.title)).toEqual([]);
    });

    it('refers in every expression only to metrics the app exposes', () => {
      const exprs = [
        ...graphs.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr ?? '')),
        // Grafana's label_values(<selector>, <label>) wraps PromQL: keep the selector.
        ...dashboard.templating.list
          .map((variable) => (typeof variable.query === 'string' ? variable.query : variable.query.query))
          .map((query) => query.replace(/^label_values\((.*),\s*\w+\)$/, '$1')),
      ];
      const unknown = exprs.flatMap((expr) => metricNamesIn(expr).filter((name) => !known.has(name)).map((name) => `${name} in ${expr}`));

      expect(exprs.every((expr) => metricNamesIn(expr).length > 0)).toBe(true);
      expect(unknown).toEqual([]);
    });

    it('covers traffic, errors, latency percentiles, runtime, database pool, cache, threats and CDN', () => {
      const exprs = graphs.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr ?? '')).join('\n');

      for (const needed of [
        'bulwark_http_requests_total',
        'histogram_quantile(0.5,',
        'histogram_quantile(0.95,',
        'histogram_quantile(0.99,',
        'bulwark_nodejs_eventloop_lag_p99_seconds',
        'bulwark_nodejs_heap_size_used_bytes',
        'bulwark_db_pool_connections',
        'bulwark_cache_requests_total',
        'bulwark_threat_detections_total',
        'bulwark_cdn_served_bytes_total',
      ]) {
        expect([needed, exprs.includes(needed)]).toEqual([needed, true]);
      }
    });
  });

  describe(metricNamesIn.name, () => {
    it('finds the selected metrics, not functions, labels, keywords or grouping lists', () => {
      const expr = 'histogram_quantile(0.95, sum by (route, le) (rate(bulwark_a_bucket{job="x", route=~"/v1/.*"}[$__rate_interval]))) / on (route) group_left bulwark_b and bulwark_c offset 5m';

      expect(metricNamesIn(expr)).toEqual(['bulwark_a_bucket', 'bulwark_b', 'bulwark_c']);
    });
  });
});
