import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/** The pg pools behind a DataSource: the primary's, then one per read replica (TypeORM replication). */
export function driverPools(dataSource: DataSource): { primary: Pool | undefined; replicas: Pool[] } {
  const driver = dataSource.driver as unknown as { master?: Pool; slaves?: Pool[] };
  return { primary: driver.master, replicas: driver.slaves ?? [] };
}
