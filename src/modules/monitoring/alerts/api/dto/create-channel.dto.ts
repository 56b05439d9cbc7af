import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsEmail, IsIn, IsString, IsUrl, Matches, MaxLength, ValidateIf } from 'class-validator';

import { CHANNEL_KINDS, type ChannelKind } from '../../../notify/notification.types.js';

const URL_KINDS: readonly ChannelKind[] = ['webhook', 'slack', 'discord'];

/** A channel's name and target; `url` for webhook/slack/discord, `to` for email, `bearerToken` for webhook only. */
export class CreateChannelDto {
  @ApiProperty({ example: 'ops-webhook' })
  @Matches(/^[A-Za-z0-9_.:-]{1,128}$/, { message: 'name is 1-128 letters, digits, _ . : -' })
  name!: string;

  @ApiProperty({ enum: CHANNEL_KINDS })
  @IsIn(CHANNEL_KINDS)
  kind!: ChannelKind;

  @ApiPropertyOptional({ example: 'https://alerts.example.com/hook' })
  @ValidateIf((dto: CreateChannelDto) => URL_KINDS.includes(dto.kind) || dto.url !== undefined)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'url is an http(s) URL' })
  @MaxLength(2048)
  url?: string;

  @ApiPropertyOptional({ description: 'webhook only: sent as `Authorization: Bearer …`.' })
  @ValidateIf((dto: CreateChannelDto) => dto.bearerToken !== undefined)
  @IsString()
  @MaxLength(4096)
  bearerToken?: string;

  @ApiPropertyOptional({ type: [String], example: ['oncall@example.com'] })
  @ValidateIf((dto: CreateChannelDto) => dto.kind === 'email' || dto.to !== undefined)
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsEmail({}, { each: true })
  to?: string[];
}
