export const MINUTE = 60_000;
const GIB = 1024 ** 3;

export const IDLE_GPU = 'GPU-11111111-1111-4111-8111-111111111111';
export const BUSY_GPU = 'GPU-22222222-2222-4222-8222-222222222222';
export const MIG = 'MIG-33333333-3333-4333-8333-333333333333';

/** An idle H100, a 40 %-busy L4 and a MIG instance of the H100 (which reports no utilisation). */
export const FLEET_DEVICES = [
  { uuid: IDLE_GPU, host: 'node-1', index: 0, name: 'NVIDIA H100 80GB HBM3', memoryTotalBytes: 80 * GIB },
  { uuid: BUSY_GPU, host: 'node-1', index: 1, name: 'NVIDIA L4', memoryTotalBytes: 24 * GIB },
  { uuid: MIG, host: 'node-1', index: 2, name: 'NVIDIA H100 80GB HBM3 MIG 1g.10gb', memoryTotalBytes: 10 * GIB, migEnabled: true, parentUuid: IDLE_GPU },
];

/** Two samples a minute for the 90 minutes before `now`, per device: enough history for every recommendation rule. */
export function fleetSamples(now: number): object[] {
  const rows: object[] = [];
  for (let offset = 90 * MINUTE; offset > 0; offset -= 30_000) {
    const sampledAt = new Date(Math.floor(now / MINUTE) * MINUTE - offset).toISOString();
    rows.push({ uuid: IDLE_GPU, host: 'node-1', sampledAt, utilizationRatio: 0.01, memoryUsedBytes: GIB, memoryTotalBytes: 80 * GIB, powerWatts: 70, temperatureCelsius: 34, throttleReasons: [] });
    rows.push({ uuid: BUSY_GPU, host: 'node-1', sampledAt, utilizationRatio: 0.4, memoryUsedBytes: 12 * GIB, memoryTotalBytes: 24 * GIB, powerWatts: 45, temperatureCelsius: 58, throttleReasons: [] });
    rows.push({ uuid: MIG, host: 'node-1', sampledAt, utilizationRatio: null, memoryUsedBytes: 0, memoryTotalBytes: 10 * GIB, throttleReasons: [] });
  }
  return rows;
}
