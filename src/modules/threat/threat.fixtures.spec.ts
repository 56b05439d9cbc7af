import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { DETECTORS } from './detectors/registry.js';
import { inspect } from './engine/index.js';
import { verdict } from './engine/verdict.util.js';

/** Rows of test/fixtures/threat: fixed bypasses and false positives, each kept as a regression case. */
interface FixtureRow {
  payload: string;
  cls?: string;
  why: string;
  file: string;
}

const FIXTURE_DIR = join(process.cwd(), 'test', 'fixtures', 'threat');

function load(suffix: string): FixtureRow[] {
  return readdirSync(FIXTURE_DIR)
    .filter((file) => file.endsWith(suffix))
    .flatMap((file) =>
      readFileSync(join(FIXTURE_DIR, file), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => ({ ...(JSON.parse(line) as Omit<FixtureRow, 'file'>), file })),
    );
}

function inspectOne(payload: string) {
  return inspect([{ location: 'query.q', value: payload }], { paranoia: 1, detectors: DETECTORS });
}

const attacks = load('.attacks.jsonl');
const benign = load('.benign.jsonl');

describe('threat fixtures (test/fixtures/threat)', () => {
  it('has rows of both kinds, each saying why it is there', () => {
    expect(attacks.length).toBeGreaterThan(0);
    expect(benign.length).toBeGreaterThan(0);
    for (const row of [...attacks, ...benign]) {
      expect(typeof row.payload === 'string' && row.why.length > 0).toBe(true);
    }
  });

  it.each(attacks.map((row) => [row.file, row.payload, row]))('%s blocks %j', (_file, _payload, row) => {
    const result = inspectOne(row.payload);
    expect(verdict(result.score)).toBe('malicious');
    expect(result.matches.map((match) => match.class)).toContain(row.cls);
  });

  it.each(benign.map((row) => [row.file, row.payload, row]))('%s lets %j through', (_file, _payload, row) => {
    expect(verdict(inspectOne(row.payload).score)).toBe('clean');
  });
});
