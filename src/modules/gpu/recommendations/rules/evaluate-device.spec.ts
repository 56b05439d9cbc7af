import type { DeviceRef, MinuteRollup } from '../gpu-series.types.js';
import { evaluateDevice } from './evaluate-device.js';
import type { Finding, RuleInput } from './rule.types.js';

const FROM = new Date('2026-01-01T00:00:00.000Z');
const TO = new Date('2026-01-02T00:00:00.000Z');
const GIB = 1024 ** 3;
const NONE: Record<string, number> = {};

interface Cell {
  util?: number | null;
  mem?: number | null;
  memAvg?: number | null;
  samples?: number;
  throttle?: Record<string, number>;
}

function minute(index: number, cell: Cell): MinuteRollup {
  const util = cell.util === undefined ? 0.5 : cell.util;
  const mem = cell.mem === undefined ? 0.5 : cell.mem;
  return {
    minute: new Date(FROM.getTime() + index * 60_000).toISOString(),
    samples: cell.samples ?? 4,
    utilization: { min: util, avg: util, max: util, p95: util },
    memoryUsedRatio: { avg: cell.memAvg === undefined ? mem : cell.memAvg, max: mem },
    powerWatts: { avg: 300, max: 350 },
    temperatureCelsius: { max: 70 },
    throttleSamples: cell.throttle ?? {},
  };
}

const series = (count: number, cell: (index: number) => Cell): MinuteRollup[] => Array.from({ length: count }, (_, index) => minute(index, cell(index)));

function device(overrides: Partial<DeviceRef> = {}): DeviceRef {
  return { id: 'd1', uuid: 'GPU-11111111-2222-3333-4444-555555555555', host: 'node-1', name: 'NVIDIA L4', migEnabled: false, memoryTotalBytes: 24 * GIB, ...overrides };
}

function input(minutes: MinuteRollup[], overrides: { device?: Partial<DeviceRef>; xids?: Record<string, number> } = {}): RuleInput {
  return { device: device(overrides.device), minutes, xidCounts: overrides.xids ?? {}, window: { from: FROM, to: TO } };
}

const summary = (findings: Finding[]): string[] => findings.map((finding) => `${finding.rule}:${finding.severity}`).sort();

const H100 = { name: 'NVIDIA H100 80GB HBM3', memoryTotalBytes: 80 * GIB };

