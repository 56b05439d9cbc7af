import { PageQueryDto, ThreatPolicy } from '@app/common';
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';

import { CurrentPrincipal, RequireScopes } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { Scope } from '../security.constants.js';
import { CreateUserDto } from './dto/create-user.dto.js';
import { UserPageDto, UserResponseDto } from './dto/user-response.dto.js';
import { actorOf } from './user-actor.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@RequireScopes(Scope.SECURITY_ADMIN)
@Controller({ path: 'users', version: '1' })
export class UsersController {
  constructor(private readonly users: UsersService) {}

  // A password may hold any character an attack would; it is only ever hashed.
  @ThreatPolicy({ exclude: ['body.password'] })
  @Post()
  @ApiCreatedResponse({ type: UserResponseDto })
  async create(@Body() body: CreateUserDto, @CurrentPrincipal() principal: Principal): Promise<UserResponseDto> {
    return UserResponseDto.from(await this.users.create({ ...body, createdBy: actorOf(principal) }));
  }

  @Get()
  @ApiOkResponse({ type: UserPageDto })
  async list(@Query() query: PageQueryDto): Promise<UserPageDto> {
    const page = await this.users.list(query.limit, query.cursor);
    return { items: page.items.map((user) => UserResponseDto.from(user)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOkResponse({ type: UserResponseDto })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<UserResponseDto> {
    return UserResponseDto.from(await this.users.getOrThrow(id));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted, with every refresh token the user held.' })
  async delete(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.users.delete(id, actorOf(principal));
  }
}
