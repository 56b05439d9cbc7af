import { AppException } from './app.exception.js';
import { ErrorMapperRegistry } from './error-mapper.registry.js';

describe(ErrorMapperRegistry.name, () => {
  describe('map', () => {
    it('returns undefined when no mapper is registered', () => {
      expect(new ErrorMapperRegistry().map(new Error('x'))).toBeUndefined();
    });

    it('returns undefined when no mapper recognises the error', () => {
      const registry = new ErrorMapperRegistry();
      registry.register(() => undefined);

      expect(registry.map(new Error('x'))).toBeUndefined();
    });

    it('returns the first mapper’s answer, in registration order', () => {
      const registry = new ErrorMapperRegistry();
      const first = new AppException('TEST.FIRST', 409, 'first');
      const second = new AppException('TEST.SECOND', 503, 'second');
      const asked: string[] = [];
      registry.register(() => {
        asked.push('passing');
        return undefined;
      });
      registry.register(() => {
        asked.push('first');
        return first;
      });
      registry.register(() => {
        asked.push('second');
        return second;
      });

      expect(registry.map(new Error('x'))).toBe(first);
      expect(asked).toEqual(['passing', 'first']);
    });

    it('hands each mapper the error itself', () => {
      const registry = new ErrorMapperRegistry();
      const error = { code: '23505' };
      const mapped = new AppException('TEST.MAPPED', 409, 'mapped');
      registry.register((candidate) => (candidate === error ? mapped : undefined));

      expect(registry.map(error)).toBe(mapped);
      expect(registry.map({ code: '23505' })).toBeUndefined();
    });
  });
});
