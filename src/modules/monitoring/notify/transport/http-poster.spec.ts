import { type LookupAddress } from 'node:dns';

import { pinnedLookup } from './http-poster.js';

type Answer = { error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number };

function ask(options: { all?: boolean; family?: number | 'IPv4' | 'IPv6' }): Answer {
  let answer: Answer | undefined;
  pinnedLookup([
    { address: '203.0.113.7', family: 4 },
    { address: '2001:db8::7', family: 6 },
  ])('receiver.example', options, (error, address, family) => {
    answer = { error, address, family };
  });
  return answer!;
}

describe('pinnedLookup', () => {
  it('answers every checked address when Node asks for all of them', () => {
    expect(ask({ all: true })).toEqual({
      error: null,
      address: [
        { address: '203.0.113.7', family: 4 },
        { address: '2001:db8::7', family: 6 },
      ],
      family: undefined,
    });
  });

  it('answers the first checked address of the requested family', () => {
    expect(ask({})).toEqual({ error: null, address: '203.0.113.7', family: 4 });
    expect(ask({ family: 6 })).toEqual({ error: null, address: '2001:db8::7', family: 6 });
    expect(ask({ family: 'IPv4', all: true })).toMatchObject({ address: [{ address: '203.0.113.7', family: 4 }] });
  });

  it('fails rather than resolve again when no checked address fits', () => {
    let failure: NodeJS.ErrnoException | null = null;
    pinnedLookup([{ address: '203.0.113.7', family: 4 }])('receiver.example', { family: 6 }, (error) => {
      failure = error;
    });

    expect(failure).toMatchObject({ code: 'ENOTFOUND' });
  });
});
