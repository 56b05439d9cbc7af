import { Module } from '@nestjs/common';

import { PasswordHasher } from './password-hasher.js';
import { UserRepository } from './user.repository.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({
  controllers: [UsersController],
  exports: [UsersService],
  providers: [PasswordHasher, UserRepository, UsersService],
})
export class UsersModule {}
