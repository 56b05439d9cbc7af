import { testDatabase, type TestDatabase } from '@app/testing';
import type { TestingModule } from '@nestjs/testing';
import bcrypt from 'bcryptjs';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

import { AuthSessionService } from '../../src/modules/security/auth-tokens/auth-session.service.js';
import { RefreshTokenService } from '../../src/modules/security/auth-tokens/refresh-token.service.js';
import { hashRefreshToken } from '../../src/modules/security/auth-tokens/refresh-token.util.js';
import { Role, SecurityExceptionCode } from '../../src/modules/security/index.js';
import type { UserEntity } from '../../src/modules/security/users/user.entity.js';
import { UsersService } from '../../src/modules/security/users/users.service.js';
import { openAuthTokensModule } from '../support/auth-tokens-module.js';

const PASSWORD = 'correct horse battery staple';

let db: TestDatabase;
let moduleRef: TestingModule;
let tokens: RefreshTokenService;
let dataSource: DataSource;

const newUser = (): Promise<UserEntity> =>
  moduleRef.get(UsersService).create({ email: `${randomUUID()}@example.com`, password: PASSWORD, role: Role.VIEWER, createdBy: 'system:tests' });

const codeOf = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => 'resolved',
    (error: { code?: string }) => error.code,
  );

const familyOf = async (familyId: string): Promise<{ revoked_at: Date | null; revoked_reason: string | null }> => {
  const [row] = await dataSource.query<Array<{
    revoked_at: Date | null;
    revoked_reason: string | null;
  }>>('SELECT revoked_at, revoked_reason FROM refresh_token_families WHERE id = $1', [familyId]);
  return row!;
};

beforeAll(async () => {
  db = await testDatabase();
  moduleRef = await openAuthTokensModule(db.url);
  tokens = moduleRef.get(RefreshTokenService);
  dataSource = moduleRef.get(DataSource);
});

afterAll(async () => {
  await moduleRef.close();
  await db.drop();
});

describe(RefreshTokenService.name, () => {
  describe('issue', () => {
    it('stores only the SHA-256 of the token, never the token', async () => {
      const user = await newUser();
      const { refreshToken, familyId } = await tokens.issue(user.id);
      const rows = await dataSource.query<Array<{ token_hash: Buffer }>>('SELECT token_hash FROM refresh_tokens WHERE family_id = $1', [familyId]);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.token_hash.equals(hashRefreshToken(refreshToken))).toBe(true);
      const dump = JSON.stringify(await dataSource.query('SELECT * FROM refresh_tokens'));
      expect(dump).not.toContain(refreshToken.slice(4));
    });
  });

  describe('rotate', () => {
    it('exchanges each token exactly once for a successor in the same family', async () => {
      const user = await newUser();
      const first = await tokens.issue(user.id);
      const second = await tokens.rotate(first.refreshToken);
      expect(second).toMatchObject({ userId: user.id, familyId: first.familyId });
      expect(second.refreshToken).not.toBe(first.refreshToken);
      const third = await tokens.rotate(second.refreshToken);
      expect(third.familyId).toBe(first.familyId);
      const used = await dataSource.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM refresh_tokens WHERE family_id = $1 AND used_at IS NOT NULL', [first.familyId]);
      expect(used[0]!.n).toBe(2);
    });

    it('answers REFRESH_TOKEN_REUSED for a used token and revokes the family: the newest token dies too', async () => {
      const user = await newUser();
      const first = await tokens.issue(user.id);
      const second = await tokens.rotate(first.refreshToken);
      await expect(codeOf(tokens.rotate(first.refreshToken))).resolves.toBe(SecurityExceptionCode.REFRESH_TOKEN_REUSED);
      await expect(codeOf(tokens.rotate(second.refreshToken))).resolves.toBe(SecurityExceptionCode.INVALID_TOKEN);
      expect(await familyOf(first.familyId)).toMatchObject({ revoked_reason: 'reuse', revoked_at: expect.any(Date) as Date });
    });

    it('leaves other sessions of the same user alone when one family is revoked', async () => {
      const user = await newUser();
      const stolen = await tokens.issue(user.id);
      const other = await tokens.issue(user.id);
      await tokens.rotate(stolen.refreshToken);
      await expect(codeOf(tokens.rotate(stolen.refreshToken))).resolves.toBe(SecurityExceptionCode.REFRESH_TOKEN_REUSED);
      await expect(tokens.rotate(other.refreshToken)).resolves.toMatchObject({ familyId: other.familyId });
    });

    it('lets exactly one of two concurrent exchanges of one token win; the other is reuse and kills the family', async () => {
      const user = await newUser();
      const { refreshToken, familyId } = await tokens.issue(user.id);
      const results = await Promise.allSettled([tokens.rotate(refreshToken), tokens.rotate(refreshToken)]);
      const won = results.filter((result) => result.status === 'fulfilled');
      const lost = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
      expect(won).toHaveLength(1);
      expect((lost[0]!.reason as { code: string }).code).toBe(SecurityExceptionCode.REFRESH_TOKEN_REUSED);
      // The family was revoked after the winner's rotation, so its successor is dead as well.
      await expect(codeOf(tokens.rotate((won[0] as PromiseFulfilledResult<{ refreshToken: string }>).value.refreshToken))).resolves.toBe(
        SecurityExceptionCode.INVALID_TOKEN,
      );
      expect((await familyOf(familyId)).revoked_reason).toBe('reuse');
    });

    it('refuses an expired token without revoking the family', async () => {
      const user = await newUser();
      const { refreshToken, familyId } = await tokens.issue(user.id);
      const afterExpiry = new Date(Date.now() + 31 * 24 * 3_600_000);
      await expect(codeOf(tokens.rotate(refreshToken, afterExpiry))).resolves.toBe(SecurityExceptionCode.INVALID_TOKEN);
      expect((await familyOf(familyId)).revoked_at).toBeNull();
    });

    it.each(['bwr_' + 'A'.repeat(43), 'not-a-token', ''])('refuses the unknown or malformed token %p', async (presented) => {
      await expect(codeOf(tokens.rotate(presented))).resolves.toBe(SecurityExceptionCode.INVALID_TOKEN);
    });
  });

  describe('revoke', () => {
    it('ends the family on logout: its live token no longer rotates, and a second logout finds nothing', async () => {
      const user = await newUser();
      const first = await tokens.issue(user.id);
      const second = await tokens.rotate(first.refreshToken);
      await expect(tokens.revoke(second.refreshToken, 'logout')).resolves.toEqual({ userId: user.id, familyId: first.familyId });
      await expect(codeOf(tokens.rotate(second.refreshToken))).resolves.toBe(SecurityExceptionCode.INVALID_TOKEN);
      await expect(tokens.revoke(second.refreshToken, 'logout')).resolves.toBeNull();
      expect((await familyOf(first.familyId)).revoked_reason).toBe('logout');
    });

    it('goes with the user: deleting it removes its families and tokens', async () => {
      const user = await newUser();
      const { refreshToken, familyId } = await tokens.issue(user.id);
      await moduleRef.get(UsersService).delete(user.id, 'system:tests');
      await expect(codeOf(tokens.rotate(refreshToken))).resolves.toBe(SecurityExceptionCode.INVALID_TOKEN);
      expect(await dataSource.query('SELECT 1 FROM refresh_token_families WHERE id = $1', [familyId])).toEqual([]);
    });
  });
});

