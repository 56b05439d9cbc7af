import type { SchemaClass } from '../data-source-options.js';
import { CreateTuningRuns1795410533575 } from './1795410533575-create-tuning-runs.js';
import { CreateRecommendations1795403800018 } from './1795403800018-create-recommendations.js';
import { CreateGpuStore1795403453447 } from './1795403453447-create-gpu-store.js';
import { CreateModelArtifacts1795403827740 } from './1795403827740-create-model-artifacts.js';
import { CreateAlerts1795402100000 } from './1795402100000-create-alerts.js';
import { CreateBaselines1795400063495 } from './1795400063495-create-baselines.js';
import { CreateAssets1795389927439 } from './1795389927439-create-assets.js';
import { CreateJobProgress1795384157321 } from './1795384157321-create-job-progress.js';
import { CreateThreatEvents1795371757685 } from './1795371757685-create-threat-events.js';
import { CreateUsers1795365680547 } from './1795365680547-create-users.js';
import { CreateAuditEvents1795365041822 } from './1795365041822-create-audit-events.js';
import { CreateIpBlocks1795364951725 } from './1795364951725-create-ip-blocks.js';
import { CreateApiKeys1795364912447 } from './1795364912447-create-api-keys.js';

/**
 * Every migration, oldest first. `npm run migration:generate -- <Name>` writes a new file beside this one and
 * appends it here; classes are listed (not globbed) so the app, the CLI and the tests load exactly the same set.
 */
export const MIGRATIONS: SchemaClass[] = [CreateApiKeys1795364912447, CreateIpBlocks1795364951725, CreateAuditEvents1795365041822, CreateUsers1795365680547, CreateThreatEvents1795371757685, CreateJobProgress1795384157321, CreateAssets1795389927439, CreateBaselines1795400063495, CreateAlerts1795402100000, CreateGpuStore1795403453447, CreateRecommendations1795403800018, CreateModelArtifacts1795403827740, CreateTuningRuns1795410533575];
