import { Accepts, JSON_MEDIA_TYPES, Public, ThreatPolicy } from '@app/common';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';

/** Routes under each threat policy, mounted only in e2e tests beside the real app. Each answers what it was sent. */
@Public()
@Controller('threat-fixtures')
export class ThreatFixturesController {
  @Get('default')
  byDefault(): { ok: true } {
    return { ok: true };
  }

  @Post('default')
  @HttpCode(HttpStatus.OK)
  @Accepts('application/x-www-form-urlencoded', ...JSON_MEDIA_TYPES)
  postByDefault(@Body() body: unknown): { received: unknown } {
    return { received: body };
  }

  @Get('items/:id')
  item(@Param('id') id: string): { id: string } {
    return { id };
  }

  @Get('detect')
  @ThreatPolicy('detect')
  detect(): { ok: true } {
    return { ok: true };
  }

  @Get('off')
  @ThreatPolicy('off')
  off(): { ok: true } {
    return { ok: true };
  }

  @Post('sign-in')
  @HttpCode(HttpStatus.OK)
  @ThreatPolicy({ exclude: ['body.password'] })
  signIn(@Body() body: { login?: string }): { login: string | undefined } {
    return { login: body.login };
  }
}
