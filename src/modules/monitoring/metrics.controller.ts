import { MetricsRegistry, Public } from '@app/common';
import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';


@ApiExcludeController()
// Probes and scrapes are never rate-limited: a limited probe would take a healthy instance out of service.
@SkipThrottle()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly registry: MetricsRegistry) {}

  @Public()
  @Get()
  async scrape(@Res() response: Response): Promise<void> {
    const body = await this.registry.metrics();
    response.setHeader('Cache-Control', 'no-store');
    response.type(this.registry.contentType).send(body);
  }
}
