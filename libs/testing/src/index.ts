export { createTestApp, type TestAppOptions } from './create-test-app.js';
export { testConfig } from './test-config.js';
export {
  createTestDatabase,
  postgresAnswers,
  TEST_ADMIN_URL_VAR,
  TEST_REDIS_URL_VAR,
  TEST_TEMPLATE_VAR,
  withAdminClient,
  withDatabase,
  type TestDatabase,
} from './test-database.js';
export { testAdminUrl, testDatabase, testRedisUrl } from './test-environment.js';
export { buildMlpModel, encodeOnnx, type MlpOptions } from './onnx-mlp.js';
