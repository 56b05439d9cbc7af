import { commandStrength } from './command-words.js';
import { readWord } from './shell-text.js';

/** Words that make what follows a command name prose: `type whoami to see your user`, `copy .env.example to .env`. */
export const PROSE_FOLLOWERS = new Set(['is', 'are', 'was', 'and', 'or', 'the', 'a', 'an', 'to', 'of', 'in', 'for', 'with', 'on', 'as', 'it', 'can', 'will', 'does', 'has', 'have', 'be', 'that', 'this']);

/** What follows up to the next separator (at most 64 characters), trimmed. */
export function restOfSegment(text: string, at: number): string {
  let i = at;
  while (i < text.length && i - at < 64 && !';|&\n`)\u001a'.includes(text.charAt(i))) {
    i++;
  }
  return text.slice(at, i).trim();
}

/**
 * Whether what follows two command names at `at` ends a phrase: nothing but punctuation, or a plain word that is no
 * command name (`about`, `name`, `robust`), not an argument.
 */
export function endsPhrase(text: string, at: number): boolean {
  const rest = restOfSegment(text, at);
  if (/^[.,!?:]*$/.test(rest)) {
    return true;
  }
  const word = readWord(rest, 0);
  return word.length > 0 && /^[A-Za-z]+$/.test(word) && commandStrength(word) === null;
}

/** Whether a prose word (`to`, `and`, `the`, ...) stands alone in the rest of the segment from `at`. */
export function proseFollows(text: string, at: number): boolean {
  const rest = restOfSegment(text, at);
  for (let i = 0; i < rest.length; i++) {
    if ((i === 0 || rest.charAt(i - 1) === ' ') && /[a-z]/.test(rest.charAt(i))) {
      const word = readWord(rest, i);
      if (PROSE_FOLLOWERS.has(word) && (i + word.length === rest.length || rest.charAt(i + word.length) === ' ')) {
        return true;
      }
      i += word.length;
    }
  }
  return false;
}
