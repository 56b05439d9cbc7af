export { SystemInfoService } from './system-info.service.js';
export { SystemModule } from './system.module.js';
