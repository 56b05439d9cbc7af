export { UsersModule } from './users.module.js';
export { UsersService, type NewUser } from './users.service.js';
