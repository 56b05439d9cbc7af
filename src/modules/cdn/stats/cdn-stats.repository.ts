import { Injectable } from '@nestjs/common';

import { TransactionalConnection } from '../../database/index.js';

export interface StoredTotals {
  assets: number;
  contents: number;
  bytesUploaded: number;
  bytesStored: number;
  savedByMinification: number;
  savedByCompression: number;
  savedByImageFormats: number;
}

const IMAGE_KINDS = `('png', 'jpeg', 'webp', 'avif', 'gif')`;

/**
 * Savings are per content (assets sharing content count once) and measured on what serving picks: minification is
 * original − optimised, compression is the optimised identity body − its smallest precompressed encoding, image
 * formats is the optimised image − its smallest WebP/AVIF variant at full size.
 */
const TOTALS_SQL = `
with contents as (
  select distinct on (content_hash, kind) content_hash, kind, original_bytes, optimized_bytes
  from assets where status = 'ready'
),
optimized as (
  select v.content_hash, v.kind,
    max(v.bytes) filter (where v.variant = 'optimized' and v.encoding = 'identity') as identity_bytes,
    min(v.bytes) filter (where v.variant = 'optimized' and v.encoding <> 'identity') as encoded_bytes,
    min(v.bytes) filter (where v.variant in ('webp', 'avif') and v.encoding = 'identity') as format_bytes
  from asset_variants v group by v.content_hash, v.kind
)
select
  (select count(*) from assets)::bigint as assets,
  (select count(distinct content_hash) from assets)::bigint as contents,
  (select coalesce(sum(original_bytes), 0) from assets)::bigint as bytes_uploaded,
  ((select coalesce(sum(original_bytes), 0) from (select distinct on (content_hash) original_bytes from assets) o)
    + (select coalesce(sum(bytes), 0) from asset_variants))::bigint as bytes_stored,
  coalesce(sum(greatest(c.original_bytes - coalesce(c.optimized_bytes, c.original_bytes), 0)) filter (where c.kind not in ${IMAGE_KINDS}), 0)::bigint as saved_minification,
  coalesce(sum(greatest(o.identity_bytes - o.encoded_bytes, 0)), 0)::bigint as saved_compression,
  coalesce(sum(greatest(o.identity_bytes - o.format_bytes, 0)) filter (where c.kind in ${IMAGE_KINDS}), 0)::bigint as saved_formats
from contents c left join optimized o on o.content_hash = c.content_hash and o.kind = c.kind`;

@Injectable()
export class CdnStatsRepository {
  constructor(private readonly connection: TransactionalConnection) {}

  async totals(): Promise<StoredTotals> {
    const [row] = await this.connection.manager.query<Record<string, string>[]>(TOTALS_SQL);
    const number = (key: string): number => Number(row?.[key] ?? 0);
    return {
      assets: number('assets'),
      contents: number('contents'),
      bytesUploaded: number('bytes_uploaded'),
      bytesStored: number('bytes_stored'),
      savedByMinification: number('saved_minification'),
      savedByCompression: number('saved_compression'),
      savedByImageFormats: number('saved_formats'),
    };
  }

  async namesOf(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) {
      return new Map();
    }
    const rows = await this.connection.manager.query<{ id: string; name: string }[]>('select id, name from assets where id = any($1::uuid[])', [[...ids]]);
    return new Map(rows.map((row) => [row.id, row.name]));
  }
}
