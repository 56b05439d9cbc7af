import { SlowQueryLog } from './slow-query-log.js';
import { fingerprintSql } from './sql-fingerprint.util.js';

describe(SlowQueryLog.name, () => {
  it('aggregates executions of one shape and orders shapes by total time', () => {
    const log = new SlowQueryLog();
    for (const [sql, ms] of [['SELECT * FROM a WHERE id = 1', 100], ['SELECT * FROM a WHERE id = 2', 300], ['SELECT * FROM b', 150]] as const) {
      log.record(fingerprintSql(sql), 'select', ms, Date.UTC(2026, 10, 22));
    }

    const [first, second] = log.list();
    expect(first).toMatchObject({ query: 'select * from a where id = ?', calls: 2, totalMs: 400, meanMs: 200, p95Ms: 300, maxMs: 300, operation: 'select', firstSeenAt: '2026-11-22T00:00:00.000Z' });
    expect(second).toMatchObject({ query: 'select * from b', calls: 1, totalMs: 150 });
  });

  it('keeps at most its bound of shapes, dropping the least recently seen', () => {
    const log = new SlowQueryLog(2);
    log.record(fingerprintSql('SELECT 1 FROM a'), 'select', 500, 1);
    log.record(fingerprintSql('SELECT 1 FROM b'), 'select', 100, 2);
    log.record(fingerprintSql('SELECT 1 FROM a'), 'select', 500, 3);
    log.record(fingerprintSql('SELECT 1 FROM c'), 'select', 100, 4);

    expect(log.size).toBe(2);
    expect(log.list().map((stats) => stats.query)).toEqual(['select ? from a', 'select ? from c']);
  });
});
