import type { Paranoia } from '../engine/threat.types.js';
import { normalize } from '../normalize/index.js';
import { corpusForms } from '../testing/screen-soundness.js';
import { DETECTORS, UNSCREENED_DETECTORS } from './registry.js';

const LEVELS: readonly Paranoia[] = [1, 2, 3, 4];

describe('DETECTORS (screened)', () => {
  it('are the bare detectors, in the same order', () => {
    expect(DETECTORS.map((d) => d.name)).toEqual(UNSCREENED_DETECTORS.map((d) => d.name));
  });

  it('find exactly what the bare detectors find, match for match, on every corpus and fixture form at every level', () => {
    const differences: string[] = [];
    for (const form of corpusForms()) {
      const value = normalize(form);
      for (const paranoia of LEVELS) {
        DETECTORS.forEach((detector, i) => {
          const screened = JSON.stringify(detector.detect(value, paranoia));
          const bare = JSON.stringify(UNSCREENED_DETECTORS[i]?.detect(value, paranoia));
          if (screened !== bare) {
            differences.push(`${detector.name} p${paranoia} ${JSON.stringify(form.slice(0, 80))}: ${screened} vs ${bare}`);
          }
        });
      }
    }
    expect(differences).toEqual([]);
  });
});
