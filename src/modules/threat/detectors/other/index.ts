export { OTHER_RULES, otherDetector } from './other.detector.js';
