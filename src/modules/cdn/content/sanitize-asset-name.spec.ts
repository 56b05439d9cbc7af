import { CdnException, CdnExceptionCode } from '../cdn.exception.js';
import { MAX_ASSET_NAME_LENGTH, sanitizeAssetName } from './sanitize-asset-name.js';

describe('sanitizeAssetName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\windows\\win.ini', 'win.ini'],
    ['/var/www/app.js', 'app.js'],
    ['C:\\Users\\me\\logo.png', 'logo.png'],
    ['app.min.js', 'app.min.js'],
    ['my file (1).css', 'my-file-1-.css'],
    ['.hidden', 'hidden'],
    ['...env', 'env'],
    ['report--final__v2..js', 'report-final_v2.js'],
  ])('reduces %j to %j', (raw, expected) => {
    expect(sanitizeAssetName(raw)).toBe(expected);
  });

  it('drops C0, DEL and C1 control characters', () => {
    expect(sanitizeAssetName('a\u0000b\u0007c\r\n\u007F\u0085d.txt')).toBe('abcd.txt');
  });

  it('drops bidi overrides and isolates, so a name cannot disguise its extension', () => {
    expect(sanitizeAssetName('invoice\u202Egnp.js')).toBe('invoicegnp.js');
    expect(sanitizeAssetName('a\u2066b\u2069\u202Ac.js')).toBe('abc.js');
  });

  it('keeps the base letter of accented Latin letters and turns other scripts into dashes', () => {
    expect(sanitizeAssetName('café.css')).toBe('cafe.css');
    expect(sanitizeAssetName('cafe\u0301.css')).toBe('cafe.css');
    expect(sanitizeAssetName('日本語-icon.svg')).toBe('icon.svg');
    expect(sanitizeAssetName('emoji😀x.png')).toBe('emoji-x.png');
  });

  it('cuts a long name to the limit and keeps its extension', () => {
    const name = sanitizeAssetName(`${'a'.repeat(300)}.woff2`);
    expect(name).toHaveLength(MAX_ASSET_NAME_LENGTH);
    expect(name.endsWith('.woff2')).toBe(true);
    expect(sanitizeAssetName(`${'b'.repeat(300)}`)).toBe('b'.repeat(MAX_ASSET_NAME_LENGTH));
  });

  it.each(['', '.', '..', '../', 'a/..', '\u0000\u202E', '///', '日本語', '-.-'])('refuses %j with INVALID_NAME (400)', (raw) => {
    let thrown: unknown;
    try {
      sanitizeAssetName(raw);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CdnException);
    expect(thrown).toMatchObject({ code: CdnExceptionCode.INVALID_NAME, status: 400 });
  });
});
