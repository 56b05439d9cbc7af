import { getOrCreate } from './get-or-create.js';

describe('getOrCreate', () => {
  it('makes and stores the value on the first call only, for Maps and WeakMaps', () => {
    const made: string[] = [];
    const create = (): string[] => {
      made.push('x');
      return [];
    };
    const map = new Map<string, string[]>();
    const first = getOrCreate(map, 'a', create);
    expect(getOrCreate(map, 'a', create)).toBe(first);
    expect(getOrCreate(map, 'b', create)).not.toBe(first);
    const key = {};
    const weak = new WeakMap<object, string[]>();
    expect(getOrCreate(weak, key, create)).toBe(getOrCreate(weak, key, create));
    expect(made).toHaveLength(3);
  });
});
