import { Injectable } from '@nestjs/common';
import type { Repository } from 'typeorm';

import { TransactionalConnection } from '../../database/index.js';
import { UserEntity } from './user.entity.js';

export interface UserKeysetPosition {
  createdAt: string;
  id: string;
}

export type NewUserRow = Pick<UserEntity, 'email' | 'role' | 'tier' | 'passwordHash' | 'createdBy'>;

@Injectable()
export class UserRepository {
  constructor(private readonly connection: TransactionalConnection) {}

  private get repository(): Repository<UserEntity> {
    return this.connection.getRepository(UserEntity);
  }

  insert(values: NewUserRow): Promise<UserEntity> {
    return this.repository.save(this.repository.create(values));
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.repository.findOneBy({ id });
  }

  /** `email` must already be canonical. */
  findByEmail(email: string): Promise<UserEntity | null> {
    return this.repository.findOneBy({ email });
  }

  /** Newest first, keyset-paginated on (created_at, id). */
  listPage(limit: number, after?: UserKeysetPosition): Promise<UserEntity[]> {
    const query = this.repository.createQueryBuilder('user').orderBy('user.created_at', 'DESC').addOrderBy('user.id', 'DESC').limit(limit);
    if (after) {
      query.where('(user.created_at, user.id) < (:createdAt, :id)', after);
    }
    return query.getMany();
  }

  /** Replaces the hash only if it is still the one that was verified (a concurrent password change wins). */
  async replacePasswordHash(id: string, expected: string, next: string): Promise<void> {
    await this.repository.update({ id, passwordHash: expected }, { passwordHash: next });
  }

  /** Deletes the user (its refresh tokens go with it, by cascade); returns whether it existed. */
  count(): Promise<number> {
    return this.repository.count();
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.repository.delete({ id });
    return (result.affected ?? 0) > 0;
  }
}
