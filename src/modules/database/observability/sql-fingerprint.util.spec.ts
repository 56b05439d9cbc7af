import { fingerprintSql, normaliseSql, sqlOperation } from './sql-fingerprint.util.js';

describe('normaliseSql', () => {
  it.each([
    ['SELECT * FROM users WHERE id = $1', 'select * from users where id = ?'],
    ["SELECT * FROM users WHERE name = 'O''Brien' AND age > 42.5", 'select * from users where name = ? and age > ?'],
    ["select E'it\\'s', 1e-3, .5 from t", 'select ? from t'],
    ['SELECT $tag$ anything; \'here\' $tag$, $$x$$ FROM t', 'select ? from t'],
    ['SELECT "Mixed Case" FROM "Users"', 'select "Mixed Case" from "Users"'],
    ['SELECT a -- the id\nFROM  t /* why */ WHERE  b IN ($1, $2, $3)', 'select a from t where b in(?)'],
    ['INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4), ($5, $6)', 'insert into t(a,b)values(?)'],
    ['SELECT col1, t2.x9 FROM t2', 'select col1,t2.x9 from t2'],
  ])('%j → %j', (sql, expected) => {
    expect(normaliseSql(sql)).toBe(expected);
  });

  it('never keeps a literal or parameter value', () => {
    const text = normaliseSql("UPDATE users SET email = 'mary@example.com', pin = 1234 WHERE token = $1");

    expect(text).not.toMatch(/mary|1234|\$1/);
  });
});

describe('fingerprintSql', () => {
  it('groups statements that differ only in values, and tells apart different shapes', () => {
    const a = fingerprintSql('SELECT * FROM users WHERE id = 1');
    const b = fingerprintSql('select *   from users where id = 99');
    const c = fingerprintSql('SELECT * FROM users WHERE email = $1');

    expect(a.id).toBe(b.id);
    expect(a.id).not.toBe(c.id);
    expect(a.id).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('sqlOperation', () => {
  it.each([
    ['SELECT 1', 'select'],
    ['  with x as (select 1) select * from x', 'select'],
    ['/* c */ INSERT INTO t VALUES (1)', 'insert'],
    ['-- note\nUPDATE t SET a = 1', 'update'],
    ['DELETE FROM t', 'delete'],
    ['START TRANSACTION', 'transaction'],
    ['COMMIT', 'transaction'],
    ['SET statement_timeout = 5', 'session'],
    ['CREATE INDEX i ON t (a)', 'ddl'],
    ['VACUUM t', 'other'],
    ['', 'other'],
  ])('%j is %s', (sql, operation) => {
    expect(sqlOperation(sql)).toBe(operation);
  });
});
