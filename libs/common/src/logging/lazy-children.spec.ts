import { pino } from 'pino';

import { withLazyChildren } from './lazy-children.js';

/** A pino root writing JSON lines to memory, its `req` serializer counting its calls. */
function rootLogger() {
  const lines: Record<string, unknown>[] = [];
  const serialized = { count: 0 };
  const destination = { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) };
  const root = pino(
    {
      level: 'info',
      redact: { paths: ['req.token', '*.password'], censor: '[REDACTED]' },
      serializers: {
        req: (req: { url: string; token: string }) => {
          serialized.count += 1;
          return { url: req.url, token: req.token };
        },
      },
    },
    destination,
  );
  return { root: withLazyChildren(root), lines, serialized };
}

describe(withLazyChildren.name, () => {
  it('serialises a child only when it first logs, and writes what an eager child writes', () => {
    const { root, lines, serialized } = rootLogger();

    const child = root.child({ reqId: 'r-1' }).child({ req: { url: '/a', token: 'secret-token' } });
    expect(serialized.count).toBe(0);

    child.info({ user: { password: 'hunter2' } }, 'hello');
    child.info('again');

    expect(serialized.count).toBe(1);
    expect(lines).toEqual([
      expect.objectContaining({ reqId: 'r-1', req: { url: '/a', token: '[REDACTED]' }, user: { password: '[REDACTED]' }, msg: 'hello' }),
      expect.objectContaining({ reqId: 'r-1', req: { url: '/a', token: '[REDACTED]' }, msg: 'again' }),
    ]);
  });

  it('never serialises children that never log', () => {
    const { root, serialized } = rootLogger();

    for (let index = 0; index < 100; index += 1) {
      root.child({ reqId: String(index) }).child({ req: { url: `/${index}`, token: 't' } });
    }

    expect(serialized.count).toBe(0);
  });

  it('keeps levels, setBindings and grandchildren working through the stand-in', () => {
    const { root, lines } = rootLogger();
    const child = root.child({ reqId: 'r-2' });

    expect(child.isLevelEnabled('debug')).toBe(false);
    child.debug('dropped');
    child.setBindings({ user: 'ada' });
    child.child({ step: 2 }).warn('late');
    child.level = 'debug';
    child.debug('kept');

    expect(lines).toEqual([
      expect.objectContaining({ reqId: 'r-2', user: 'ada', step: 2, level: 40, msg: 'late' }),
      expect.objectContaining({ reqId: 'r-2', user: 'ada', level: 20, msg: 'kept' }),
    ]);
    expect(root.isLevelEnabled('debug')).toBe(false);
  });
});
