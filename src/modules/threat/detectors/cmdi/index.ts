export { CMDI_RULES, cmdiDetector } from './cmdi.detector.js';
