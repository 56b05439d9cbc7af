import { jest } from '@jest/globals';
import { SetMetadata } from '@nestjs/common';

import { MemoizedReflector } from './memoized-reflector.js';

const sameName = [Symbol('roles'), Symbol('roles')] as const;

@SetMetadata('scope', 'class-scope')
class Orders {
  @SetMetadata('scope', 'list-scope')
  @SetMetadata(sameName[0], 'first')
  list(): void {}

  @SetMetadata(sameName[1], 'second')
  create(): void {}
}

describe(MemoizedReflector.name, () => {
  const { list, create } = Orders.prototype;

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it("gives Reflector's answers, each read from the metadata once", () => {
    const reads = jest.spyOn(Reflect, 'getMetadata');
    const reflector = new MemoizedReflector();

    const ask = (): void => {
      expect(reflector.getAllAndOverride('scope', [list, Orders])).toBe('list-scope');
      expect(reflector.getAllAndOverride('scope', [create, Orders])).toBe('class-scope');
      expect(reflector.get('scope', list)).toBe('list-scope');
      expect(reflector.get('missing', list)).toBeUndefined();
    };

    ask();
    const firstRound = reads.mock.calls.length;
    ask();
    ask();

    expect(firstRound).toBeGreaterThanOrEqual(4);
    expect(reads).toHaveBeenCalledTimes(firstRound);
  });

  it('tells apart symbols of the same description, handlers and the order of targets', () => {
    const reflector = new MemoizedReflector();

    expect(reflector.get(sameName[0], list)).toBe('first');
    expect(reflector.get(sameName[1], list)).toBeUndefined();
    expect(reflector.get(sameName[1], create)).toBe('second');
    expect(reflector.getAllAndOverride('scope', [Orders, list])).toBe('class-scope');
    expect(reflector.getAllAndOverride('scope', [list, Orders])).toBe('list-scope');
  });
});
