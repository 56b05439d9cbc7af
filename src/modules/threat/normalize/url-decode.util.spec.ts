import { urlDecode } from './url-decode.util.js';

describe('urlDecode', () => {
  it('decodes percent-encoded ASCII and UTF-8', () => {
    expect(urlDecode('%3Cscript%3E')).toBe('<script>');
    expect(urlDecode('caf%C3%A9')).toBe('café');
  });

  it('decodes one round only', () => {
    expect(urlDecode('%253C')).toBe('%3C');
    expect(urlDecode(urlDecode('%253C'))).toBe('<');
  });

  it('keeps malformed sequences as they are, without throwing', () => {
    expect(urlDecode('100%')).toBe('100%');
    expect(urlDecode('%zz%4')).toBe('%zz%4');
    expect(urlDecode('%E0%A4%A')).toBe('\u00e0\u00a4%A');
  });

  it('turns bytes that start no UTF-8 sequence into Latin-1 characters', () => {
    expect(urlDecode('%FF%41')).toBe('\u00ffA');
  });

  it('decodes overlong UTF-8 to the character old servers saw', () => {
    expect(urlDecode('%c0%ae%c0%ae%c0%af')).toBe('../');
    expect(urlDecode('%e0%80%ae')).toBe('.');
  });

  it('decodes IIS %u escapes', () => {
    expect(urlDecode('%u003cx%u003E')).toBe('<x>');
  });

  it('treats + as a space only in form decoding', () => {
    expect(urlDecode('a+b%2B')).toBe('a+b+');
    expect(urlDecode('a+b%2B', { plusAsSpace: true })).toBe('a b+');
  });

  it('returns the same string when there is nothing to decode', () => {
    const input = 'plain text';
    expect(urlDecode(input)).toBe(input);
  });
});
