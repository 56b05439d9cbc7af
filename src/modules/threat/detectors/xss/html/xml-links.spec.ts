import { XSS_RULES } from '../rules/xss-rules.js';
import { scanHtml } from './html-tokenizer.js';
import { findXmlLinks } from './xml-links.js';

const ruleIds = (input: string): string[] => scanHtml(input, 'data').tags.flatMap((tag) => findXmlLinks(tag).map((f) => f.rule.id));

describe('findXmlLinks', () => {
  it.each([
    ['<set attributeName="xlink:href" begin="accessKey(a)" to="//example.com/?a" />', XSS_RULES.svgAnimatedLink],
    ['<animate attributeName=HREF values=javascript:alert(1) />', XSS_RULES.svgAnimatedLink],
    ['<?xml-stylesheet type="text/xsl" href="#"?>', XSS_RULES.xslStylesheet],
    ['<?xml-stylesheet type="text/xsl" href="//evil/x.xsl"?>', XSS_RULES.xslStylesheet],
    ['<?xml-stylesheet href="data:text/xsl,x"?>', XSS_RULES.xslStylesheet],
    ['<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">', XSS_RULES.xslStylesheet],
    ['<t:transform xmlns:t="http://www.w3.org/1999/XSL/Transform">', XSS_RULES.xslStylesheet],
    ['<xsl:import href="http://evil/x.xsl"/>', XSS_RULES.xslStylesheet],
    ['<xsl:value-of select="system-property(\'xsl:vendor\')"/>', XSS_RULES.xslElement],
    ['<math><a xlink:href="//jsfiddle.net/t846h/">click', XSS_RULES.xlinkHref],
    ['<x xlink:href=page.html>', XSS_RULES.xlinkHref],
  ])('flags %j with its rule', (input, rule) => {
    expect(ruleIds(input)).toContain(rule.id);
  });

  it.each([
    '<?xml-stylesheet type="text/xsl" href="style.xsl"?>',
    '<?xsl-stylesheet type="text/xsl" href="style.xsl"?>',
    '<svg><use xlink:href="#icon"></use></svg>',
    '<image xlink:href="avatar.png"/>',
    '<a xlink:href="#top">',
    '<animate attributeName="opacity" from="0" to="1"/>',
    '<p attributeName="href">',
    '<svg:svg>',
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">',
  ])('leaves %j alone', (input) => {
    expect(ruleIds(input)).toEqual([]);
  });
});
