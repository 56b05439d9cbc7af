import { AssetVariantEntity } from './modules/cdn/assets/asset-variant.entity.js';
import { AssetEntity } from './modules/cdn/assets/asset.entity.js';
import { ModelArtifactEntity } from './modules/gpu/models/artifacts/model-artifact.entity.js';
import type { DatabaseSchema } from './modules/database/index.js';
import { JobProgressEntity } from './modules/database/jobs/job-progress.entity.js';
import { MIGRATIONS } from './modules/database/migrations/index.js';
import { RecommendationEntity } from './modules/gpu/recommendations/store/recommendation.entity.js';
import { GpuDeviceEntity } from './modules/gpu/store/entities/gpu-device.entity.js';
import { GpuEventEntity } from './modules/gpu/store/entities/gpu-event.entity.js';
import { GpuProcessEntity } from './modules/gpu/store/entities/gpu-process.entity.js';
import { GpuSampleMinuteEntity } from './modules/gpu/store/entities/gpu-sample-minute.entity.js';
import { GpuSampleEntity } from './modules/gpu/store/entities/gpu-sample.entity.js';
import { TuningRunEntity } from './modules/gpu/tuning/store/tuning-run.entity.js';
import { AlertRuleEntity } from './modules/monitoring/alerts/entities/alert-rule.entity.js';
import { AlertEntity } from './modules/monitoring/alerts/entities/alert.entity.js';
import { NotificationChannelEntity } from './modules/monitoring/alerts/entities/notification-channel.entity.js';
import { SilenceEntity } from './modules/monitoring/alerts/entities/silence.entity.js';
import { BaselineEntity } from './modules/monitoring/baselines/baseline.entity.js';
import { ApiKeyEntity } from './modules/security/api-keys/api-key.entity.js';
import { AuditEventEntity } from './modules/security/audit/audit-event.entity.js';
import { RefreshTokenFamilyEntity } from './modules/security/auth-tokens/refresh-token-family.entity.js';
import { RefreshTokenEntity } from './modules/security/auth-tokens/refresh-token.entity.js';
import { IpBlockEntity } from './modules/security/ip-blocks/entities/ip-block.entity.js';
import { UserEntity } from './modules/security/users/user.entity.js';
import { ThreatEventEntity } from './modules/threat/events/threat-event.entity.js';

/**
 * Every entity and migration of the app, listed once for the DataSource, the migration CLI and the drift test.
 * Feature modules add their entities here as they gain tables.
 */
export const SCHEMA: DatabaseSchema = {
  entities: [AlertEntity, AlertRuleEntity, ApiKeyEntity, AssetEntity, AssetVariantEntity, AuditEventEntity, BaselineEntity, GpuDeviceEntity, GpuEventEntity, GpuProcessEntity, GpuSampleEntity, GpuSampleMinuteEntity, IpBlockEntity, JobProgressEntity, ModelArtifactEntity, NotificationChannelEntity, RecommendationEntity, RefreshTokenEntity, RefreshTokenFamilyEntity, SilenceEntity, ThreatEventEntity, TuningRunEntity, UserEntity],
  migrations: MIGRATIONS,
};