describe(evaluateDevice.name, () => {
  describe('scenarios', () => {
    it.each<[string, RuleInput, string[]]>([
      ['an hour idle', input(series(60, () => ({ util: 0.01, mem: 0.02 }))), ['idle:warning']],
      ['idle but only 59 minutes of data', input(series(59, () => ({ util: 0.01, mem: 0.02 }))), []],
      ['low utilisation with memory held (not idle)', input(series(120, () => ({ util: 0.01, mem: 0.3 }))), ['under-utilized:info']],
      ['steady 50%', input(series(120, () => ({ util: 0.5, mem: 0.5 }))), ['under-utilized:info']],
      ['steady 90%', input(series(120, () => ({ util: 0.9, mem: 0.5 }))), []],
      ['bursty: busy a third of the time, otherwise waiting', input(series(120, (i) => ({ util: i % 3 === 0 ? 0.95 : 0.02, mem: 0.5 }))), ['bursty:info']],
      ['utilisation all null (N/A) is missing, not idle', input(series(120, () => ({ util: null, mem: 0.01 }))), []],
      ['null memory leaves idle unjudged; p95 still says under-utilised', input(series(120, () => ({ util: 0.01, mem: null }))), ['under-utilized:info']],
      ['null cells are skipped, not read as 0%: 60 covered of 120', input(series(120, (i) => ({ util: i % 2 === 0 ? 0.9 : null }))), []],
      ['memory peak at 96%', input(series(120, (i) => ({ util: 0.9, mem: i === 7 ? 0.96 : 0.6 }))), ['memory-pressure:warning']],
      ['memory averaging 92% below the peak threshold', input(series(120, () => ({ util: 0.9, mem: 0.94, memAvg: 0.92 }))), ['memory-pressure:warning']],
      ['thermal slowdown in 10% of samples', input(series(120, (i) => ({ util: 0.9, throttle: i % 10 === 0 ? { hw_thermal_slowdown: 4, sw_thermal_slowdown: 4 } : NONE }))), ['thermal-throttling:warning']],
      ['thermal slowdown in 2% of samples stays quiet', input(series(100, (i) => ({ util: 0.9, throttle: i < 2 ? { hw_thermal_slowdown: 4 } : NONE }))), []],
      ['power cap half of the time', input(series(120, (i) => ({ util: 0.9, throttle: i % 2 === 0 ? { sw_power_cap: 4 } : NONE }))), ['power-throttling:info']],
      ['Xid 79 and 13', input(series(120, () => ({ util: 0.9 })), { xids: { '13': 2, '79': 1 } }), ['xid:critical']],
      ['Xid 13 alone', input(series(120, () => ({ util: 0.9 })), { xids: { '13': 3 } }), ['xid:warning']],
      ['an unknown Xid', input(series(120, () => ({ util: 0.9 })), { xids: { '999': 1 } }), ['xid:info']],
      ['H100 at 10% with 5% memory fits 1g.10gb', input(series(120, () => ({ util: 0.1, mem: 0.05 })), { device: H100 }), ['mig-fit:info', 'under-utilized:info']],
      ['H100 at 90% does not fit a profile', input(series(120, () => ({ util: 0.9, mem: 0.05 })), { device: H100 }), []],
      ['idle H100 is idle, not a MIG fit', input(series(120, () => ({ util: 0.0, mem: 0.01 })), { device: H100 }), ['idle:warning']],
      ['MIG-enabled GPU with null utilisation', input(series(120, () => ({ util: null, mem: 0.2 })), { device: { ...H100, migEnabled: true } }), ['mig-not-judged:info']],
      ['MIG instance reporting 0% is still not judged', input(series(120, () => ({ util: 0, mem: 0.01 })), { device: { ...H100, uuid: 'MIG-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' } }), ['mig-not-judged:info']],
      ['MIG instance near its memory limit with an Xid', input(series(120, () => ({ util: null, mem: 0.97 })), { device: { migEnabled: true }, xids: { '94': 1 } }), ['memory-pressure:warning', 'mig-not-judged:info', 'xid:warning']],
      ['no data at all', input([]), []],
    ])('%s', (_label, scenario, expected) => {
      expect(summary(evaluateDevice(scenario))).toEqual(expected);
    });
  });

  describe('evidence', () => {
    const only = (scenario: RuleInput, rule: string): Finding => {
      const finding = evaluateDevice(scenario).find((candidate) => candidate.rule === rule);
      if (finding === undefined) {
        throw new Error(`expected a ${rule} finding`);
      }
      return finding;
    };

    it('idle records window, coverage, p95, memory max, thresholds and source', () => {
      const finding = only(input(series(60, (i) => ({ util: i < 4 ? 0.04 : 0.01, mem: 0.05 }))), 'idle');

      expect(finding.evidence).toEqual({
        rule: { id: 'idle', version: 1, source: 'ours (Bulwark defaults)' },
        window: { from: FROM.toISOString(), to: TO.toISOString() },
        sampleCount: 240,
        minutesCovered: 60,
        statistics: { utilizationP95: 0.04, memoryUsedRatioMax: 0.05, memoryMinutesCovered: 60 },
        thresholds: { maxP95Utilization: 0.05, maxMemoryUsedRatio: 0.1, minMinutes: 60 },
      });
    });

    it('idle does not hold when p95 is exactly at the threshold', () => {
      expect(evaluateDevice(input(series(100, () => ({ util: 0.05, mem: 0.01 })))).map((finding) => finding.rule)).toEqual(['under-utilized']);
    });

    it('under-utilised cites SageMaker and counts only covered minutes', () => {
      const finding = only(input(series(100, (i) => ({ util: i < 80 ? 0.4 : null }))), 'under-utilized');

      expect(finding.evidence.rule.source).toContain('SageMaker');
      expect(finding.evidence).toMatchObject({ minutesCovered: 80, sampleCount: 320, statistics: { utilizationP95: 0.4, utilizationP5: 0.4 } });
    });

    it('bursty gives p95 and p5 of per-minute utilisation', () => {
      const finding = only(input(series(100, (i) => ({ util: i < 50 ? 0.05 : 0.85 }))), 'bursty');

      expect(finding.evidence.statistics).toEqual({ utilizationP95: 0.85, utilizationP5: 0.05 });
      expect(finding.evidence.thresholds).toEqual({ minP95Utilization: 0.7, maxP5Utilization: 0.1, minMinutes: 60 });
    });

    it('memory pressure counts the minutes at or above 95%', () => {
      const finding = only(input(series(10, (i) => ({ mem: i < 3 ? 0.99 : 0.5 }))), 'memory-pressure');

      expect(finding.evidence.statistics).toEqual({ memoryUsedRatioMax: 0.99, memoryUsedRatioAvg: 0.647, minutesAtOrAboveMax: 3 });
    });

    it('thermal throttling counts a sample with two thermal reasons once', () => {
      const finding = only(input(series(20, (i) => ({ throttle: i < 4 ? { hw_thermal_slowdown: 2, sw_thermal_slowdown: 2 } : NONE }))), 'thermal-throttling');

      expect(finding.evidence).toMatchObject({
        sampleCount: 80,
        minutesCovered: 20,
        statistics: { throttledShare: 0.1, throttledSamples: 8, throttleMinutes: 4, hw_thermal_slowdown: 8, sw_thermal_slowdown: 8 },
        thresholds: { minShare: 0.05, minMinutes: 15, reasons: 'hw_thermal_slowdown,sw_thermal_slowdown' },
      });
    });

    it('Xid lists every code with its severity and action, worst first', () => {
      const finding = only(input([], { xids: { '13': 2, '48': 1, '0': 0 } }), 'xid');

      expect(finding.title).toBe('Xid errors (worst: 48, Double-bit ECC error (DBE))');
      expect(finding.evidence.statistics).toEqual({ xidEvents: 3, distinctCodes: 2 });
      expect(finding.evidence.details).toEqual({
        codes: [
          expect.objectContaining({ code: '48', count: 1, severity: 'critical', action: expect.stringContaining('RMA') as unknown }),
          expect.objectContaining({ code: '13', count: 2, severity: 'warning' }),
        ],
      });
    });

    it.each([
      ['A100 40GB', { name: 'NVIDIA A100-SXM4-40GB', memoryTotalBytes: 40 * GIB }, 0.3, 0.2, '3g.20gb'],
      ['A100 80GB', { name: 'NVIDIA A100 80GB PCIe', memoryTotalBytes: 80 * GIB }, 0.1, 0.15, '1g.20gb'],
      ['H100 80GB', H100, 0.2, 0.1, '2g.20gb'],
      ['H100 80GB needing memory', H100, 0.1, 0.3, '3g.40gb'],
      ['H100 80GB needing compute', H100, 0.4, 0.05, '4g.40gb'],
    ])('MIG fit on %s picks the smallest profile with headroom', (_label, gpu, util, mem, profile) => {
      const finding = only(input(series(120, () => ({ util, mem })), { device: gpu }), 'mig-fit');

      expect(finding.evidence.details).toMatchObject({ profile: { name: profile } });
      expect(finding.evidence.thresholds).toEqual({ headroom: 0.2, minMinutes: 60 });
    });

    it('MIG fit says nothing for a GPU model it does not know', () => {
      expect(evaluateDevice(input(series(120, () => ({ util: 0.1, mem: 0.05 })), { device: { name: 'NVIDIA L4' } })).map((finding) => finding.rule)).toEqual(['under-utilized']);
    });

    it('MIG not judged says which rules were skipped and why', () => {
      const finding = only(input(series(5, () => ({ util: null })), { device: { migEnabled: true } }), 'mig-not-judged');

      expect(finding.detail).toContain('missing is not 0%');
      expect(finding.evidence.details).toEqual({ migEnabled: true, uuid: device().uuid, skippedRules: ['idle', 'under-utilized', 'bursty', 'mig-fit'] });
    });
  });
});
