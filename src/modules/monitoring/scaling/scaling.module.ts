import { Module } from '@nestjs/common';

import { SignalsModule } from '../signals/signals.module.js';
import { ScalingController } from './scaling.controller.js';
import { ScalingService } from './scaling.service.js';

@Module({
  controllers: [ScalingController],
  imports: [SignalsModule],
  providers: [ScalingService],
})
export class ScalingModule {}
