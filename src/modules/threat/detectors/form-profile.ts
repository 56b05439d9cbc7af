import type { CharSet } from './char-profile.js';
import { charRarity, pairRarity } from './pair-rarity.js';

/**
 * What screens ask about a form, worked out in one pass and shared by every screen of every rule: which ASCII
 * characters it holds, whether it holds others, and which case-folded ASCII character pairs. A needle a rule finds
 * with `form.toLowerCase().indexOf(needle)` (or case-sensitively) needs every pair of its own. Non-ASCII code units
 * pair as DEL: only `İ` and the Kelvin sign lower-case to ASCII, and a form holding either lets every needle through.
 */
const OTHER = 0x7f;

interface Profile {
  form: string | null;
  /** `pairs[pair] === stamp` when the form holds the pair; filled on the first needle lookup (`withPairs`). */
  readonly pairs: Uint32Array;
  stamp: number;
  /** How many needle sets there were when `pairs` was filled; -1 before. */
  pairsFor: number;
  readonly chars: Int32Array;
  /** `chars` with upper-case letters as lower case. */
  readonly folded: Int32Array;
  /** `chars` with DEL's bit also set when the form holds non-ASCII: what screen gates test (`NON_ASCII`). */
  readonly gate: Int32Array;
  nonAscii: boolean;
  foldsToAscii: boolean;
  /** The bits of the needle sets one of whose key pairs the form holds, filled with `pairs`. */
  keyHits: number;
  /** The form's distinct pairs that are keys of some needle set, filled with `pairs`. */
  readonly keyPairs: number[];
}

// A value's forms are screened in turn, rule after rule: one profile per form keeps them from evicting each other.
const profiles: Profile[] = Array.from({ length: 4 }, () => ({
  form: null,
  pairs: new Uint32Array(128 * 128),
  stamp: 0,
  pairsFor: -1,
  chars: new Int32Array(4),
  folded: new Int32Array(4),
  gate: new Int32Array(4),
  nonAscii: false,
  foldsToAscii: false,
  keyHits: 0,
  keyPairs: [],
}));
let next = 0;
let last = profiles[0] as Profile;
// The last form's characters, kept apart so the commonest question costs one comparison.
let lastForm: string | null = null;
let lastChars = last.chars;
let lastGate = last.gate;

/** Bits of `A`..`Z` in the third word of a character set, and of `a`..`z` in the fourth. */
const LETTER_BITS = 0x07fffffe;
/** DEL's bit in the fourth word. */
const DEL_BIT = 1 << 31;

function fold(code: number): number {
  if (code >= 0x80) {
    return OTHER;
  }
  return code >= 0x41 && code <= 0x5a ? code | 0x20 : code;
}

function profile(form: string): Profile {
  if (last.form === form) {
    return last;
  }
  for (const known of profiles) {
    if (known.form === form) {
      return remember(known);
    }
  }
  const fresh = remember(profiles[next] as Profile);
  next = (next + 1) % profiles.length;
  let low = 0;
  let punctuation = 0;
  let upper = 0;
  let lower = 0;
  let nonAscii = false;
  let foldsToAscii = false;
  for (let i = 0; i < form.length; i++) {
    const code = form.charCodeAt(i);
    const bit = 1 << (code & 31);
    if (code < 0x20) {
      low |= bit;
    } else if (code < 0x40) {
      punctuation |= bit;
    } else if (code < 0x60) {
      upper |= bit;
    } else if (code < 0x80) {
      lower |= bit;
    } else {
      nonAscii = true;
      foldsToAscii ||= code === 0x130 || code === 0x212a;
    }
  }
  fresh.chars[0] = fresh.folded[0] = low;
  fresh.chars[1] = fresh.folded[1] = punctuation;
  fresh.chars[2] = upper;
  fresh.chars[3] = lower;
  fresh.folded[2] = upper & ~LETTER_BITS;
  fresh.folded[3] = lower | (upper & LETTER_BITS);
  fresh.gate[0] = low;
  fresh.gate[1] = punctuation;
  fresh.gate[2] = upper;
  fresh.gate[3] = nonAscii ? lower | DEL_BIT : lower;
  fresh.nonAscii = nonAscii;
  fresh.foldsToAscii = foldsToAscii;
  fresh.pairsFor = -1;
  fresh.form = form;
  lastForm = form;
  return fresh;
}

function remember(known: Profile): Profile {
  last = known;
  lastForm = known.form;
  lastChars = known.chars;
  lastGate = known.gate;
  return known;
}

