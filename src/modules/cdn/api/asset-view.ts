import { problemType } from '@app/common';
import { STATUS_CODES } from 'node:http';

import { aliasPath, immutablePath } from '../assets/asset-addresses.js';
import type { AssetEntity } from '../assets/asset.entity.js';
import type { AssetVariantEntity } from '../assets/asset-variant.entity.js';
import type { CdnException } from '../cdn.exception.js';
import { OPTIMIZE_QUEUE } from '../optimize-job/asset-optimization.queue.js';
import type { BatchItemResult } from '../upload/asset-upload.service.js';

export interface AssetView {
  id: string;
  name: string;
  kind: string;
  contentType: string;
  contentHash: string;
  status: string;
  failureReason: string | null;
  tags: string[];
  originalBytes: number;
  optimizedBytes: number | null;
  urls: { immutable: string; alias: string };
  job: { id: string; status: string; events: string } | null;
  createdAt: string;
  variants?: { variant: string; encoding: string; contentType: string; width: number | null; height: number | null; bytes: number }[];
}

export function toAssetView(asset: AssetEntity, variants?: readonly AssetVariantEntity[]): AssetView {
  const jobPath = asset.jobId === null ? null : `/v1/jobs/${OPTIMIZE_QUEUE}/${asset.jobId}`;
  return {
    id: asset.id,
    name: asset.name,
    kind: asset.kind,
    contentType: asset.contentType,
    contentHash: asset.contentHash,
    status: asset.status,
    failureReason: asset.failureReason,
    tags: asset.tags,
    originalBytes: asset.originalBytes,
    optimizedBytes: asset.optimizedBytes,
    urls: { immutable: immutablePath(asset.contentHash, asset.name), alias: aliasPath(asset.name) },
    job: asset.jobId === null || jobPath === null ? null : { id: asset.jobId, status: jobPath, events: `${jobPath}/events` },
    createdAt: asset.createdAt.toISOString(),
    ...(variants === undefined
      ? {}
      : { variants: variants.map(({ variant, encoding, contentType, width, height, bytes }) => ({ variant, encoding, contentType, width, height, bytes })) }),
  };
}

interface ItemProblem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
}

export type BatchItemView = { filename: string; status: number; asset: AssetView } | { filename: string; status: number; problem: ItemProblem };

export function toBatchItemView(item: BatchItemResult): BatchItemView {
  if (item.ingested !== undefined) {
    return { filename: item.filename, status: item.status, asset: toAssetView(item.ingested.asset) };
  }
  return { filename: item.filename, status: item.status, problem: problemOf(item.error) };
}

/** The same RFC 9457 members a refused single upload gets, per file. */
function problemOf(error: CdnException): ItemProblem {
  return { type: problemType(error.code), title: STATUS_CODES[error.status] ?? 'Error', status: error.status, detail: error.detail, code: error.code };
}
