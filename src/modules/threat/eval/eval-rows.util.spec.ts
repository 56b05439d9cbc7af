import { parseAttackRows, parseBenignRows, sourceOf } from './eval-rows.util.js';

describe('parseAttackRows', () => {
  it('reads JSON lines, skipping blank ones and keeping payload, cls and src', () => {
    const rows = parseAttackRows('{"cls":"sqli","payload":"1 or 1=1","src":"a/b:x.yaml","pl":1}\n\n{"payload":"x"}\n');
    expect(rows).toEqual([
      { payload: '1 or 1=1', cls: 'sqli', src: 'a/b:x.yaml', pl: 1 },
      { payload: 'x', cls: '(none)', src: '(none)' },
    ]);
  });

  it('names the file and line of a row it cannot read', () => {
    expect(() => parseAttackRows('{"payload":"a"}\n{oops', 'A.jsonl')).toThrow('A.jsonl:2: not valid JSON');
    expect(() => parseAttackRows('{"payload":1}', 'A.jsonl')).toThrow('A.jsonl:1: expected an object with a string "payload"');
  });
});

describe('parseBenignRows', () => {
  it('keeps payload, tier and src', () => {
    expect(parseBenignRows('{"payload":"O\'Brien","tier":"names","src":"s"}')).toEqual([{ payload: "O'Brien", tier: 'names', src: 's' }]);
  });
});

describe('sourceOf', () => {
  it('is src up to its first colon', () => {
    expect(sourceOf('coreruleset/coreruleset:tests/a.yaml#test_id=1')).toBe('coreruleset/coreruleset');
    expect(sourceOf('plain')).toBe('plain');
  });
});
