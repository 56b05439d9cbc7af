import { jest } from '@jest/globals';
import { EventEmitter2 } from '@nestjs/event-emitter';
import bcrypt from 'bcryptjs';

import { SecurityExceptionCode } from '../security.exception.js';
import { Role, Tier } from '../security.constants.js';
import { PasswordHasher } from './password-hasher.js';
import type { UserEntity } from './user.entity.js';
import type { NewUserRow, UserRepository } from './user.repository.js';
import { UsersService } from './users.service.js';

const PASSWORD = 'correct horse battery staple';

/** An in-memory stand-in for the repository: just enough rows for the service's decisions. */
function fakeRepository(rows: UserEntity[] = []) {
  return {
    insert: jest.fn((values: NewUserRow) => {
      const row = { ...values, id: `u-${rows.length + 1}`, createdAt: new Date(), updatedAt: new Date() };
      rows.push(row);
      return Promise.resolve(row);
    }),
    findByEmail: jest.fn((email: string) => Promise.resolve(rows.find((row) => row.email === email) ?? null)),
    replacePasswordHash: jest.fn((id: string, _expected: string, next: string) => {
      rows.find((row) => row.id === id)!.passwordHash = next;
      return Promise.resolve();
    }),
  };
}

describe(UsersService.name, () => {
  const hasher = new PasswordHasher();
  const setup = (rows: UserEntity[] = []) => {
    const repository = fakeRepository(rows);
    const service = new UsersService(new EventEmitter2(), hasher, repository as unknown as UserRepository);
    return { service, repository, rows };
  };

  describe('create', () => {
    it('stores the canonical email and an argon2id hash, never the password', async () => {
      const { service, rows } = setup();
      await service.create({ email: 'Ada@Example.COM', password: PASSWORD, role: Role.ADMIN, createdBy: 'system:tests' });
      expect(rows[0]).toMatchObject({ email: 'ada@example.com', role: Role.ADMIN, tier: Tier.FREE });
      expect(rows[0]!.passwordHash).toMatch(/^\$argon2id\$/);
      expect(JSON.stringify(rows)).not.toContain(PASSWORD);
    });

    it('refuses a password the policy refuses, before hashing or storing anything', async () => {
      const { service, repository } = setup();
      await expect(service.create({ email: 'a@example.com', password: 'password1', role: Role.VIEWER, createdBy: 'x' })).rejects.toMatchObject({
        code: SecurityExceptionCode.WEAK_PASSWORD,
      });
      expect(repository.insert).not.toHaveBeenCalled();
    });
  });

  describe('authenticate', () => {
    it('upgrades a bcrypt hash to argon2id on success, and only then', async () => {
      const stored = bcrypt.hashSync(PASSWORD, 4);
      const { service, repository, rows } = setup([{ id: 'u-1', email: 'ada@example.com', passwordHash: stored } as UserEntity]);
      await expect(service.authenticate('ada@example.com', 'wrong password')).resolves.toBeNull();
      expect(repository.replacePasswordHash).not.toHaveBeenCalled();
      await expect(service.authenticate('ADA@example.com', PASSWORD)).resolves.toMatchObject({ id: 'u-1' });
      expect(repository.replacePasswordHash).toHaveBeenCalledWith('u-1', stored, expect.stringMatching(/^\$argon2id\$/));
      expect(rows[0]!.passwordHash).toMatch(/^\$argon2id\$/);
    });

    it('leaves a hash at today\'s parameters alone', async () => {
      const { service, repository } = setup([{ id: 'u-1', email: 'ada@example.com', passwordHash: await hasher.hash(PASSWORD) } as UserEntity]);
      await expect(service.authenticate('ada@example.com', PASSWORD)).resolves.toMatchObject({ id: 'u-1' });
      expect(repository.replacePasswordHash).not.toHaveBeenCalled();
    });

    it('spends a dummy verification on an unknown email', async () => {
      const { service } = setup();
      const dummy = jest.spyOn(hasher, 'verifyDummy');
      await expect(service.authenticate('nobody@example.com', PASSWORD)).resolves.toBeNull();
      expect(dummy).toHaveBeenCalledWith(PASSWORD);
    });
  });
});
