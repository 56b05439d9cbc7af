import { findCssScript, findStyleAttributeScript } from './css-rules.js';
import { cssMatchText } from './css-text.js';

describe('cssMatchText', () => {
  it('drops comments and whitespace and decodes escapes', () => {
    expect(cssMatchText('exp/**/ression ( \\6a avascript')).toBe('expression(javascript');
  });

  it('keeps an escaped non-hex character', () => {
    expect(cssMatchText('@im\\port')).toBe('@import');
  });
});

describe('findCssScript', () => {
  it.each([
    'width: expression(alert(1))',
    'kcf:expr/*KCF*/ession(alert(1))',
    'background:url(javascript:alert(1))',
    'style = background : url ( javascript : alert(1) )',
    "background-image: url('javascript:alert(1)')",
    'x=x:url(javascript',
    '-moz-binding:url(http://example.com/xss.xml#xss)',
    'behavior: url(#default#time2)',
    "-o-link:'javascript:alert(1)'",
    'background:url(\\6a avascript:alert(1))',
  ])('flags %j', (css) => {
    expect(findCssScript(css)).not.toBeNull();
  });

  it.each([
    'style=background:url(http://example.com/x)',
    'color: red; font-size: 12px',
    'The expression (a + b) is evaluated first',
    'good behavior: kind and calm',
    'binding agreement',
  ])('leaves %j alone', (css) => {
    expect(findCssScript(css)).toBeNull();
  });
});

describe('findStyleAttributeScript', () => {
  it.each(['expression(alert(1))', 'expr/**/ession(alert(1))', ' Expression (alert(1))', 'width: expression(alert(1))'])('flags the style attribute %j', (style) => {
    expect(findStyleAttributeScript(style)).not.toBeNull();
  });

  it.each(['color: red', 'content: "expression(x)"', 'font-family: expression'])('lets the style attribute %j through', (style) => {
    expect(findStyleAttributeScript(style)).toBeNull();
  });
});
