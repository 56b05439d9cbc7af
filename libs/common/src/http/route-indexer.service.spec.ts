import { Writable } from 'node:stream';

import {
  Controller,
  ForbiddenException,
  Get,
  Injectable,
  Module,
  RequestMethod,
  type INestApplication,
  type MiddlewareConsumer,
  type NestMiddleware,
  type NestModule,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { NextFunction, Request, Response } from 'express';
import { LoggerModule } from 'nestjs-pino';
import { pino } from 'pino';
import request from 'supertest';

import { RouteIndexer } from './route-indexer.service.js';

const accessLog: Array<{ req?: { url: string }; res?: { statusCode: number } }> = [];
const logStream = new Writable({
  write(chunk: Buffer, _encoding, done) {
    accessLog.push(...String(chunk).trim().split('\n').map((line) => JSON.parse(line) as (typeof accessLog)[number]));
    done();
  },
});

/** pino-http logs on the response's `finish`, which may come a turn after the client has the response. */
async function settledLog(): Promise<typeof accessLog> {
  for (let turn = 0; turn < 20 && accessLog.length === 0; turn++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return accessLog;
}

/** Marks what it saw, and refuses `?refuse=1` by throwing, as the IP-block middleware does. */
@Injectable()
class MarkingMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    if (req.query.refuse === '1') {
      throw new ForbiddenException('refused by the middleware');
    }
    res.setHeader('x-marked', 'yes');
    next();
  }
}

@Controller()
class ThingsController {
  @Get('things')
  things(): { ok: true } {
    return { ok: true };
  }

  @Get('health/ready')
  ready(): string {
    return 'ok';
  }
}

@Module({ controllers: [ThingsController], providers: [MarkingMiddleware, RouteIndexer] })
class AppUnderTest implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(MarkingMiddleware).exclude({ path: 'health/{*probe}', method: RequestMethod.ALL }).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}

describe('RouteIndexer in a Nest app (nestjs-pino and a forRoutes middleware, as the app mounts them)', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [LoggerModule.forRoot({ pinoHttp: { logger: pino(logStream), quietReqLogger: true } }), AppUnderTest],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterAll(async () => {
    await app.close();
  });

  it('replaces the catch-all middleware routes by one middleware', () => {
    const stack = (app.getHttpAdapter().getInstance() as { router: { stack: Array<{ name: string; route?: { path: string } }> } }).router.stack;
    expect(stack.map((layer) => layer.name)).toContain('catchAllMiddleware');
    expect(stack.filter((layer) => layer.route?.path.includes('*'))).toEqual([]);
  });

  it('still runs every middleware: the request is logged and marked', async () => {
    accessLog.length = 0;
    const response = await request(app.getHttpServer()).get('/things?x=1');
    expect(response.status).toBe(200);
    expect(response.headers['x-marked']).toBe('yes');
    expect(await settledLog()).toEqual([expect.objectContaining({ req: expect.objectContaining({ url: '/things?x=1' }), res: expect.objectContaining({ statusCode: 200 }) })]);
  });

  it("keeps the middleware's excluded paths excluded", async () => {
    const response = await request(app.getHttpServer()).get('/health/ready');
    expect(response.status).toBe(200);
    expect(response.headers['x-marked']).toBeUndefined();
  });

  it("turns what a middleware throws into Nest's error response", async () => {
    const response = await request(app.getHttpServer()).get('/things?refuse=1');
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ message: 'refused by the middleware' });
  });

  it('still answers a malformed percent-encoding in the path with 400, before any middleware', async () => {
    accessLog.length = 0;
    const response = await request(app.getHttpServer()).get('/things/%zz');
    expect(response.status).toBe(400);
    expect(response.headers['x-marked']).toBeUndefined();
    expect(await settledLog()).toEqual([]);
  });
});
