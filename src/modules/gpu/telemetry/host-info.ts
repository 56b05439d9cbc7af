import { Injectable } from '@nestjs/common';
import { hostname } from 'node:os';

/** The machine and clock samples are stamped with; an adapter so tests can pin both. */
@Injectable()
export class HostInfo {
  hostname(): string {
    return hostname();
  }

  now(): Date {
    return new Date();
  }
}
