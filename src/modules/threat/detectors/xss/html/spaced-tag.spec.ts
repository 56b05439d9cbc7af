import { findSpacedTag } from './spaced-tag.js';

describe('findSpacedTag', () => {
  it.each(['foo<f o r m', '<s c r i p t>', '$<d i a l o g'])('flags %j', (input) => {
    expect(findSpacedTag(input)).not.toBeNull();
  });

  it.each(['<form>', 'a < b or m', '<f orm', 'x <i> y'])('leaves %j alone', (input) => {
    expect(findSpacedTag(input)).toBeNull();
  });
});
