import { ARITHMETIC, isComparison, isLiteral, isText } from './sqli.rule-kit.js';
import { type SqlToken } from './sqli.tokens.js';

export interface Operand {
  end: number;
  /** No bareword in it: built from literals, calls and operators only. */
  literal: boolean;
}

/** Index after the parenthesis that closes the one at `open` (looking at most 64 tokens ahead, to stay linear). */
export function skipParens(sig: readonly SqlToken[], open: number): number {
  let depth = 0;
  for (let k = open; k < sig.length && k < open + 64; k++) {
    depth += sig[k]?.type === 'lparen' ? 1 : sig[k]?.type === 'rparen' ? -1 : 0;
    if (depth === 0) {
      return k + 1;
    }
  }
  return sig.length;
}

/** An operand expression from `from`: literals, variables, calls, casts, parentheses and arithmetic, up to a comparison. */
export function scanOperand(sig: readonly SqlToken[], from: number): Operand | undefined {
  let values = 0;
  let words = 0;
  let k = from;
  let depth = 0;
  for (let t = sig[k]; t !== undefined && k < from + 24; t = sig[k]) {
    if (isComparison(t) && !ARITHMETIC.has(t.text)) {
      break;
    }
    if (t.type === 'function') {
      values++;
      k = skipParens(sig, k + 1);
      continue;
    }
    if (t.type === 'operator' && t.text === '::') {
      k += 2;
      continue;
    }
    if (t.type === 'lparen') {
      depth++;
    } else if (t.type === 'rparen') {
      if (depth === 0) {
        break;
      }
      depth--;
    } else if (isLiteral(t) || t.type === 'variable') {
      values++;
    } else if (t.type === 'word' || t.type === 'identifier') {
      words++;
    } else if (!((t.type === 'operator' || t.type === 'keyword') && ARITHMETIC.has(t.text)) && !isText(t, 'not', 'binary')) {
      break;
    }
    k++;
  }
  return values + words === 0 ? undefined : { end: k, literal: words === 0 };
}
