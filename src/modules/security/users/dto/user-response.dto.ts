import { ApiProperty } from '@nestjs/swagger';

import { Role, Tier } from '../../security.constants.js';
import type { UserEntity } from '../user.entity.js';

/** A user as the API shows it: never the password hash. */
export class UserResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty({ enum: Role })
  role!: Role;

  @ApiProperty({ enum: Tier })
  tier!: Tier;

  @ApiProperty()
  createdBy!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  static from(user: UserEntity): UserResponseDto {
    return {
      id: user.id,
      email: user.email,
      role: user.role,
      tier: user.tier,
      createdBy: user.createdBy,
      createdAt: user.createdAt.toISOString(),
      updatedAt: user.updatedAt.toISOString(),
    };
  }
}

export class UserPageDto {
  @ApiProperty({ type: UserResponseDto, isArray: true })
  items!: UserResponseDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
