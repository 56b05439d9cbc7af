import type { DatabaseSchema } from './modules/database/index.js';
import { MIGRATIONS } from './modules/database/migrations/index.js';

/**
 * Every entity and migration of the app, listed once for the DataSource, the migration CLI and the drift test.
 * Feature modules add their entities here as they gain tables.
 */
export const SCHEMA: DatabaseSchema = {
  entities: [],
  migrations: MIGRATIONS,
};
