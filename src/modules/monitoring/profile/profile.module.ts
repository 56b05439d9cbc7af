import { Module } from '@nestjs/common';

import { CpuProfiler } from './cpu-profiler.js';
import { ProfileController } from './profile.controller.js';
import { ProfileService } from './profile.service.js';

/** `POST /v1/monitoring/profile`: an on-demand CPU profile of this instance, for admins. */
@Module({
  controllers: [ProfileController],
  providers: [CpuProfiler, ProfileService],
})
export class ProfileModule {}