function withPairs(known: Profile, form: string): Profile {
  if (known.pairsFor === keyedSets) {
    return known;
  }
  known.stamp = (known.stamp + 1) >>> 0;
  if (known.stamp === 0) {
    known.pairs.fill(0);
    known.stamp = 1;
  }
  const { pairs, stamp, keyPairs } = known;
  keyPairs.length = 0;
  let hits = 0;
  let previous = OTHER;
  for (let i = 0; i < form.length; i++) {
    const folded = fold(form.charCodeAt(i));
    const pair = (previous << 7) | folded;
    if (pairs[pair] !== stamp) {
      pairs[pair] = stamp;
      const sets = KEY_SETS[pair] ?? 0;
      if (sets !== 0) {
        hits |= sets;
        keyPairs.push(pair);
      }
    }
    previous = folded;
  }
  known.keyHits = hits;
  known.pairsFor = keyedSets;
  return known;
}

/** Whether `form` holds any character of `set` (from `charSet`). */
export function hasAnyOf(form: string, set: CharSet): boolean {
  const chars = form === lastForm ? lastChars : profile(form).chars;
  return ((chars[0] ?? 0) & (set[0] ?? 0)) !== 0 || ((chars[1] ?? 0) & (set[1] ?? 0)) !== 0 || ((chars[2] ?? 0) & (set[2] ?? 0)) !== 0 || ((chars[3] ?? 0) & (set[3] ?? 0)) !== 0;
}

/**
 * The form's ASCII characters as a character set, DEL standing for every character outside ASCII as well. Read it
 * at once: the next form profiled may overwrite it.
 */
export function gateChars(form: string): CharSet {
  return form === lastForm ? lastGate : profile(form).gate;
}

/** Whether `form` holds any character outside ASCII. */
export function hasNonAscii(form: string): boolean {
  return profile(form).nonAscii;
}

/** Needles compiled to their pairs, rarest first, so a missing needle is usually ruled out by its first lookup. */
export interface NeedleSet {
  readonly pairs: Int32Array;
  /** Needle `n`'s pairs are `pairs[starts[n]]` up to `pairs[starts[n + 1]]`. */
  readonly starts: Int32Array;
  /** Whether each pair is the first (rarest) of some needle: lets a short form be checked by its own pairs. */
  readonly keys: Uint8Array;
  /** The rarest character of each needle, case-folded: a form with none of them holds no needle. */
  readonly rareChars: Int32Array;
  /** This set's bit in `KEY_SETS`, or 0 past the first 31 sets. */
  readonly bit: number;
  /** The needles (indices) each key pair is the key of. */
  readonly byKey: ReadonlyMap<number, readonly number[]>;
}

/** The bits of the needle sets each pair is a key of: one pass over a form tells which sets it may hold a needle of. */
const KEY_SETS = new Int32Array(128 * 128);
let keyedSets = 0;
/** Sets made past the 31st: their keys are not in KEY_SETS. */
let unkeyedSets = 0;
/** The keyed sets by bit number. */
const KEYED: NeedleSet[] = [];

/**
 * For each case-folded pair (`previous << 7 | code`, a form's first character paired with DEL), the bits of the
 * needle sets it is the rarest pair of some needle of. A form none of whose pairs is such a key holds no needle of
 * any set; this holds only while `everyNeedleSetKeyed()`.
 */
export function needleKeyPairs(): Readonly<Int32Array> {
  return KEY_SETS;
}

/** Whether every needle set made so far has its keys in `needleKeyPairs()`. */
export function everyNeedleSetKeyed(): boolean {
  return unkeyedSets === 0;
}

