import { sqliVariants } from './sqli.variants.js';

describe('sqliVariants', () => {
  it('drops a % that starts no %XX escape, as classic ASP does', () => {
    expect(sqliVariants('1 %U%N%I%O%N %S%E%L%E%C%T 1')).toEqual(['1 UNION SELECT 1']);
  });

  it('keeps %XX escapes and adds nothing when every % starts one', () => {
    expect(sqliVariants('%27%20or')).toEqual([]);
    expect(sqliVariants('a%41%')).toEqual(['a%41']);
    expect(sqliVariants('plain text')).toEqual([]);
  });

  it('deletes comments inside a word, as a filter that strips comments does', () => {
    expect(sqliVariants('uni/**/on sel/**/ect')).toEqual(['union select']);
    expect(sqliVariants('1 UN/*x*/ION SEL/* y */ECT 2')).toEqual(['1 UNION SELECT 2']);
  });

  it('joins only the halves of a SQL word where comments or <> also stand between words', () => {
    expect(sqliVariants('1/**/UN/**/ION/**/SEL/**/ECT/**/pass/**/word')).toEqual(['1/**/UNION SELECT pass word']);
    expect(sqliVariants('1 AND sle/**/ep(5) FROM infor/**/mation_schema.tables')).toEqual(['1 AND sleep(5) FROM information_schema.tables']);
    expect(sqliVariants('S/**/E/**/L/**/E/**/C/**/T 1')).toEqual(['SELECT 1']);
    expect(sqliVariants('un<>ion sel<>ect')).toEqual(['union select']);
    expect(sqliVariants('status<>active')).toEqual([]);
  });

  it('joins a SQL word split across JSON array items, as an application joining them builds it', () => {
    expect(sqliVariants('["un","ion se","lect 1,2"]')).toEqual(['["union select 1,2"]']);
    expect(sqliVariants("' un\\\",\\\"ion se\\\",\\\"lect 1")).toEqual(["' union select 1"]);
    expect(sqliVariants('["red","green","blue"]')).toEqual([]);
  });

  it('keeps comments between words, version comments and unclosed ones', () => {
    expect(sqliVariants('1 /**/union/**/ select')).toEqual([]);
    expect(sqliVariants('x/*!50000union*/y')).toEqual([]);
    expect(sqliVariants('a/* never closed')).toEqual([]);
  });
});
