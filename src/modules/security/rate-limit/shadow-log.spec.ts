import { Logger } from '@nestjs/common';
import { jest } from '@jest/globals';

import { ShadowLog } from './shadow-log.js';

describe(ShadowLog.name, () => {
  describe('record', () => {
    it('logs at most one line a second, carrying the count of what it held back', () => {
      const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      let now = 10_000;
      const log = new ShadowLog(() => now);
      log.record('ip:203.0.113.1', 'GET', '/v1/things');
      log.record('ip:203.0.113.1', 'GET', '/v1/things');
      log.record('ip:203.0.113.2', 'GET', '/v1/things');
      now += 1000;
      log.record('key:abc', 'POST', '/v1/other');
      expect(warn.mock.calls.map((call) => call[0] as string)).toEqual([
        'Shadow mode: would have limited ip:203.0.113.1 on GET /v1/things',
        'Shadow mode: would have limited key:abc on POST /v1/other (+2 more since the last line)',
      ]);
      warn.mockRestore();
    });
  });
});
