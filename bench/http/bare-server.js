// The baseline: a bare Nest application on platform-express with one controller returning the same JSON body,
// nothing else (no guards, no interceptors, no middleware beyond Nest's own). Prints "READY <port> -".
import 'reflect-metadata';

import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { CATALOGUE } from './catalogue.js';

class HelloController {
  catalogue() {
    return CATALOGUE;
  }
}
const descriptor = Object.getOwnPropertyDescriptor(HelloController.prototype, 'catalogue');
Get('catalogue')(HelloController.prototype, 'catalogue', descriptor);
Controller('bench')(HelloController);

class HelloModule {}
Module({ controllers: [HelloController] })(HelloModule);

const app = await NestFactory.create(HelloModule, { logger: false });
await app.listen(0, '127.0.0.1');
process.stdout.write(`READY ${app.getHttpServer().address().port} -\n`);
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
