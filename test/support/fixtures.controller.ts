import { Public } from '@app/common';
import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { setTimeout as sleep } from 'node:timers/promises';

import { TransactionalConnection } from '../../src/modules/database/index.js';

class FixtureOwnerDto {
  @IsString()
  @MaxLength(40)
  name!: string;
}

export class FixtureEchoDto {
  @IsString()
  @MaxLength(100)
  title!: string;

  @IsInt()
  @Min(0)
  @Max(1000)
  count!: number;

  @ValidateNested()
  @Type(() => FixtureOwnerDto)
  owner!: FixtureOwnerDto;
}

class SlowQueryDto {
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10_000)
  ms!: number;
}

/**
 * Routes the foundation does not have yet but the pipeline must handle: a validated JSON body, a slow request
 * (graceful shutdown) and one that needs the database. Mounted only in e2e tests, beside the real app.
 */
@Public()
@Controller('fixtures')
export class FixturesController {
  constructor(private readonly connection: TransactionalConnection) {}

  @Post('echo')
  echo(@Body() body: FixtureEchoDto): FixtureEchoDto {
    return body;
  }

  @Get('slow')
  async slow(@Query() query: SlowQueryDto): Promise<{ sleptMs: number }> {
    await sleep(query.ms);
    return { sleptMs: query.ms };
  }

  @Get('boom')
  boom(): never {
    throw new Error('secret internal detail: connection string postgres://admin:hunter2@db');
  }

  @Get('db')
  async db(): Promise<{ now: string }> {
    const rows: Array<{ now: Date }> = await this.connection.manager.query('SELECT now() AS now');
    return { now: rows[0]!.now.toISOString() };
  }
}
