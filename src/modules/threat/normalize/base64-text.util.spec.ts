import { randomBytes } from 'node:crypto';

import { decodeBase64Text } from './base64-text.util.js';
import { normalize } from './normalize.util.js';

const encode = (text: string): string => Buffer.from(text, 'latin1').toString('base64');

describe('decodeBase64Text', () => {
  it.each(["' union select 1,2,3--", '/etc/passwd', 'require("child_process").exec("id")', 'line one\nline two\tend'])('decodes the text %j encodes', (text) => {
    expect(decodeBase64Text(encode(text))).toBe(text);
  });

  it('reads unpadded and URL-safe tokens', () => {
    expect(decodeBase64Text('L2V0Yy9wYXNzd2Q')).toBe('/etc/passwd');
    expect(decodeBase64Text(Buffer.from('<a href=x>?>~~?</a>').toString('base64url'))).toBe('<a href=x>?>~~?</a>');
  });

  it('leaves binary, short and non-base64 values alone', () => {
    for (let n = 0; n < 50; n++) {
      expect(decodeBase64Text(randomBytes(24).toString('base64'))).toBeNull();
    }
    expect(decodeBase64Text(encode('hi'))).toBeNull();
    expect(decodeBase64Text('Springfield1')).toBeNull();
    expect(decodeBase64Text('not base64 at all, it has spaces')).toBeNull();
    expect(decodeBase64Text('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc')).toBeNull();
    expect(decodeBase64Text(`${encode('/etc/passwd')}===`)).toBeNull();
    expect(decodeBase64Text('L2V0Yy9wYXNzd2Q=x')).toBeNull();
  });
});

describe('normalize with a base64 value', () => {
  it('puts the decoded text and its own decodings right after the raw value', () => {
    const raw = encode('%27%20or%201=1--');
    expect(normalize(raw).forms.slice(0, 3)).toEqual([raw, '%27%20or%201=1--', "' or 1=1--"]);
  });

  it('adds nothing for a token that decodes to binary', () => {
    const raw = Buffer.from([0, 1, 2, 240, 241, 242, 3, 4, 5]).toString('base64');
    expect(normalize(raw).forms).toEqual([raw]);
  });
});
