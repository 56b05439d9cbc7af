import fc from 'fast-check';

import { foldAscii } from '../folded.js';
import { commandStrength, mayOpenCommandWord, PREFIX_COMMANDS } from './command-words.js';

const COMMANDS = ['w', 'id', 'ls', 'cat', 'whoami', 'python', 'net.exe', 'cmd', 'ansible-vault', '7z', 'time', 'nohup', 'aa-disable', 'tac', 'vi'];
const WORD = fc
  .tuple(fc.constantFrom(...COMMANDS, 'x', 'pl', 'ca', 'Call', 'Please'), fc.constantFrom('', '.exe', '.EXE', '3', '3.10', '.', 'x', '-1'), fc.boolean())
  .map(([name, suffix, upper]) => (upper ? name.toUpperCase() : name) + suffix);

function opens(word: string): boolean {
  return mayOpenCommandWord(foldAscii(word.charCodeAt(0)), word.length > 1 ? foldAscii(word.charCodeAt(1)) : -1);
}

describe('mayOpenCommandWord', () => {
  it('lets through every word that is a prefix word or has a command strength, in any spelling', () => {
    fc.assert(
      fc.property(fc.oneof(WORD, fc.stringMatching(/^[A-Za-z0-9_.+-]{1,12}$/)), (word) => {
        if (PREFIX_COMMANDS.has(word.toLowerCase()) || commandStrength(word) !== null) {
          expect(opens(word)).toBe(true);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('rules out words no command opens with', () => {
    expect(['XYZ-829', 'Please', 'blue', 'q'].filter(opens)).toEqual([]);
  });
});
