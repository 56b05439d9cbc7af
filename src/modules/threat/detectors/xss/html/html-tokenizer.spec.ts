import { scanHtml } from './html-tokenizer.js';

const names = (input: string, context: Parameters<typeof scanHtml>[1] = 'data'): string[] =>
  scanHtml(input, context).tags.map((t) => `${t.closing ? '/' : ''}${t.name}`);

const attrs = (input: string, context: Parameters<typeof scanHtml>[1] = 'data'): string[] =>
  scanHtml(input, context).tags.flatMap((t) => t.attributes.map((a) => `${a.name}=${a.hasValue ? a.value : '∅'}`));

describe('scanHtml', () => {
  describe('data and tag open', () => {
    it('finds start and end tags, lower-cased', () => {
      expect(names('hi <B>x</B> <ScRiPt>')).toEqual(['b', '/b', 'script']);
    });

    it('does not open a tag on < followed by a digit, space or nothing', () => {
      expect(names('1 < 2, 3<4, I <3 you <')).toEqual([]);
    });

    it('reads a tag cut off by the end of the value', () => {
      expect(names('<svg')).toEqual(['svg']);
    });

    it('opens processing instructions and prefixed names', () => {
      expect(names('<?xml-stylesheet href=x?><x:script>')).toEqual(['?xml-stylesheet', 'x:script']);
    });
  });

  describe('tag name', () => {
    it('ends at whitespace, / or >', () => {
      expect(names('<img/src=x><svg\nonload=1><a>')).toEqual(['img', 'svg', 'a']);
    });

    it('keeps control characters inside the name, as HTML5 does', () => {
      expect(names('<img\u0011src=x>')).toEqual(['img\u0011src=x']);
    });
  });

  describe('attributes', () => {
    it('reads unquoted, single- and double-quoted values', () => {
      expect(attrs(`<a b=1 c='2 3' d="4>5" e>`)).toEqual(['b=1', 'c=2 3', 'd=4>5', 'e=∅']);
    });

    it('separates attributes by / but keeps / inside an unquoted value', () => {
      expect(attrs('<svg/a/onload=alert(1)/x=y>')).toEqual(['a=∅', 'onload=alert(1)/x=y']);
    });

    it('starts a new attribute right after a closing quote', () => {
      expect(attrs(`<img src="x"onerror=alert(1)>`)).toEqual(['src=x', 'onerror=alert(1)']);
    });

    it('marks an attribute with = but no value before the end as having a value', () => {
      expect(attrs('<x onend=')).toEqual(['onend=']);
    });

    it('remembers where each attribute name starts', () => {
      const tag = scanHtml('<a  b=1>', 'data').tags[0];
      expect(tag?.attributes[0]?.start).toBe(4);
    });
  });

  describe('starting contexts', () => {
    it('closes a double-quoted value first and continues inside the tag', () => {
      const scan = scanHtml('x" onmouseover="alert(1)', 'attr-dq');
      expect(scan.tags[0]?.explicit).toBe(false);
      expect(attrs('x" onmouseover="alert(1)', 'attr-dq')).toEqual(['onmouseover=alert(1)']);
    });

    it('closes a single-quoted value only on a single quote', () => {
      expect(attrs(`a"b' onclick=x`, 'attr-sq')).toEqual(['onclick=x']);
    });

    it('ends an unquoted value at whitespace', () => {
      expect(attrs('x onerror=alert(1)', 'attr-unquoted')).toEqual(['onerror=alert(1)']);
    });

    it('reads the value as the attribute list in the attribute-name context', () => {
      expect(attrs('onfocus=alert(1) autofocus', 'attr-name')).toEqual(['onfocus=alert(1)', 'autofocus=∅']);
    });

    it('leaves the tag with > and finds tags after it', () => {
      expect(names('"><script>', 'attr-dq')).toEqual(['', 'script']);
    });
  });

  describe('comments and declarations', () => {
    it('skips comment bodies as markup but reports them', () => {
      const scan = scanHtml('<!-- <script> -->after<b>', 'data');
      expect(scan.tags.map((t) => t.name)).toEqual(['b']);
      expect(scan.comments).toEqual([' <script> ']);
    });

    it('closes comments with --!> too and keeps an unterminated body', () => {
      expect(scanHtml('<!--a--!><i><!--b', 'data').comments).toEqual(['a', 'b']);
    });

    it('reports <! declarations and bogus end tags', () => {
      const scan = scanHtml('<!DOCTYPE x [ y ]></ 1>', 'data');
      expect(scan.declarations).toEqual(['DOCTYPE x [ y ]', ' 1']);
    });
  });

  it('counts about one step per character', () => {
    const input = '<a href="x">'.repeat(100);
    expect(scanHtml(input, 'data').steps).toBeLessThanOrEqual(input.length * 2);
  });
});
