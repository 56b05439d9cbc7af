import { Injectable } from '@nestjs/common';
import type { Profiler } from 'node:inspector';
import { Session } from 'node:inspector/promises';

/** The V8 CPU profile Chrome DevTools and speedscope open (`.cpuprofile`). */
export type CpuProfile = Profiler.Profile;

/** A profile being recorded; `stop` ends it and hands back what was sampled. */
export interface CpuProfileRecording {
  stop(): Promise<CpuProfile>;
}

/**
 * The V8 profiler of this process through an in-process inspector session: the one side effect of profiling,
 * injectable so the slot and duration rules are tested without sampling a real process.
 */
@Injectable()
export class CpuProfiler {
  async start(): Promise<CpuProfileRecording> {
    const session = new Session();
    session.connect();
    try {
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    } catch (error) {
      session.disconnect();
      throw error;
    }
    return {
      async stop(): Promise<CpuProfile> {
        try {
          const { profile } = await session.post('Profiler.stop');
          return profile;
        } finally {
          session.disconnect();
        }
      },
    };
  }
}
