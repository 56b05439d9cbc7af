import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { Scope, Tier } from '../../security.constants.js';
import { API_KEY_PREFIX } from '../api-key-format.js';
import type { ApiKeyEntity } from '../api-key.entity.js';

export class ApiKeyResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'bwk_Ab3dE5gH7jK9', description: 'Public part of the key, to recognise it in lists; not a credential.' })
  prefix!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  owner!: string;

  @ApiProperty({ enum: Tier })
  tier!: Tier;

  @ApiProperty({ enum: Scope, isArray: true })
  scopes!: Scope[];

  @ApiPropertyOptional({ format: 'date-time', nullable: true })
  expiresAt!: string | null;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, description: 'Recorded in batches: may lag by a few seconds.' })
  lastUsedAt!: string | null;

  @ApiPropertyOptional({ format: 'date-time', nullable: true })
  revokedAt!: string | null;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, description: 'Set once rotated: the key stays valid until validUntil.' })
  rotatedAt!: string | null;

  @ApiPropertyOptional({ format: 'date-time', nullable: true })
  validUntil!: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  replacedById!: string | null;

  @ApiProperty()
  createdBy!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  static from(entity: ApiKeyEntity): ApiKeyResponseDto {
    const iso = (date: Date | null): string | null => date?.toISOString() ?? null;
    return {
      id: entity.id,
      prefix: `${API_KEY_PREFIX}${entity.publicId}`,
      name: entity.name,
      owner: entity.owner,
      tier: entity.tier,
      scopes: entity.scopes,
      expiresAt: iso(entity.expiresAt),
      lastUsedAt: iso(entity.lastUsedAt),
      revokedAt: iso(entity.revokedAt),
      rotatedAt: iso(entity.rotatedAt),
      validUntil: iso(entity.validUntil),
      replacedById: entity.replacedById,
      createdBy: entity.createdBy,
      createdAt: entity.createdAt.toISOString(),
    };
  }
}

export class CreatedApiKeyDto extends ApiKeyResponseDto {
  @ApiProperty({ description: 'The key itself. Shown once: store it now; only its hash is kept.' })
  key!: string;
}
