import { parseInvalidation } from './invalidation-message.js';

describe('parseInvalidation', () => {
  it('reads a well-formed message', () => {
    expect(parseInvalidation('{"origin":"a","keys":["ns:k"],"tags":["t"],"patterns":["ns:*"],"all":true}')).toEqual({
      origin: 'a',
      keys: ['ns:k'],
      tags: ['t'],
      patterns: ['ns:*'],
      all: true,
    });
  });

  it.each(['not json', 'null', '[]', '{"keys":["k"]}', '{"origin":"a","keys":[1]}', '{"origin":"a","tags":"t"}', '{"origin":"a","all":"yes"}'])('ignores %s', (raw) => {
    expect(parseInvalidation(raw)).toBeNull();
  });
});
