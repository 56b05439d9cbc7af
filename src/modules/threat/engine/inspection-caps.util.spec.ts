import { DEFAULT_INSPECTION_CAPS, MAX_CAP_REPORTS, reportCap, resolveCaps } from './inspection-caps.util.js';

describe('resolveCaps', () => {
  it('overrides the defaults with the caps given', () => {
    expect(resolveCaps({ maxFields: 3 })).toEqual({ ...DEFAULT_INSPECTION_CAPS, maxFields: 3 });
  });

  it('keeps a default when a cap is given as undefined', () => {
    expect(resolveCaps({ maxFields: undefined }).maxFields).toBe(DEFAULT_INSPECTION_CAPS.maxFields);
  });
});

describe('reportCap', () => {
  it('records each kind and location once, up to MAX_CAP_REPORTS entries', () => {
    const reports: string[] = [];
    reportCap(reports, 'depth', 'body.a');
    reportCap(reports, 'depth', 'body.a');
    expect(reports).toEqual(['depth:body.a']);
    for (let i = 0; i < 100; i++) {
      reportCap(reports, 'field-size', `body.f${i}`);
    }
    expect(reports).toHaveLength(MAX_CAP_REPORTS);
  });
});
