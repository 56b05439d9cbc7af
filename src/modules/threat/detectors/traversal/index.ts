export { TRAVERSAL_RULES, traversalDetector } from './traversal.detector.js';