/** Compiles needles of two or more printable ASCII characters; their case does not matter. */
export function needleSet(needles: Iterable<string>): NeedleSet {
  const pairs: number[] = [];
  const starts: number[] = [0];
  const keys = new Uint8Array(128 * 128);
  const rareChars = new Int32Array(4);
  const byKey = new Map<number, number[]>();
  for (const needle of needles) {
    if (needle.length < 2 || /[^\x20-\x7e]/.test(needle)) {
      throw new Error(`needleSet: ${JSON.stringify(needle)} is not two or more printable ASCII characters`);
    }
    const own: number[] = [];
    for (let i = 1; i < needle.length; i++) {
      own.push((fold(needle.charCodeAt(i - 1)) << 7) | fold(needle.charCodeAt(i)));
    }
    const codes = [...needle].map((c) => fold(c.charCodeAt(0)));
    const rare = codes.reduce((best, code) => (charRarity(code) > charRarity(best) ? code : best));
    rareChars[rare >> 5] = (rareChars[rare >> 5] ?? 0) | (1 << (rare & 31));
    own.sort((a, b) => pairRarity(b) - pairRarity(a));
    keys[own[0] ?? 0] = 1;
    byKey.set(own[0] ?? 0, [...(byKey.get(own[0] ?? 0) ?? []), starts.length - 1]);
    pairs.push(...own);
    starts.push(pairs.length);
  }
  const bit = keyedSets < 31 ? 1 << keyedSets++ : 0;
  unkeyedSets += bit === 0 ? 1 : 0;
  keys.forEach((key, pair) => {
    KEY_SETS[pair] = (KEY_SETS[pair] ?? 0) | (key * bit);
  });
  const set: NeedleSet = { pairs: Int32Array.from(pairs), starts: Int32Array.from(starts), keys, rareChars, bit, byKey };
  if (bit !== 0) {
    KEYED[31 - Math.clz32(bit)] = set;
  }
  return set;
}

/** False only when `form` holds no needle of any keyed set whose bit is in `bits` (see `needleKeyPairs`). */
export function mayContainNeedleOf(form: string, bits: number): boolean {
  for (let rest = bits; rest !== 0; rest &= rest - 1) {
    const set = KEYED[31 - Math.clz32(rest & -rest)];
    if (set === undefined || mayContainAny(form, set)) {
      return true;
    }
  }
  return false;
}

/** False only when no needle of `set` can occur in `form`, ignoring ASCII case. */
export function mayContainAny(form: string, set: NeedleSet): boolean {
  const known = profile(form);
  if (known.foldsToAscii) {
    return true;
  }
  const { folded } = known;
  const rare = set.rareChars;
  if (((folded[0] ?? 0) & (rare[0] ?? 0)) === 0 && ((folded[1] ?? 0) & (rare[1] ?? 0)) === 0 && ((folded[2] ?? 0) & (rare[2] ?? 0)) === 0 && ((folded[3] ?? 0) & (rare[3] ?? 0)) === 0) {
    return false;
  }
  if (set.bit !== 0) {
    return holdsKeyedNeedle(withPairs(known, form), set);
  }
  const count = set.starts.length - 1;
  // A form shorter than the list is quicker to rule out by its own pairs.
  if (form.length < count && !hasKeyPair(form, set.keys)) {
    return false;
  }
  const { pairs, stamp } = withPairs(known, form);
  for (let n = 0; n < count; n++) {
    if (holdsNeedle(pairs, stamp, set, n)) {
      return true;
    }
  }
  return false;
}

/** Whether the profiled form holds every pair of some needle of `set`: only needles whose key it holds can. */
function holdsKeyedNeedle(known: Profile, set: NeedleSet): boolean {
  if ((known.keyHits & set.bit) === 0) {
    return false;
  }
  const { pairs, stamp, keyPairs } = known;
  for (const pair of keyPairs) {
    if (((KEY_SETS[pair] ?? 0) & set.bit) === 0) {
      continue;
    }
    for (const n of set.byKey.get(pair) ?? []) {
      if (holdsNeedle(pairs, stamp, set, n)) {
        return true;
      }
    }
  }
  return false;
}

function holdsNeedle(pairs: Uint32Array, stamp: number, set: NeedleSet, n: number): boolean {
  let i = set.starts[n] ?? 0;
  const end = set.starts[n + 1] ?? 0;
  while (i < end && pairs[set.pairs[i] ?? 0] === stamp) {
    i++;
  }
  return i === end;
}

/** Characters (DEL for non-ASCII, as in `gateChars`) a form holds whenever `mayContainAny(form, set)` is true. */
export function needleChars(set: NeedleSet): CharSet {
  const rare = set.rareChars;
  return Int32Array.of(rare[0] ?? 0, rare[1] ?? 0, (rare[2] ?? 0) | ((rare[3] ?? 0) & LETTER_BITS), (rare[3] ?? 0) | DEL_BIT);
}

/** Whether some pair of `form` is the rarest pair of a needle: every needle in `form` brings its own. */
function hasKeyPair(form: string, keys: Uint8Array): boolean {
  let previous = OTHER;
  for (let i = 0; i < form.length; i++) {
    const folded = fold(form.charCodeAt(i));
    if (keys[(previous << 7) | folded] === 1) {
      return true;
    }
    previous = folded;
  }
  return false;
}
