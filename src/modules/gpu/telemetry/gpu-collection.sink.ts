import type { GpuCollection } from './gpu-telemetry.types.js';

/**
 * Where each collection goes (the sample store implements it and provides it under this class as token). The
 * collector finds it anywhere in the app; with none provided, collections are counted and dropped.
 */
export abstract class GpuCollectionSink {
  abstract accept(collection: GpuCollection): Promise<void>;
}
