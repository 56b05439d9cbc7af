import { SEVERITY_SCORE } from '../../engine/threat.types.js';
import { sqliDetector } from './index.js';

const score = (value: string): number =>
  sqliDetector.detect({ raw: value, forms: [value] }, 1).reduce((sum, m) => sum + SEVERITY_SCORE[m.severity], 0);

describe('sqliDetector', () => {
  it.each([
    "O'Brien",
    "Miles O'Brien and Dana O'Connor",
    'Union Square',
    'select your plan',
    'Please select a few friends from the list',
    'jane.doe+tag@example.com',
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.SflKxwRJSf36POk6yJV_adQssw5c',
    'dGhpcyBpcyBhIHRlc3Q--Zm9vYmFy==',
    'if (a == "b") { return a || b; }',
    "It's 5 o'clock -- time to go",
    'The drop table is in the kitchen; update me later',
  ])('scores benign %j below the blocking threshold', (value) => {
    expect(score(value)).toBeLessThan(5);
  });

  it.each(["admin'--", "' or '1'='1", '1 UNION SELECT username, password FROM users', "1'; DROP TABLE users--"])(
    'scores the attack %j at the blocking threshold',
    (value) => {
      expect(score(value)).toBeGreaterThanOrEqual(5);
    },
  );

  it('scans decoded forms and reports a rule once even when several forms match', () => {
    const matches = sqliDetector.detect({ raw: '1%20union%20select%201,2', forms: ['1%20union%20select%201,2', '1 union select 1,2', '1 UNION SELECT 1,2'] }, 1);
    expect(matches.filter((m) => m.ruleId === 'sqli-001')).toHaveLength(1);
    expect(matches[0]).toMatchObject({ class: 'sqli', kind: 'sqli', severity: 'critical', paranoia: 1 });
  });

  it('cuts fragments to 64 characters', () => {
    const value = `1 union select ${'a,'.repeat(100)}b`;
    const fragments = sqliDetector.detect({ raw: value, forms: [value] }, 1).map((m) => m.fragment);
    expect(fragments.length).toBeGreaterThan(0);
    for (const fragment of fragments) {
      expect(fragment.length).toBeLessThanOrEqual(64);
    }
    expect(fragments).toContain(value.slice(2, 66));
  });

  it('runs only the rules of the requested paranoia level', () => {
    const value = 'substring(';
    expect(sqliDetector.detect({ raw: value, forms: [value] }, 1)).toEqual([]);
    expect(sqliDetector.detect({ raw: value, forms: [value] }, 2).map((m) => m.paranoia)).toEqual([2]);
  });
});
