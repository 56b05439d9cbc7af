import { testConfig } from '@app/testing';
import { appendFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { GpuDeviceInfo } from '../gpu-telemetry.types.js';
import { KernelLogXidReader } from './kernel-log.reader.js';

function device(uuid: string, pciBusId: string): GpuDeviceInfo {
  return { driverVersion: null, host: 'node-1', index: 0, memoryTotalBytes: null, migEnabled: false, name: 'NVIDIA H100 80GB HBM3', parentUuid: null, pciBusId, powerLimitWatts: null, uuid };
}

/** When this machine booted, from /proc/stat's btime (whole seconds), as the reader reads it. */
async function bootTimeMs(): Promise<number> {
  const btime = /^btime (\d+)$/m.exec(await readFile('/proc/stat', 'utf8'));
  return Number(btime![1]) * 1000;
}

const DEVICES = [device('GPU-aaaa', '00000000:3B:00.0'), device('GPU-bbbb', '00000000:86:00.0')];

describe('KernelLogXidReader', () => {
  let readers: KernelLogXidReader[] = [];
  const readerOf = (path: string): KernelLogXidReader => {
    const reader = new KernelLogXidReader(testConfig({ GPU_KERNEL_LOG_PATH: path }));
    readers.push(reader);
    return reader;
  };

  afterEach(async () => {
    await Promise.all(readers.map((reader) => reader.close()));
    readers = [];
  });

  it('turns Xid lines into events of the device at that PCI address, then reads only what was logged since', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'bulwark-kmsg-')), 'kmsg');
    await writeFile(path, '4,1907,1523456789,-;NVRM: Xid (PCI:0000:3b:00): 13, pid=2841, name=python3, Graphics Exception\n4,1908,1600000000,-;NVRM: Xid (PCI:0000:d8:00): 79, pid=1, name=x, GPU has fallen off the bus.\n');
    const reader = readerOf(path);

    const first = await reader.read(DEVICES);
    // 0000:d8:00 is not one of this host's collected devices: not attributed to any.
    expect(first).toEqual([{ at: expect.any(String), code: '13', detail: 'Xid 13: pid=2841, name=python3, Graphics Exception', host: 'node-1', kind: 'xid', uuid: 'GPU-aaaa' }]);
    // The record's own time (1523.456789 s after boot), not the time it was read.
    expect(Date.parse(first[0]!.at)).toBe((await bootTimeMs()) + 1_523_456);
    expect(await reader.read(DEVICES)).toEqual([]);

    // A record written in two pieces is read once it is whole.
    await appendFile(path, '4,1950,2734567890,-;NVRM: Xid (PCI:0000:86:00): 79, pid=3102, name=torchrun, GPU has ');
    expect(await reader.read(DEVICES)).toEqual([]);
    await appendFile(path, 'fallen off the bus.\n');
    expect(await reader.read(DEVICES)).toEqual([expect.objectContaining({ code: '79', uuid: 'GPU-bbbb', detail: 'Xid 79: pid=3102, name=torchrun, GPU has fallen off the bus.' })]);
  });

  it('gives the same time to the same record read by two processes (kernel time + boot time)', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'bulwark-kmsg-')), 'kmsg');
    await writeFile(path, '4,1907,1523456789,-;NVRM: Xid (PCI:0000:3b:00): 13, pid=1, name=x, Graphics Exception\n');
    const [a] = await readerOf(path).read(DEVICES);
    const [b] = await readerOf(path).read(DEVICES);
    expect(a!.at).toBe(b!.at);
  });

  it('says why when the log cannot be read, and reads nothing', async () => {
    const reader = readerOf('/nonexistent/kmsg');
    expect(await reader.read(DEVICES)).toEqual([]);
    expect(reader.unavailableReason).toBe('/nonexistent/kmsg is not readable (ENOENT): Xid errors come only from DCGM');
  });

  it('reads nothing when turned off', async () => {
    const reader = readerOf('off');
    expect(await reader.read(DEVICES)).toEqual([]);
    expect(reader.unavailableReason).toBeNull();
  });
});
