import type { Paranoia } from '../../engine/threat.types.js';
import { cmdiDetector } from './cmdi.detector.js';
import { endsPhrase, proseFollows } from './segment-prose.js';

const ruleIds = (input: string, paranoia: Paranoia = 1): string[] => cmdiDetector.detect({ raw: input, forms: [input] }, paranoia).map((m) => m.ruleId);

describe('segment prose', () => {
  it('ends a phrase at punctuation or a plain word that names no command', () => {
    expect(endsPhrase('set time.', 8)).toBe(true);
    expect(endsPhrase('read more about', 9)).toBe(true);
    expect(endsPhrase('type whoami -a', 11)).toBe(false);
    expect(endsPhrase('test node type', 9)).toBe(false);
  });

  it('finds a prose word standing alone in the rest of the segment', () => {
    expect(proseFollows('copy .env.example to .env', 17)).toBe(true);
    expect(proseFollows('cat .bashrc; to', 11)).toBe(false);
    expect(proseFollows('cp .a tomato', 5)).toBe(false);
  });

  it.each(['file type.', 'set time', 'more time', 'date time', 'read more about', 'type file name', 'copy .env.example to .env'])(
    'reads %j as a phrase, not a command line',
    (input) => {
      expect(ruleIds(input)).toEqual([]);
    },
  );

  it.each([
    ['cmdi-002', 'time who'],
    ['cmdi-002', 'type whoami'],
    ['cmdi-002', 'echo test hacked > /var/www/x'],
    ['cmdi-002', 'cat .bashrc'],
    ['cmdi-001', ';set time'],
  ])('%s still reads %j as a command', (ruleId, input) => {
    expect(ruleIds(input)).toContain(ruleId);
  });
});
