import type { Detector } from '../engine/threat.types.js';
import { CMDI_RULES, cmdiDetector } from './cmdi/index.js';
import { CMDI_SCREENS } from './cmdi/cmdi.screen.js';
import { OTHER_RULES, otherDetector } from './other/index.js';
import { OTHER_SCREENS } from './other/other.screen.js';
import { screened, screenedRules } from './screen-kit.js';
import { sqliDetector } from './sqli/index.js';
import { sqliScreen } from './sqli/sqli.screen.js';
import { TRAVERSAL_RULES, traversalDetector } from './traversal/index.js';
import { TRAVERSAL_SCREENS } from './traversal/traversal.screen.js';
import { xssDetector } from './xss/index.js';
import { xssScreen } from './xss/xss.screen.js';

/**
 * Every detector the engine runs, in no particular order (scores add up), each behind its screens: they skip the
 * rules a value cannot trigger and find exactly what the bare detectors find (see registry.spec.ts).
 */
export const DETECTORS: Detector[] = [
  screenedRules('cmdi', 'cmdi', CMDI_RULES, CMDI_SCREENS),
  screenedRules('other', 'other', OTHER_RULES, OTHER_SCREENS),
  screened(sqliDetector, sqliScreen),
  screenedRules('traversal', 'traversal', TRAVERSAL_RULES, TRAVERSAL_SCREENS),
  screened(xssDetector, xssScreen),
];

/** Values no rule of DETECTORS can match at any paranoia: the engine's fast path (`InspectOptions.inert`). */
export { isInertValue } from './inert-value.util.js';

/** The same detectors without screens: the reference the screened ones are checked against. */
export const UNSCREENED_DETECTORS: Detector[] = [cmdiDetector, otherDetector, sqliDetector, traversalDetector, xssDetector];
