export { TelemetryCollector } from './collector/telemetry-collector.service.js';
export type { SourceSelection } from './collector/source-selection.js';
export { GpuCollectionSink } from './gpu-collection.sink.js';
export * from './gpu-telemetry.types.js';
export { TelemetryModule } from './telemetry.module.js';
