export { DEFAULT_NORMALIZE_CAPS, normalize, type NormalizeCaps } from './normalize.util.js';