describe(`${AuthSessionService.name} against the database`, () => {
  const context = { ip: '198.51.100.7' };

  it('upgrades a migrated bcrypt hash to argon2id on the first successful login', async () => {
    const user = await newUser();
    await dataSource.query('UPDATE users SET password_hash = $1 WHERE id = $2', [bcrypt.hashSync(PASSWORD, 4), user.id]);
    await expect(moduleRef.get(AuthSessionService).login(user.email, PASSWORD, context)).resolves.toMatchObject({ tokenType: 'Bearer' });
    const [row] = await dataSource.query<Array<{ password_hash: string }>>('SELECT password_hash FROM users WHERE id = $1', [user.id]);
    expect(row!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    await expect(moduleRef.get(AuthSessionService).login(user.email, PASSWORD, context)).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('keeps a bcrypt hash when the password is wrong', async () => {
    const user = await newUser();
    const stored = bcrypt.hashSync(PASSWORD, 4);
    await dataSource.query('UPDATE users SET password_hash = $1 WHERE id = $2', [stored, user.id]);
    await expect(codeOf(moduleRef.get(AuthSessionService).login(user.email, 'wrong password!', context))).resolves.toBe(SecurityExceptionCode.INVALID_CREDENTIALS);
    const [row] = await dataSource.query<Array<{ password_hash: string }>>('SELECT password_hash FROM users WHERE id = $1', [user.id]);
    expect(row!.password_hash).toBe(stored);
  });

  it('finds the account whatever the case of the email, and refuses a second account differing only in case', async () => {
    const user = await newUser();
    await expect(moduleRef.get(AuthSessionService).login(user.email.toUpperCase(), PASSWORD, context)).resolves.toMatchObject({ tokenType: 'Bearer' });
    await expect(
      moduleRef.get(UsersService).create({ email: user.email.toUpperCase(), password: PASSWORD, role: Role.ADMIN, createdBy: 'system:tests' }),
    ).rejects.toThrow(/ix_users_email/);
  });
});
