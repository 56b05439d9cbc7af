import { SYSTEM_OBJECTS } from './sqli.lexicon.js';

function skipDots(text: string, from: number): number {
  let i = from;
  while (i < text.length && text.charCodeAt(i) === 0x2e) {
    i++;
  }
  return i;
}

function partEnd(text: string, from: number): number {
  const dot = text.indexOf('.', from);
  return dot < 0 ? text.length : dot;
}

/**
 * The name, its first dot-separated part or its first two parts are a system object, or a part is an `xp_` procedure
 * (empty parts, as in `master..sysdatabases`, do not count). Index arithmetic, not split(): most names are words.
 */
export function namesSystemObject(text: string): boolean {
  if (SYSTEM_OBJECTS.has(text) || text.startsWith('xp_')) {
    return true;
  }
  if (!text.includes('.')) {
    return false;
  }
  if (text.includes('.xp_')) {
    return true;
  }
  const firstStart = skipDots(text, 0);
  const firstEnd = partEnd(text, firstStart);
  const secondStart = skipDots(text, firstEnd);
  const first = text.slice(firstStart, firstEnd);
  const firstTwo = secondStart < text.length ? `${first}.${text.slice(secondStart, partEnd(text, secondStart))}` : first;
  return SYSTEM_OBJECTS.has(first) || SYSTEM_OBJECTS.has(firstTwo);
}
