import { problemTitle, problemType } from './problem-details.js';

describe('problemType', () => {
  it.each([
    ['COMMON.NOT_FOUND', 'https://bulwark.dev/problems/common/not-found'],
    ['DATABASE.UNIQUE_VIOLATION', 'https://bulwark.dev/problems/database/unique-violation'],
    ['CDN.ASSET_NOT_FOUND', 'https://bulwark.dev/problems/cdn/asset-not-found'],
  ])('turns %s into %s', (code, type) => {
    expect(problemType(code)).toBe(type);
  });
});

describe('problemTitle', () => {
  it.each([
    [400, 'Bad Request'],
    [404, 'Not Found'],
    [409, 'Conflict'],
    [503, 'Service Unavailable'],
  ])('gives %d the standard reason phrase %p', (status, title) => {
    expect(problemTitle(status)).toBe(title);
  });

  it('falls back to "Error" for a status without a reason phrase', () => {
    expect(problemTitle(599)).toBe('Error');
  });
});
