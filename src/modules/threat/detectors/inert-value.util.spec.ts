import fc from 'fast-check';

import type { Paranoia } from '../engine/threat.types.js';
import { normalize } from '../normalize/index.js';
import { corpusForms, stringsOf } from '../testing/screen-soundness.js';
import { isInertValue, isIsoTimestamp, isPhoneNumber, isTimeOfDay } from './inert-value.util.js';
import { UNSCREENED_DETECTORS } from './registry.js';

const LEVELS: readonly Paranoia[] = [1, 2, 3, 4];

/** What the bare detectors (no screens) find in `value` at any level: must be nothing when it is called inert. */
function bareFindings(value: string): string[] {
  const normalized = normalize(value);
  return LEVELS.flatMap((paranoia) => UNSCREENED_DETECTORS.flatMap((detector) => detector.detect(normalized, paranoia).map((m) => `${m.ruleId} p${paranoia}`)));
}

const INERT = [
  '8f14e45f-ceea-467f-a0e6-2f6b3a1d1c0e',
  'C248239@EXAMPLE.ORG',
  'jane.doe@example.com',
  'SUMMER-2026',
  'sale-4114',
  'ABC-123',
  'autumn_51',
  'SW1A 1AA',
  'Li Wei 55',
  'Jos\u00e9 \u00c1lvarez',
  'K\u00f6ln',
  'Stra\u00dfe 5, \u00c5rhus',
  '12 Main Street',
  '194 Baker St.',
  'Trail runner, size 42. Blue. Grey.',
  'Trail runner, size 42',
  'preferredSlot',
  'en-GB',
  '2',
  '19.99',
  '-42',
  '1,000',
  '2026-01-01',
  '2026-01-01T00:00:00Z',
  '2026-11-22T10:15:30.000Z',
  '2026-11-22T10:15',
  '09:00',
  '23:59:59',
];

/** Characters that some screen lets through wherever they stand (`+` too, outside a phone number: see below). */
const ATTACK_CHARS = [..."'\"`;|&$()<>{}[]%\\/?!=*#~^", '\n', '\t', '\r', '\u0000', '\u0130', '\u212a', '\uff1c', '\u00a0', '\u00ad', '\u00bc', '\u00d7', '\u00aa', '\u0301', '\u0435'];

const PHONES = ['+44 20 7946 0958', '+1-555-0100', '+33 1 23 45 67 89', '+49+30+1234'];

/** `value` with each of `chars` inserted at its start, middle and end, where isInertValue calls the result inert. */
function insertedInert(value: string, chars: readonly string[]): string[] {
  return chars.flatMap((char) => [0, value.length >> 1, value.length].map((at) => value.slice(0, at) + char + value.slice(at))).filter((changed) => isInertValue(changed));
}

