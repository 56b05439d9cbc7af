import { cmdiDetector } from './cmdi.detector.js';

const flagged = (input: string): boolean => cmdiDetector.detect({ raw: input, forms: [input] }, 1).length > 0;

describe('cmdi: a comparison or shift in code is not a redirection', () => {
  it.each([
    'for (let start = 0; start < groups.length; start++) {',
    'if (!Number.isFinite(cp) || cp > 0x10ffff) return match;',
    'BYTE_HEX[0x80 | ((cp >> 12) & 0x3F)] +',
    'if (start >= digitRuns.start && start < digitRuns.end) {',
    'if (!start || start < 0) start = 0;',
    ': self[MAX_AGE] && (diff > self[MAX_AGE])',
    'if (this === target && start < targetStart && targetStart < end) {',
  ])('leaves %j alone', (input) => {
    expect(flagged(input)).toBe(false);
  });

  it.each(['; cat < /etc/passwd', '$(cat < /etc/passwd)', '; cat < x.txt;', '; cat < passwd;', '| id > out.txt', '|id>1'])(
    'still reads %j as a redirection',
    (input) => {
      expect(flagged(input)).toBe(true);
    },
  );
});

describe('cmdi: a capitalised everyday word before a code span opens a sentence', () => {
  it.each(['Set `muted` to `false`', 'Set `preserveMultipleSlashes: true` to suppress this behavior.'])('leaves %j alone', (input) => {
    expect(flagged(input)).toBe(false);
  });

  it('still reads a lowercase one after a separator as a command', () => {
    expect(flagged('; set `id`')).toBe(true);
  });
});

describe('cmdi: a template literal passed to a call is JavaScript', () => {
  it.each(['console.log(`timeout call ran in ${duration}ms`);', 'reject(new Error(`kill ${pid} failed`))'])('leaves %j alone', (input) => {
    expect(flagged(input)).toBe(false);
  });

  it.each(['$(`id`)', '<(`id`)', 'x;`id`'])('still reads %j as substitution', (input) => {
    expect(flagged(input)).toBe(true);
  });
});
