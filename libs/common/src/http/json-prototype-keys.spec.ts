import type { IncomingMessage } from 'node:http';

import { FORBIDDEN_KEY_MESSAGE, noteForbiddenKeySpellings, rejectPrototypeKeysInBody } from './json-prototype-keys.js';

/** What body-parser does with `text` in `encoding`: verify on the bytes, parse, then the middleware; its outcome. */
function receive(text: string, encoding: string | null = 'utf-8'): { error?: Error; walked: boolean } {
  const request = {} as IncomingMessage & { body?: unknown };
  noteForbiddenKeySpellings(request, Buffer.from(text, 'utf8'), encoding);
  let walked = false;
  request.body = JSON.parse(text) as unknown;
  // A body that is never walked is never read: a getter on it tells whether the middleware looked.
  const parsed = request.body;
  Object.defineProperty(request, 'body', {
    get() {
      walked = true;
      return parsed;
    },
  });
  let error: Error | undefined;
  rejectPrototypeKeysInBody(request, undefined, (failure?: unknown) => {
    error = failure as Error | undefined;
  });
  return { error, walked };
}

describe('prototype keys in JSON bodies', () => {
  it.each([
    ['top-level __proto__', '{"__proto__": {"polluted": true}, "title": "x"}'],
    ['nested __proto__', '{"owner": {"name": "a", "__proto__": {"isAdmin": true}}}'],
    ['__proto__ inside an array', '[{"__proto__": {"polluted": true}}]'],
    ['constructor.prototype', '{"constructor": {"prototype": {"polluted": true}}}'],
    ['an escaped __proto__ key', '{"\\u005f_proto__": {"polluted": true}}'],
    ['an escaped constructor key', '{"constr\\u0075ctor": {"prototype": {}}}'],
  ])('refuses %s with a 400 that names the key', (_case, text) => {
    const { error } = receive(text);

    expect(error).toBeInstanceOf(SyntaxError);
    expect(error?.message.startsWith(FORBIDDEN_KEY_MESSAGE)).toBe(true);
    expect((error as Error & { status?: number }).status).toBe(400);
  });

  it('accepts constructor as a plain value or without a prototype, and __proto__ inside a string', () => {
    for (const text of ['{"constructor": "Array"}', '{"constructor": {"name": "x"}}', '{"note": "see __proto__ docs"}']) {
      expect(receive(text).error).toBeUndefined();
    }
  });

  it('does not walk a UTF-8 body whose bytes cannot spell a forbidden key', () => {
    expect(receive('{"title": "x", "items": [1, 2, {"name": "é"}]}')).toEqual({ error: undefined, walked: false });
    expect(receive('{"title": "caf\\u00e9"}').walked).toBe(true);
  });

  it('always walks bodies in another charset', () => {
    expect(receive('{"title": "x"}', 'utf-16le').walked).toBe(true);
  });
});
