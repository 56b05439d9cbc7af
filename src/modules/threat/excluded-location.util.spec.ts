import { isExcluded } from './excluded-location.util.js';

describe('isExcluded', () => {
  const exclude = ['body.password', 'query.token'];

  it.each(['body.password', 'body.password#key', 'body.password.inner', 'body.password[0]', 'query.token'])('leaves out %s', (location) => {
    expect(isExcluded(location, exclude)).toBe(true);
  });

  it.each(['body.passwords', 'body.password2', 'body.user.password', 'body', 'query.tokens', 'cookie.password'])('keeps %s', (location) => {
    expect(isExcluded(location, exclude)).toBe(false);
  });
});
