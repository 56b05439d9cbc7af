// The whole app (dist/) with one bench controller mounted beside it, an enterprise API key with `scopes`, listening
// on a free loopback port; prints "READY <port> <key>" for startBenchServer and closes cleanly on SIGTERM.
import 'reflect-metadata';

import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { AppModule } from '../../dist/src/app.module.js';
import { APP_OPTIONS, configureApp } from '../../dist/src/app.setup.js';
import { ApiKeyService } from '../../dist/src/modules/security/api-keys/api-key.service.js';
import { Tier } from '../../dist/src/modules/security/index.js';

export async function serveBenchApp(controller, scopes) {
  class BenchModule {}
  Module({ controllers: [controller], imports: [AppModule] })(BenchModule);
  const app = configureApp(await NestFactory.create(BenchModule, APP_OPTIONS));
  const { key } = await app.get(ApiKeyService).create({ name: 'bench', owner: 'bench', tier: Tier.ENTERPRISE, scopes, createdBy: 'system:bench' });
  await app.listen(0, '127.0.0.1');
  process.stdout.write(`READY ${app.getHttpServer().address().port} ${key}\n`);
  process.on('SIGTERM', () => {
    void app.close().then(() => process.exit(0));
  });
}
