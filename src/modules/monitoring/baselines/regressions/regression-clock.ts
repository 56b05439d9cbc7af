import { Injectable } from '@nestjs/common';

/** The wall clock, injectable so tests move time through sustain periods without waiting for them. */
@Injectable()
export class RegressionClock {
  now(): number {
    return Date.now();
  }
}
