import { xssVariants } from './variants.js';

describe('xssVariants', () => {
  it('decodes UTF-7', () => {
    expect(xssVariants('+ADw-script+AD4-alert(1)+ADw-/script+AD4-')).toContain('<script>alert(1)</script>');
  });

  it('strips the high bit of Latin-1 brackets, dropping UTF-8 lead bytes read as Latin-1', () => {
    expect(xssVariants('¼script¾')).toContain('<script>');
    expect(xssVariants('Â¼scriptÂ¾')).toContain('<script>');
  });

  it('deletes bare tags inside words, as a sanitiser that strips tags once leaves them', () => {
    expect(xssVariants('"o<x>nmouseover=alert(1)')).toEqual(['"onmouseover=alert(1)']);
    expect(xssVariants('<scr<b></b>ipt>alert(1)</scr<x>ipt>')).toEqual(['<script>alert(1)</script>']);
    expect(xssVariants('<img src="javas<![CDATA[cript:alert(1)">')).toEqual(['<img src="javascript:alert(1)">']);
    expect(xssVariants('<scr<!--esi-->ipt>aler<!--esi-->t(1)</sc<!--esi-->ript>')).toEqual(['<script>alert(1)</script>']);
    expect(xssVariants('"autof<x>ocus o<x>nfocus=alert<x>(1)//')).toEqual(['"autofocus onfocus=alert(1)//']);
    expect(xssVariants('onload=alert<i>`1`')).toEqual(['onload=alert`1`']);
  });

  it('joins concatenated string literals', () => {
    expect(xssVariants("open('java'+'script:ale' + 'rt(11)')")).toEqual(["open('javascript:alert(11)')"]);
    expect(xssVariants('x="a" +"b"')).toEqual(['x="ab"']);
  });

  it('keeps tags between words and tags with attributes', () => {
    expect(xssVariants('a <b>bold</b> word')).toEqual([]);
    expect(xssVariants('see <a href="/">the page</a> now')).toEqual([]);
    expect(xssVariants('if (a<b && b>c) return')).toEqual([]);
  });

  it('adds the < of a script element written for a page that reflects the value as a tag name', () => {
    expect(xssVariants("ScRiPt>alert('x')</sCrIpT>")).toEqual(["<ScRiPt>alert('x')</sCrIpT>"]);
    expect(xssVariants('Script src=//x.test/a.js></Script>')).toEqual(['<Script src=//x.test/a.js></Script>']);
    expect(xssVariants('ScRiPt/src=//x.test/a.js></sCrIpT/>')).toEqual(['<ScRiPt/src=//x.test/a.js></sCrIpT/>']);
    expect(xssVariants('Script tags must be closed with </script>')).toEqual([]);
    expect(xssVariants('script>alert(1)')).toEqual([]);
  });

  it('adds nothing for ordinary text', () => {
    expect(xssVariants('C++ and a+b, 1+AB')).toEqual([]);
  });
});
