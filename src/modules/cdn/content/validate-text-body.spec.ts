import { randomBytes } from 'node:crypto';

import { CdnException, CdnExceptionCode } from '../cdn.exception.js';
import { SNIFF_BYTES } from './detect-asset-kind.js';
import { validateTextBody } from './validate-text-body.js';

const text = (value: string): Buffer => Buffer.from(value, 'utf8');

describe('validateTextBody', () => {
  const refusal = (kind: Parameters<typeof validateTextBody>[0], body: string): unknown => {
    try {
      validateTextBody(kind, text(body));
      return null;
    } catch (error) {
      return error;
    }
  };

  it('accepts valid JSON and an inert SVG', () => {
    expect(refusal('json', '{"a": [1, 2, {"b": null}]}')).toBeNull();
    expect(refusal('svg', '<svg xmlns="http://www.w3.org/2000/svg"><a href="https://example.com"><path d="M0 0h1"/></a></svg>')).toBeNull();
  });

  it('refuses JSON that does not parse in full with INVALID_CONTENT (422)', () => {
    const error = refusal('json', '{"a": 1,');
    expect(error).toBeInstanceOf(CdnException);
    expect(error).toMatchObject({ code: CdnExceptionCode.INVALID_CONTENT, status: 422 });
  });

  it.each([
    ['a script element', '<svg><script>alert(1)</script></svg>'],
    ['an event handler', '<svg onload="alert(1)"/>'],
    ['a namespaced handler-like attribute', '<svg><rect ev:onclick="x"/></svg>'],
    ['a javascript: href', '<svg xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>'],
    ['an entity-encoded javascript: href', '<svg><a href="&#106;ava&#x09;script:alert(1)"><text>x</text></a></svg>'],
    ['an animation that sets a javascript: href', '<svg><a><set attributeName="href" to="javascript:alert(1)"/></a></svg>'],
    ['embedded HTML', '<svg><foreignObject><div>x</div></foreignObject></svg>'],
    ['entity declarations (billion laughs)', '<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>'],
    ['a body that does not parse', '<svg><g></svg>'],
  ])('refuses an SVG with %s', (_label, body) => {
    expect(refusal('svg', body)).toMatchObject({ code: CdnExceptionCode.INVALID_CONTENT });
  });

  it('refuses a text body that is not UTF-8 past the sniffed head', () => {
    const body = Buffer.concat([text('a'.repeat(SNIFF_BYTES + 10)), Buffer.from([0xc3, 0x28])]);
    expect(() => validateTextBody('js', body)).toThrow(CdnException);
  });

  it('leaves binary kinds alone', () => {
    expect(() => validateTextBody('png', randomBytes(64))).not.toThrow();
  });
});
