import { Module } from '@nestjs/common';

import { ModelsModule } from '../models/index.js';
import { EstimatesController } from './estimates.controller.js';
import { MemoryEstimateService } from './memory-estimate.service.js';

/** Memory estimates for uploaded models and transformer configs. */
@Module({
  controllers: [EstimatesController],
  imports: [ModelsModule],
  providers: [MemoryEstimateService],
})
export class EstimatesModule {}
