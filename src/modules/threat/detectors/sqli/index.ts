export { sqliDetector } from './sqli.detector.js';
