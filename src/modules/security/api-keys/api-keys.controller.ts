import { PageQueryDto } from '@app/common';
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentPrincipal, RequireScopes } from '../auth/auth.decorators.js';
import { principalKey, type Principal } from '../auth/principal.js';
import { Scope } from '../security.constants.js';
import { ApiKeyService } from './api-key.service.js';
import { ApiKeyResponseDto, CreatedApiKeyDto } from './dto/api-key-response.dto.js';
import { CreateApiKeyDto } from './dto/create-api-key.dto.js';
import { ApiKeyPageDto } from './dto/list-api-keys.dto.js';

const actorOf = (principal: Principal): string => principalKey(principal) ?? 'anonymous';

@ApiTags('api-keys')
@ApiBearerAuth()
@RequireScopes(Scope.SECURITY_ADMIN)
@Controller({ path: 'api-keys', version: '1' })
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeyService) {}

  @Post()
  @ApiOperation({ summary: 'Create a key. The key is in this response only.' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  async create(@Body() body: CreateApiKeyDto, @CurrentPrincipal() principal: Principal): Promise<CreatedApiKeyDto> {
    const { record, key } = await this.apiKeys.create({ ...body, createdBy: actorOf(principal) });
    return { ...ApiKeyResponseDto.from(record), key };
  }

  @Get()
  @ApiOkResponse({ type: ApiKeyPageDto })
  async list(@Query() query: PageQueryDto): Promise<ApiKeyPageDto> {
    const page = await this.apiKeys.list(query.limit, query.cursor);
    return { items: page.items.map((record) => ApiKeyResponseDto.from(record)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOkResponse({ type: ApiKeyResponseDto })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<ApiKeyResponseDto> {
    return ApiKeyResponseDto.from(await this.apiKeys.getOrThrow(id));
  }

  @Post(':id/rotate')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Issue a replacement; the old key stays valid for the rotation overlap.' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  async rotate(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<CreatedApiKeyDto> {
    const { record, key } = await this.apiKeys.rotate(id, actorOf(principal));
    return { ...ApiKeyResponseDto.from(record), key };
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke now, on every instance.' })
  @ApiOkResponse({ type: ApiKeyResponseDto })
  async revoke(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<ApiKeyResponseDto> {
    return ApiKeyResponseDto.from(await this.apiKeys.revoke(id, actorOf(principal)));
  }
}
