import type { TuningRunResult } from '../store/tuning-run-result.js';
import type { TuningRunEntity, TuningRunKind, TuningRunStatus } from '../store/tuning-run.entity.js';

export interface TuningRunView {
  id: string;
  kind: TuningRunKind;
  modelId: string;
  status: TuningRunStatus;
  request: TuningRunEntity['request'];
  /** The worker's last report while it runs (0–100 and what it is measuring); null once done or before it starts. */
  progress: { percent: number; message: string | null } | null;
  error: string | null;
  createdAt: string;
  completedAt: string | null;
  /** Only on GET /v1/gpu/tuning-runs/:id: measurements, Pareto set, picks and the decision trace. */
  result?: TuningRunResult | null;
  links: { self: string; events: string; model: string };
}

export function toTuningRunView(run: TuningRunEntity, progress: TuningRunView['progress'], withResult: boolean): TuningRunView {
  const self = `/v1/gpu/tuning-runs/${run.id}`;
  return {
    id: run.id,
    kind: run.kind,
    modelId: run.modelId,
    status: run.status,
    request: run.request,
    progress,
    error: run.error,
    createdAt: run.createdAt.toISOString(),
    completedAt: run.completedAt?.toISOString() ?? null,
    ...(withResult ? { result: run.result } : {}),
    links: { events: `${self}/events`, model: `/v1/models/${run.modelId}`, self },
  };
}
