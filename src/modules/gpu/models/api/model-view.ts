import type { ModelArtifactEntity } from '../artifacts/model-artifact.entity.js';
import type { ModelReport } from '../inspect/model-report.types.js';

export interface ModelView {
  id: string;
  name: string;
  sha256: string;
  sizeBytes: number;
  irVersion: number | null;
  opsets: ModelReport['opsets'];
  parameters: number;
  parentId: string | null;
  pass: string | null;
  createdBy: string;
  createdAt: string;
  links: { self: string; download: string };
  /** Only on `GET /v1/models/:id` and the upload answer. */
  report?: ModelReport;
}

export function toModelView(artifact: ModelArtifactEntity, withReport: boolean): ModelView {
  return {
    id: artifact.id,
    name: artifact.name,
    sha256: artifact.sha256,
    sizeBytes: artifact.sizeBytes,
    irVersion: artifact.irVersion,
    opsets: artifact.opsets,
    parameters: artifact.report.parameters.total,
    parentId: artifact.parentId,
    pass: artifact.pass,
    createdBy: artifact.createdBy,
    createdAt: artifact.createdAt.toISOString(),
    links: { self: `/v1/models/${artifact.id}`, download: `/v1/models/${artifact.id}/download` },
    ...(withReport ? { report: artifact.report } : {}),
  };
}
