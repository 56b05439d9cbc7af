export { xssDetector } from './xss.detector.js';
