import { formatValue, renderAnnotations, renderTemplate } from './alert-template.js';

describe('renderTemplate', () => {
  it('fills $value and $labels, with or without spaces inside the braces', () => {
    const text = renderTemplate('{{ $labels.alertname }} on {{$labels.route}}: {{ $value }} > 0.05', 0.123456, { alertname: 'HighErrors', route: '/v1/x' });

    expect(text).toBe('HighErrors on /v1/x: 0.1235 > 0.05');
  });

  it('renders a label the alert lacks as empty and leaves other braces alone', () => {
    expect(renderTemplate('[{{ $labels.missing }}] {{ .Other }}', 1, {})).toBe('[] {{ .Other }}');
  });

  it('does not evaluate anything: replacement text containing template syntax stays literal', () => {
    expect(renderTemplate('{{ $labels.a }}', 1, { a: '{{ $value }}' })).toBe('{{ $value }}');
  });
});

describe('formatValue', () => {
  it('prints integers as they are, fractions to 4 significant digits, null as no data', () => {
    expect(formatValue(1_234_567)).toBe('1234567');
    expect(formatValue(2 / 3)).toBe('0.6667');
    expect(formatValue(null)).toBe('no data');
  });
});

describe('renderAnnotations', () => {
  it('renders every annotation', () => {
    expect(renderAnnotations({ summary: 'v={{ $value }}', description: 'sev {{ $labels.severity }}' }, 3, { severity: 'critical' })).toEqual({
      summary: 'v=3',
      description: 'sev critical',
    });
  });
});
