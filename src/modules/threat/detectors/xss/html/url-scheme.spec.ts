import { isActiveData, urlScheme } from './url-scheme.js';

describe('urlScheme', () => {
  it.each([
    ['javascript:alert(1)', 'javascript'],
    ['  JaVaScRiPt:x', 'javascript'],
    ['java\tscr\nipt:x', 'javascript'],
    ['java\\tscript:x', 'javascript'],
    ['\\j\\av\\a\\s\\cr\\i\\pt\\:x', 'javascript'],
    ['\u0001\u0010javas\u0003cript:x', 'javascript'],
    ['\u2028javascript:x', 'javascript'],
    ['\u1680\u180e\u3000javascript:x', 'javascript'],
    ['vbscript:MsgBox 1', 'vbscript'],
    ['data:text/html,x', 'data'],
    ['https://example.com', 'https'],
  ])('reads the scheme of %j', (input, scheme) => {
    expect(urlScheme(input)?.scheme).toBe(scheme);
  });

  it.each(['/path:x', 'no scheme here', ':x', 'javascript', 'c\\d:x'])('finds none in %j', (input) => {
    expect(urlScheme(input)).toBeNull();
  });
});

describe('isActiveData', () => {
  it.each([
    ['text/html,<script>', false],
    ['image/svg+xml,<svg onload=x>', false],
    ['image/svg xml;base64,AAAA', false],
    [',<x>', false],
    ['application/x-x509-user-cert;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==', false],
    ['application/octet-stream,abc', true],
  ])('is true for data:%s', (rest, anyData) => {
    expect(isActiveData(rest, anyData)).toBe(true);
  });

  it.each([
    ['image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', true],
    ['text/plain,hello', false],
    ['application/json;base64,eyJhIjoxfQ==', false],
  ])('is false for data:%s', (rest, anyData) => {
    expect(isActiveData(rest, anyData)).toBe(false);
  });
});
