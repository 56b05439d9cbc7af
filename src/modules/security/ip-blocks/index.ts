export { IpBlockList } from './ip-block-list.service.js';
export { IpBlocksModule } from './ip-blocks.module.js';
