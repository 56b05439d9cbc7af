import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** The built module (npm test builds first): V8's internals are only visible to a process started with natives. */
const BUILT = pathToFileURL(join(process.cwd(), 'dist/libs/common/src/runtime/fast-primitive-prototypes.js')).href;

interface PrototypeModes {
  before: boolean[];
  after: boolean[];
}

/**
 * Runs `setup` in a fresh Node with V8's natives syntax, then restoreFastPrimitivePrototypes, and reports whether
 * String.prototype and Number.prototype have fast properties before and after.
 */
async function modesAround(setup: string): Promise<PrototypeModes> {
  const script = `
    import { createRequire } from 'node:module';
    import { restoreFastPrimitivePrototypes } from ${JSON.stringify(BUILT)};
    const require = createRequire(${JSON.stringify(join(process.cwd(), 'package.json'))});
    void require;
    const modes = () => [%HasFastProperties(String.prototype), %HasFastProperties(Number.prototype)];
    ${setup}
    const before = modes();
    restoreFastPrimitivePrototypes();
    process.stdout.write(JSON.stringify({ before, after: modes() }));
  `;
  const { stdout } = await run(process.execPath, ['--allow-natives-syntax', '--input-type=module', '--eval', script]);
  return JSON.parse(stdout) as PrototypeModes;
}

describe('restoreFastPrimitivePrototypes', () => {
  it('turns String.prototype fast again after a module subclasses String', async () => {
    const modes = await modesAround('class Verbatim extends String {} void Verbatim;');

    expect(modes.before[0]).toBe(false);
    expect(modes.after).toEqual([true, true]);
  });

  it('turns Number.prototype fast again after a module subclasses Number', async () => {
    const modes = await modesAround('class Money extends Number {} void Money;');

    expect(modes.before[1]).toBe(false);
    expect(modes.after).toEqual([true, true]);
  });

  it('keeps them fast when a subclass is defined after the restore', async () => {
    const script = `
      import { restoreFastPrimitivePrototypes } from ${JSON.stringify(BUILT)};
      restoreFastPrimitivePrototypes();
      class Late extends String {}
      void Late;
      process.stdout.write(JSON.stringify(%HasFastProperties(String.prototype)));
    `;
    const { stdout } = await run(process.execPath, ['--allow-natives-syntax', '--input-type=module', '--eval', script]);

    expect(JSON.parse(stdout)).toBe(true);
  });

  it('undoes what loading @redis/client (through @keyv/redis) does to String.prototype', async () => {
    const modes = await modesAround("require('@redis/client');");

    expect(modes.after).toEqual([true, true]);
  });

  it('leaves the prototypes unchanged: same properties, same methods', async () => {
    const script = `
      import { restoreFastPrimitivePrototypes } from ${JSON.stringify(BUILT)};
      const snapshot = () => [String.prototype, Number.prototype, Boolean.prototype, Symbol.prototype, BigInt.prototype]
        .map((prototype) => Reflect.ownKeys(prototype).map((key) => [String(key), Object.getOwnPropertyDescriptor(prototype, key).value]));
      class Sub extends String {}
      void Sub;
      const before = snapshot();
      restoreFastPrimitivePrototypes();
      const after = snapshot();
      const same = before.every((keys, p) => keys.length === after[p].length && keys.every(([key, value], k) => after[p][k][0] === key && after[p][k][1] === value));
      process.stdout.write(JSON.stringify({ same, count: before.flat().length }));
    `;
    const { stdout } = await run(process.execPath, ['--input-type=module', '--eval', script]);
    const result = JSON.parse(stdout) as { same: boolean; count: number };

    expect(result.count).toBeGreaterThan(50);
    expect(result.same).toBe(true);
  });
});
