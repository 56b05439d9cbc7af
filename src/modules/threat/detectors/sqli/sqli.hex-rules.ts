import { findAt, isComparison, type RuleInput } from './sqli.rule-kit.js';
import { type SqlToken } from './sqli.tokens.js';

const isPrintable = (byte: number): boolean => byte >= 0x20 && byte <= 0x7e;

/** The bytes of a `0x…` literal with an even number of digits (at least two bytes), else null. */
function hexBytes(token: SqlToken): number[] | null {
  const { text } = token;
  if (token.type !== 'number' || !text.startsWith('0x') || text.length < 6 || text.length % 2 !== 0) {
    return null;
  }
  const bytes: number[] = [];
  for (let p = 2; p < text.length; p += 2) {
    bytes.push(Number.parseInt(text.slice(p, p + 2), 16));
  }
  return bytes;
}

/**
 * The text a hex literal spells: printable ASCII bytes, or with `wide` also UTF-16LE code units of printable ASCII
 * (`0x730065006c00…`, how MSSQL writes an NVARCHAR); else null.
 */
function spelledText(bytes: readonly number[], wide: boolean): string | null {
  if (bytes.every(isPrintable)) {
    return String.fromCharCode(...bytes);
  }
  // A literal cut after a character's first byte (`…6C00 61`) still spells it.
  const utf16 = wide && bytes.every((byte, i) => (i % 2 === 0 ? isPrintable(byte) : byte === 0));
  return utf16 ? String.fromCharCode(...bytes.filter((_, i) => i % 2 === 0)) : null;
}

/** 0x61646d696e: a hex literal that spells printable text, compared or passed where a string goes. */
export function hexString({ sig }: RuleInput): SqlToken | undefined {
  return findAt(sig, (cur, k) => {
    const before = sig[k - 1];
    if (before === undefined || !(isComparison(before) || before.type === 'comma' || before.type === 'lparen' || before.type === 'keyword')) {
      return false;
    }
    const bytes = hexBytes(cur);
    return bytes !== null && spelledText(bytes, false) !== null;
  });
}

/** What a statement hidden in a literal starts with; bounded alternatives, no nested quantifiers (linear). */
const STATEMENT =
  /\b(?:select\s|union\s+(?:all\s+)?select|insert\s+into|delete\s+from|drop\s+(?:table|database|procedure)|truncate\s+table|exec(?:ute)?[\s(]|declare\s+@|waitfor\s+(?:de|ti)|xp_cmdshell|shutdown\b|create\s+(?:table|user|login|procedure))/i;

/**
 * `0x77616974666F722064656C6179…` (`waitfor delay '0:0:10'`), `DECLARE @S VARCHAR(4000) SET @S=CAST(0x4445…`: a
 * statement hidden in a hex literal, which MSSQL's `CAST(… AS VARCHAR)` then `EXEC(@S)` runs. Wherever it sits:
 * random bytes (hashes, addresses) do not spell SQL.
 */
export function hexStatement({ sig }: RuleInput): SqlToken | undefined {
  return findAt(sig, (cur) => {
    const bytes = hexBytes(cur);
    const text = bytes === null ? null : spelledText(bytes, true);
    return text !== null && STATEMENT.test(text);
  });
}
