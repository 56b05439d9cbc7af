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
 * `xp_cmdshell`, `xp_regread`: MSSQL's extended procedures are named in letters and underscores; `xp_porcet7vy3…` is
 * the start of a base64url token.
 */
const XP_PROCEDURE = /^xp_[a-z_]{2,40}$/;

function isXpProcedure(part: string): boolean {
  return part.startsWith('xp_') && XP_PROCEDURE.test(part);
}

/**
 * The name, its first dot-separated part or its first two parts are a system object, or a part is an `xp_` procedure
 * (empty parts, as in `master..sysdatabases`, do not count). Index arithmetic, not split(): most names are words.
 */
export function namesSystemObject(text: string): boolean {
  if (SYSTEM_OBJECTS.has(text) || isXpProcedure(text)) {
    return true;
  }
  if (!text.includes('.')) {
    return false;
  }
  const xp = text.indexOf('.xp_');
  if (xp >= 0 && isXpProcedure(text.slice(xp + 1, partEnd(text, xp + 1)))) {
    return true;
  }
  const firstStart = skipDots(text, 0);
  const firstEnd = partEnd(text, firstStart);
  const secondStart = skipDots(text, firstEnd);
  const first = text.slice(firstStart, firstEnd);
  const firstTwo = secondStart < text.length ? `${first}.${text.slice(secondStart, partEnd(text, secondStart))}` : first;
  return SYSTEM_OBJECTS.has(first) || SYSTEM_OBJECTS.has(firstTwo);
}
