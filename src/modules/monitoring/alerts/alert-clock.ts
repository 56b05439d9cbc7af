import { Injectable } from '@nestjs/common';

/** The time the rule engine and dispatch go by; injectable so a test can stand still or jump. */
@Injectable()
export class AlertClock {
  now(): Date {
    return new Date();
  }
}
