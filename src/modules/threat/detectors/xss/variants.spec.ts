import { xssVariants } from './variants.js';

describe('xssVariants', () => {
  it('decodes UTF-7', () => {
    expect(xssVariants('+ADw-script+AD4-alert(1)+ADw-/script+AD4-')).toContain('<script>alert(1)</script>');
  });

  it('strips the high bit of Latin-1 brackets, dropping UTF-8 lead bytes read as Latin-1', () => {
    expect(xssVariants('¼script¾')).toContain('<script>');
    expect(xssVariants('Â¼scriptÂ¾')).toContain('<script>');
  });

  it('adds nothing for ordinary text', () => {
    expect(xssVariants('C++ and a+b, 1+AB')).toEqual([]);
  });
});
