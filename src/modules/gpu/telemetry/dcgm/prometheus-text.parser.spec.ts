import { readGpuFixture } from '../../../../../test/support/gpu-fixtures.js';
import { parsePrometheusText } from './prometheus-text.parser.js';

describe('parsePrometheusText', () => {
  it('skips HELP, TYPE, other comments and blank lines', () => {
    const text = '# HELP up Whether up.\n# TYPE up gauge\n# a comment\n\nup 1\n';
    expect(parsePrometheusText(text)).toEqual({ samples: [{ name: 'up', labels: {}, value: 1, timestampMs: null }], malformedLines: 0 });
  });

  it('unescapes \\", \\\\ and \\n in label values and keeps commas and braces inside them', () => {
    const { samples } = parsePrometheusText('m{a="say \\"hi\\"",b="C:\\\\gpu",c="x\\ny",d="1,2}",e=""} 3\n');
    expect(samples[0]?.labels).toEqual({ a: 'say "hi"', b: 'C:\\gpu', c: 'x\ny', d: '1,2}', e: '' });
  });

  it('reads NaN, +Inf, -Inf, exponents and a timestamp', () => {
    const { samples } = parsePrometheusText('a NaN\nb +Inf\nc -Inf\nd 1.5e3 1700000000000\ne{x="1",} -0.25\n');
    expect(samples.map((sample) => sample.value)).toEqual([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1500, -0.25]);
    expect(samples[3]?.timestampMs).toBe(1_700_000_000_000);
  });

  it('counts malformed lines and keeps the valid ones', () => {
    const result = parsePrometheusText('good 1\n{nameless="x"} 1\nunterminated{a="x} 1\nnovalue{a="x"}\nbad value\nalso_good{a="b"} 2\n');
    expect(result.samples.map((sample) => sample.name)).toEqual(['good', 'also_good']);
    expect(result.malformedLines).toBe(4);
  });

  it('reads the whole dcgm-exporter fixture without a malformed line', () => {
    const { samples, malformedLines } = parsePrometheusText(readGpuFixture('dcgm/dcgm-exporter.txt'));
    expect(malformedLines).toBe(0);
    expect(samples).toHaveLength(33);
    const encoder = samples.find((sample) => sample.name === 'DCGM_FI_DEV_ENC_UTIL');
    expect(encoder?.value).toBeNaN();
    expect(encoder?.labels.container).toBe('trainer "a" \\ b');
  });
});
