import { Module } from '@nestjs/common';

import { SystemController } from './system.controller.js';
import { SystemInfoService } from './system-info.service.js';

@Module({
  controllers: [SystemController],
  exports: [SystemInfoService],
  providers: [SystemInfoService],
})
export class SystemModule {}
