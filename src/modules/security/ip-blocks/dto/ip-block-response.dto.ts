import { ApiProperty } from '@nestjs/swagger';

import { IpBlockSource, isActive, type IpBlock } from '../ip-block.js';

export class IpBlockResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '203.0.113.0/24' })
  cidr!: string;

  @ApiProperty()
  reason!: string;

  @ApiProperty({ enum: IpBlockSource })
  source!: IpBlockSource;

  @ApiProperty({ format: 'date-time', type: String, nullable: true })
  expiresAt!: string | null;

  @ApiProperty({ description: 'Whether the block is in force now.' })
  active!: boolean;

  @ApiProperty({ example: 'key:6f1c…', description: '`key:<id>`, `user:<id>`, `anonymous` or `system` (automatic).' })
  createdBy!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  static from(block: IpBlock, nowMs: number): IpBlockResponseDto {
    return {
      id: block.id,
      cidr: block.cidr,
      reason: block.reason,
      source: block.source,
      expiresAt: block.expiresAt?.toISOString() ?? null,
      active: isActive(block, nowMs),
      createdBy: block.createdBy,
      createdAt: block.createdAt.toISOString(),
    };
  }
}

export class IpBlockPageDto {
  @ApiProperty({ type: IpBlockResponseDto, isArray: true })
  items!: IpBlockResponseDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
