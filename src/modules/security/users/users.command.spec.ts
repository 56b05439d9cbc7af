import { Role, Tier } from '../security.constants.js';
import { parseCreateUserArgs } from './users.command.js';

describe('parseCreateUserArgs', () => {
  it('reads email, role, tier and where the password comes from', () => {
    expect(parseCreateUserArgs(['create', 'ada@example.com', 'admin'])).toEqual({ email: 'ada@example.com', role: Role.ADMIN, tier: Tier.FREE, passwordStdin: false });
    expect(parseCreateUserArgs(['create', 'ada@example.com', 'viewer', '--tier', 'pro', '--password-stdin'])).toEqual({
      email: 'ada@example.com',
      role: Role.VIEWER,
      tier: Tier.PRO,
      passwordStdin: true,
    });
  });

  it.each([
    [[]],
    [['list']],
    [['create', 'ada@example.com']],
    [['create', 'ada@example.com', 'root']],
    [['create', 'ada@example.com', 'admin', '--tier', 'gold']],
    [['create', 'ada@example.com', 'admin', '--password', 'hunter22']],
    [['create', 'ada@example.com', 'admin', 'extra']],
  ])('refuses %j with the usage line', (args) => {
    expect(() => parseCreateUserArgs(args)).toThrow(/usage: users create/);
  });

  it('refuses something that is not an email', () => {
    expect(() => parseCreateUserArgs(['create', 'not-an-email', 'admin'])).toThrow(/not an email/);
  });
});
