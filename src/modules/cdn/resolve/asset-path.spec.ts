import { parseAssetPath } from './asset-path.js';

describe(parseAssetPath.name, () => {
  it('reads an immutable URL and normalises its query to the width alone', () => {
    expect(parseAssetPath('0123456789abcdef/app.js', '')).toEqual({ alias: false, hashPrefix: '0123456789abcdef', name: 'app.js', width: null, key: '0123456789abcdef/app.js' });
    expect(parseAssetPath('0123456789abcdef/photo.png', 'utm=x&w=320&v=2')).toMatchObject({ width: 320, key: '0123456789abcdef/photo.png?w=320' });
  });

  it('reads an alias URL', () => {
    expect(parseAssetPath('latest/logo.svg', '')).toMatchObject({ alias: true, hashPrefix: null, name: 'logo.svg', key: 'latest/logo.svg' });
  });

  it.each([
    ['no name', '0123456789abcdef/', ''],
    ['a short hash', '0123456789abcde/app.js', ''],
    ['upper-case hex', '0123456789ABCDEF/app.js', ''],
    ['a nested path', '0123456789abcdef/js/app.js', ''],
    ['traversal', '../etc/passwd', ''],
    ['an encoded slash', '0123456789abcdef/..%2Fapp.js', ''],
    ['a name outside the sanitised set', '0123456789abcdef/app js', ''],
    ['width zero', '0123456789abcdef/app.js', 'w=0'],
    ['nothing', '', ''],
  ])('refuses %s without a lookup', (_label, path, query) => {
    expect(parseAssetPath(path, query)).toBeNull();
  });
});
