import type { Detector } from '../engine/threat.types.js';

export const DETECTORS: Detector[] = [];
