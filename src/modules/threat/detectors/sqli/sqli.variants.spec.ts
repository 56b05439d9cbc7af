import { sqliVariants } from './sqli.variants.js';

describe('sqliVariants', () => {
  it('drops a % that starts no %XX escape, as classic ASP does', () => {
    expect(sqliVariants('1 %U%N%I%O%N %S%E%L%E%C%T 1')).toEqual(['1 UNION SELECT 1']);
  });

  it('keeps %XX escapes and adds nothing when every % starts one', () => {
    expect(sqliVariants('%27%20or')).toEqual([]);
    expect(sqliVariants('a%41%')).toEqual(['a%41']);
    expect(sqliVariants('plain text')).toEqual([]);
  });
});
