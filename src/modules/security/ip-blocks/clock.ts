import { Injectable } from '@nestjs/common';

/** The wall clock, injectable so tests can move time (block expiry, counting windows) without waiting. */
@Injectable()
export class Clock {
  now(): number {
    return Date.now();
  }
}
