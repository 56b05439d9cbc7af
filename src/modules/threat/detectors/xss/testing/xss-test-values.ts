import type { NormalizedValue } from '../../../engine/threat.types.js';
import { normalize } from '../../../normalize/index.js';

/** A value as the engine hands it over: raw first, then the normaliser's decodings. */
export const normalized = (raw: string): NormalizedValue => normalize(raw);
