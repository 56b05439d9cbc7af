export { ThreatEngine, type ThreatAssessment } from './threat-engine.service.js';
export { ThreatModule } from './threat.module.js';
