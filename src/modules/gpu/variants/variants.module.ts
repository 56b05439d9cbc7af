import { Module } from '@nestjs/common';

import { ModelsModule } from '../models/index.js';
import { GpuPassesModule } from '../passes/index.js';
import { VariantBuilder } from './variant-builder.service.js';
import { VariantsController } from './variants.controller.js';
import { VariantsService } from './variants.service.js';

/** Optimised variants of stored models: the passes' HTTP API, and VariantBuilder for the auto-optimise jobs. */
@Module({
  controllers: [VariantsController],
  exports: [VariantBuilder],
  imports: [GpuPassesModule, ModelsModule],
  providers: [VariantBuilder, VariantsService],
})
export class VariantsModule {}
