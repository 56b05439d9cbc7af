import { Injectable } from '@nestjs/common';

/** The time evaluations and dismissals go by; injectable so a test can fix it. */
@Injectable()
export class RecommendationClock {
  now(): Date {
    return new Date();
  }
}
