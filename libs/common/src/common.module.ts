import { Global, Module } from '@nestjs/common';

import { ErrorMapperRegistry } from './errors/error-mapper.registry.js';

/** Ambient pieces of the HTTP pipeline that modules plug into. */
@Global()
@Module({
  exports: [ErrorMapperRegistry],
  providers: [ErrorMapperRegistry],
})
export class CommonModule {}
