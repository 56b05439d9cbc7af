export { SystemInfoService } from './system-info.service.js';
export { SystemModule } from './system.module.js';
export { readPackageInfo, type PackageInfo } from './package-info.js';
