import { Scope } from '../../../src/modules/security/index.js';
import { ThreatEngine } from '../../../src/modules/threat/index.js';
import { ThreatFixturesController } from '../../support/threat-fixtures.controller.js';
import { startAbuseApp, type AbuseApp } from '../../support/abuse/abuse-app.js';
import { medianInspectionMs } from '../../support/abuse/engine-timing.js';
import { bearer, issueApiKey } from '../../support/principals.js';

/** Just under the per-field cap (THREAT_MAX_FIELD_CHARS, 64 KiB), so every character is scanned. */
const SIZE = 60_000;
/** Loose on purpose: a backtracking regex makes these 1000x slower, a busy machine about 2x. */
const MAX_RATIO = 20;

const fill = (unit: string, tail = ''): string => unit.repeat(Math.ceil((SIZE - tail.length) / unit.length)).slice(0, SIZE - tail.length) + tail;

/** Shapes that make backtracking regexes, decoding loops or case/Unicode folding blow up. */
const PATHOLOGICAL: Array<[string, string]> = [
  ['a long word ending in a mismatch', fill('a', '!')],
  ['open angle brackets', fill('<')],
  ['unclosed tags with attributes', fill('<a b=')],
  ['quotes', fill("'")],
  ['SQL comment openers', fill('/*')],
  ['nested parentheses', fill('(')],
  ['backslashes', fill('\\')],
  ['percent-encoded percents', fill('%25')],
  ['entity openers', fill('&#')],
  ['traversal segments', fill('../')],
  ['shell substitutions', fill('$(')],
  ['whitespace then a keyword', fill(' ', 'select')],
  ['repeated SQL keywords', fill('union select ')],
  ['javascript: schemes', fill('javascript:')],
  ['combining marks', fill('a\u0301')],
  ['compatibility ligatures', fill('\uFB00')],
  ['dotted capital I', fill('\u0130')],
];

/** Ordinary prose of the same size, for the ratio. */
const benign = (round: number): string => fill(`lorem ipsum dolor sit amet ${round} `);

/**
 * Abuse case: ReDoS. Inputs shaped to make a backtracking pattern, a decode loop or Unicode folding take time out of
 * proportion to their size. The inspect API answers them, the guard answers them, and the engine's time on each
 * stays within MAX_RATIO of ordinary text of the same size (a ratio within one run, never an absolute time).
 */
describe('abuse: ReDoS-shaped input to the threat engine', () => {
  let target: AbuseApp;
  let inspector: Record<string, string>;

  beforeAll(async () => {
    target = await startAbuseApp({ RATE_LIMIT_ANONYMOUS: '100000', THREAT_MODE: 'block' }, [ThreatFixturesController]);
    inspector = bearer(await issueApiKey(target.app, { scopes: [Scope.THREAT_INSPECT] }));
  });

  afterAll(() => target.close());

  it('inspects ordinary text and flags a real attack (the legitimate form)', async () => {
    const response = await target.http().post('/v1/threat/inspect').set(inspector).send({ values: [benign(0), "1' OR '1'='1' --"], paranoia: 4 });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ verdict: 'malicious', capsExceeded: [] });
  });

  it('answers every pathological value through the inspect API at paranoia 4', async () => {
    for (const [name, value] of PATHOLOGICAL) {
      const response = await target.http().post('/v1/threat/inspect').set(inspector).send({ values: [value], paranoia: 4 });
      expect([name, response.status]).toEqual([name, 200]);
      expect(response.body.verdict).toMatch(/^(clean|malicious)$/);
    }
  });

  it('answers pathological bodies on a guarded route with 200 or 403, never a 500', async () => {
    for (const [name, value] of PATHOLOGICAL.slice(0, 6)) {
      const response = await target.http().post('/threat-fixtures/default').send({ q: value });
      expect([name, [200, 403].includes(response.status)]).toEqual([name, true]);
    }
  });

  it.each(PATHOLOGICAL)(`keeps the engine within ${MAX_RATIO}x of ordinary text on %s`, (_name, value) => {
    const engine = target.app.get(ThreatEngine);
    // Warm both paths first, so neither pays for compilation.
    medianInspectionMs(engine, benign, 1);
    medianInspectionMs(engine, (round) => `${round}${value.slice(1)}`, 1);
    const baseline = medianInspectionMs(engine, (round) => benign(round + 10));
    const hostile = medianInspectionMs(engine, (round) => `${round + 10}${value.slice(String(round + 10).length)}`);
    expect(hostile / baseline).toBeLessThan(MAX_RATIO);
  });
});
