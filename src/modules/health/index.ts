export { DatabaseHealthIndicator } from './database.health.js';
export { HealthModule } from './health.module.js';
export { RedisHealthIndicator } from './redis.health.js';
