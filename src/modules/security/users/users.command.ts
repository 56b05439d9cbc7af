import { isEmail } from 'class-validator';
import type { DataSource } from 'typeorm';

import { Role, Tier } from '../security.constants.js';
import { canonicalEmail } from './email.util.js';
import { PasswordHasher } from './password-hasher.js';
import { promptPassword, readPasswordFromStdin } from './password-input.js';
import { passwordPolicyViolation } from './password-policy.js';
import { UserEntity } from './user.entity.js';

const USAGE = `usage: users create <email> <${Object.values(Role).join('|')}> [--tier <${Object.values(Tier).join('|')}>] [--password-stdin]`;

export type WithDataSource = <T>(work: (dataSource: DataSource) => Promise<T>) => Promise<T>;

export interface CreateUserArgs {
  email: string;
  role: Role;
  tier: Tier;
  passwordStdin: boolean;
}

/** `users create ...` parsed, or an error carrying the usage line. */
export function parseCreateUserArgs(args: readonly string[]): CreateUserArgs {
  const positional = args.filter((arg, index) => !arg.startsWith('--') && args[index - 1] !== '--tier');
  const tierIndex = args.indexOf('--tier');
  const tier = tierIndex >= 0 ? args[tierIndex + 1] : Tier.FREE;
  const [action, email, role] = positional;
  const unknown = args.filter((arg) => arg.startsWith('--') && arg !== '--tier' && arg !== '--password-stdin');
  if (action !== 'create' || !email || !role || positional.length !== 3 || unknown.length > 0) {
    throw new Error(USAGE);
  }
  if (!isEmail(email)) {
    throw new Error(`not an email address: ${email}`);
  }
  if (!(Object.values(Role) as string[]).includes(role) || !(Object.values(Tier) as string[]).includes(tier ?? '')) {
    throw new Error(USAGE);
  }
  return { email, role: role as Role, tier: tier as Tier, passwordStdin: args.includes('--password-stdin') };
}

async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) {
    return readPasswordFromStdin();
  }
  const password = await promptPassword('Password: ');
  if ((await promptPassword('Repeat it: ')) !== password) {
    throw new Error('the passwords differ');
  }
  return password;
}

/**
 * `npm run cli -- users create <email> <role>`: an operator creates a user without the API (e.g. the first admin
 * user). The password is asked for on the terminal, or read from stdin, never taken from the command line.
 */
export async function usersCommand(args: readonly string[], withDataSource: WithDataSource): Promise<UserEntity> {
  const parsed = parseCreateUserArgs(args);
  const password = await readPassword(parsed.passwordStdin);
  const violation = passwordPolicyViolation(password);
  if (violation) {
    throw new Error(violation);
  }
  const passwordHash = await new PasswordHasher().hash(password);
  return withDataSource(async (dataSource) => {
    const users = dataSource.getRepository(UserEntity);
    return users.save(users.create({ email: canonicalEmail(parsed.email), role: parsed.role, tier: parsed.tier, passwordHash, createdBy: 'system:cli' }));
  });
}