describe(isInertValue.name, () => {
  it.each(INERT)('calls %j inert', (value) => {
    expect(isInertValue(value)).toBe(true);
  });

  it.each(INERT)('calls %j with any attack character inserted anywhere not inert', (value) => {
    expect(insertedInert(value, ATTACK_CHARS)).toEqual([]);
  });

  it.each(PHONES)('calls the phone number %j inert, and not with a letter, dot, colon or attack character inserted', (value) => {
    expect(isInertValue(value)).toBe(true);
    expect(insertedInert(value, [...ATTACK_CHARS, 'A', 'x', '.', ':', '--'])).toEqual([]);
  });

  it.each([
    ['a doubled dash, dot or at sign', ['a--b', '1..2', 'a@@b']],
    ['a plus outside a phone number', ['a+b', 'SUMMER+2026', '1+1=2', '+44.20', '+1 555:0100', '+1 (555) 0100', '+0x41', '+1--2']],
    ['a hex or binary literal', ['0x41', 'ab0Bc', '12 0X7f']],
    ['three dots or a final dot without a space inside, or a space at either end', ['1.2.3.4', 'example.com.', 'localhost.', 'St. ', 'a b ', ' a b', ' 1.2.3.4']],
    ['a colon outside an ISO timestamp or a valid time of day', ['24:00', '9:00', '10:60', '10:15:60', '10:15:30.5', 'a:b', '2026-01-01 10:15', '2026-01-01T10:15:00+01:00']],
    ['a word the SQLi screen reads', ['union select', 'Select 1', 'x or y', 'delete from users']],
    ['a word the XSS screen reads', ['alert', 'document cookie', 'eval', 'window']],
    ['a word the traversal screen reads', ['etc passwd', 'boot ini', 'win ini']],
    ['a needle of the other screens', ['java.lang.Runtime', 'aced0005', 'rO0AB', '__proto__', 'constructor', 'process.mainModule', 'mainmodule.require']],
    ['a command word opening the value', ['id', 'cat x', 'ls -la', '@whoami', 'sudo x', 'curl example.com']],
    ['a batch or alias statement', ['for x in y', 'IF x', 'alias x', 'a alias b']],
  ])('calls values with %s not inert', (_, values) => {
    expect(values.filter((value) => isInertValue(value))).toEqual([]);
  });

  it('calls the empty value not inert (the full path answers it)', () => {
    expect(isInertValue('')).toBe(false);
  });

  it('calls no corpus or fixture form inert in which the bare detectors find something', () => {
    const unsound = corpusForms()
      .filter((form) => isInertValue(form))
      .map((form) => ({ form, findings: bareFindings(form) }))
      .filter(({ findings }) => findings.length > 0);
    expect(unsound).toEqual([]);
  });

  it('calls every time of day inert, and the bare detectors find nothing in any of them', () => {
    const twoDigits = (n: number): string => String(n).padStart(2, '0');
    const minutes = Array.from({ length: 24 * 60 }, (_, m) => `${twoDigits(Math.floor(m / 60))}:${twoDigits(m % 60)}`);
    const times = [...minutes, ...minutes.flatMap((hhmm) => Array.from({ length: 60 }, (_, s) => `${hhmm}:${twoDigits(s)}`))];
    expect(times.filter((time) => !isInertValue(time))).toEqual([]);
    expect(times.filter((time) => bareFindings(time).length > 0)).toEqual([]);
  });

  it('calls no generated value inert in which the bare detectors find something', () => {
    const units = ['\u00e9', '\u00df', '\u00d6', 'a', 'f', 'i', 'l', 'x', 'Z', 'T', '0', '5', ' ', '-', '.', '_', ',', '@', ':', 'id', 'cat', 'for', 'if', 'alias ', 'or', 'and', 'select', 'union', 'from', 'java', 'lang', 'aced', '0005', 'alert', 'etc', 'passwd', 'localhost', '127', 'exec', 'system', 'proto', 'constructor', 'sleep', '"', "'", '(', ';', '+', '+4', '--', '=', '<'];
    fc.assert(
      fc.property(stringsOf(units, 10), (value) => {
        expect(isInertValue(value) ? bareFindings(value) : []).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });
});

describe(isPhoneNumber.name, () => {
  it.each(['+44 20 7946 0958', '0123-456', '+1', '++1'])('accepts %j', (value) => {
    expect(isPhoneNumber(value)).toBe(true);
  });

  it.each(['', '+', '+ -', '1--2', '+44 (20) 7946', '+44.20', '+44 20 x'])('rejects %j', (value) => {
    expect(isPhoneNumber(value)).toBe(false);
  });
});

describe(isTimeOfDay.name, () => {
  it.each(['00:00', '09:30', '23:59', '00:00:00', '23:59:59'])('accepts %j', (value) => {
    expect(isTimeOfDay(value)).toBe(true);
  });

  it.each(['', '9:30', '24:00', '12:60', '12:00:60', '12:00:', '12:00:5', '12-00', '12:00Z', '12:00:00.1', '1a:00', ' 12:00'])('rejects %j', (value) => {
    expect(isTimeOfDay(value)).toBe(false);
  });
});

describe(isIsoTimestamp.name, () => {
  it.each(['2026-01-01T00:00', '2026-01-01T00:00Z', '2026-01-01T00:00:59', '2026-01-01T00:00:59Z', '2026-01-01T00:00:59.1Z', '2026-01-01T00:00:59.123456789'])('accepts %j', (value) => {
    expect(isIsoTimestamp(value)).toBe(true);
  });

  it.each(['2026-01-01', '2026-01-01t00:00', '2026-01-01T00:00z', '2026-01-01T00:00:5', '2026-01-01T00:00:59.', '2026-01-01T00:00:59+01:00', '2026-01-01T00:00:59.0Z ', '20260-01-01T00:00', 'x026-01-01T00:00'])(
    'rejects %j',
    (value) => {
      expect(isIsoTimestamp(value)).toBe(false);
    },
  );
});
