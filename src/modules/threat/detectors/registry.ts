import type { Detector } from '../engine/threat.types.js';
import { cmdiDetector } from './cmdi/index.js';
import { otherDetector } from './other/index.js';
import { sqliDetector } from './sqli/index.js';
import { traversalDetector } from './traversal/index.js';
import { xssDetector } from './xss/index.js';

/** Every detector the engine runs, in no particular order (scores add up). */
export const DETECTORS: Detector[] = [cmdiDetector, otherDetector, sqliDetector, traversalDetector, xssDetector];
