import { Module, type DynamicModule, type Type } from '@nestjs/common';

import { ModelsModule } from '../models/index.js';
import { EstimatesController } from './estimates.controller.js';
import { MemoryEstimateService } from './memory-estimate.service.js';

/** Memory estimates for uploaded models and transformer configs. */
@Module({
  controllers: [EstimatesController],
  imports: [ModelsModule],
  providers: [MemoryEstimateService],
})
export class EstimatesModule {
  /**
   * With the module that exports a GpuDeviceMemorySource, so a `deviceId` resolves to its latest memory reading. The
   * telemetry store provides it but depends on this module's index for the abstraction; the composition root (the
   * GPU module) names it here, since importing it from this file would close an import cycle.
   */
  static withDeviceMemory(source: Type): DynamicModule {
    return { imports: [source], module: EstimatesModule };
  }
}
