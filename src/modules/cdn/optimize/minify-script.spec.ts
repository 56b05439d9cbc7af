import { runInNewContext } from 'node:vm';

import { CdnException, CdnExceptionCode } from '../cdn.exception.js';
import { minifyScript } from './minify-script.js';

const SCRIPT = `
/*! Widget v1.0 | MIT licence */
// computes a checksum the long way round
function checksum(values) {
  let accumulatedTotal = 0;
  for (const currentValue of values) {
    accumulatedTotal = (accumulatedTotal * 31 + currentValue) % 1000003;
  }
  return accumulatedTotal;
}
var result = checksum([1, 2, 3, 4, 5].map(function (value) { return value * value; }));
`;

describe('minifyScript', () => {
  it('returns smaller code that computes the same result as the source', async () => {
    const minified = await minifyScript(Buffer.from(SCRIPT));
    expect(minified.length).toBeLessThan(SCRIPT.length);
    const original: { result?: number } = {};
    const shrunk: { result?: number } = {};
    runInNewContext(SCRIPT, original);
    runInNewContext(minified.toString(), shrunk);
    expect(shrunk.result).toBe(original.result);
    expect(typeof shrunk.result).toBe('number');
  });

  it('keeps a classic script’s top-level names global and its licence comment', async () => {
    const minified = (await minifyScript(SCRIPT)).toString();
    expect(minified).toContain('function checksum(');
    expect(minified).toContain('/*! Widget v1.0 | MIT licence */');
    expect(minified).not.toContain('the long way round');
  });

  it('keeps an ES module a module', async () => {
    const minified = (await minifyScript('import { a } from "./a.js";\nexport const doubled = a * 2;\n')).toString();
    expect(minified).toMatch(/^import\{a as \w+\}from"\.\/a\.js";/u);
    expect(minified).toMatch(/export\{\w+ as doubled\}|export const doubled/u);
  });

  it('refuses a syntax error with INVALID_CONTENT (422) and where it is', async () => {
    const failure = minifyScript('const ok = 1;\nfunction broken( {\n');
    await expect(failure).rejects.toBeInstanceOf(CdnException);
    await expect(failure).rejects.toMatchObject({ code: CdnExceptionCode.INVALID_CONTENT, status: 422 });
    await expect(failure).rejects.toThrow(/^JavaScript syntax error at line 3, column 1: /u);
  });
});
