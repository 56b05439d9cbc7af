export { flattenRequest, type FlattenedRequest, type RequestParts } from './flatten-request.util.js';
export { inspectRequest } from './inspect-request.util.js';
export { type InspectedValue, type InspectionResult, type InspectOptions, type LocatedMatch, inspect } from './inspect.util.js';
export { DEFAULT_INSPECTION_CAPS, type InspectionCaps } from './inspection-caps.util.js';
export * from './threat.types.js';
export { DEFAULT_BLOCKING_THRESHOLD, type ThreatVerdict, verdict } from './verdict.util.js';
export { ValueMemo } from './value-memo.js';
