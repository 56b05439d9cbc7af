import { AppConfig } from '@app/config';
import { Injectable, Logger } from '@nestjs/common';
import { constants, type FileHandle, open, readFile } from 'node:fs/promises';
import { uptime } from 'node:os';

import type { GpuDeviceInfo, GpuEvent } from '../gpu-telemetry.types.js';
import { parseXidLine, pciAddressOfBusId } from './nvrm-xid.parser.js';

const CHUNK_BYTES = 64 * 1024;
/** Bytes read per collection at most: a log flooded with other messages cannot hold a collection up. */
const MAX_BYTES_PER_READ = 4 * 1024 * 1024;

/**
 * Xid errors from the kernel log (GPU_KERNEL_LOG_PATH, /dev/kmsg by default), for hosts where nvidia-smi is the source
 * (it reports no Xids) — "when readable": /dev/kmsg needs CAP_SYSLOG where kernel.dmesg_restrict is set, and an
 * unreadable log is reported once and left alone. The file stays open between collections so each read returns only
 * what was logged since (/dev/kmsg gives one record per read and EAGAIN at the end; a plain file, EOF).
 */
@Injectable()
export class KernelLogXidReader {
  private readonly logger = new Logger(KernelLogXidReader.name);
  private handle: FileHandle | null = null;
  private remainder = '';
  private unreadable: string | null = null;
  private bootTimeMs: number | null = null;

  constructor(private readonly config: AppConfig) {}

  /** Why the log cannot be read; null while it can (or before the first try). */
  get unavailableReason(): string | null {
    return this.unreadable;
  }

  /** Xid events logged since the last call, attributed to the collection's devices by PCI address. */
  async read(devices: readonly GpuDeviceInfo[]): Promise<GpuEvent[]> {
    const handle = await this.opened();
    if (handle === null) {
      return [];
    }
    const byAddress = new Map(devices.flatMap((device) => {
      const address = device.pciBusId === null ? null : pciAddressOfBusId(device.pciBusId);
      return address === null ? [] : [[address, device] as const];
    }));
    const events: GpuEvent[] = [];
    for (const line of await this.newLines(handle)) {
      const xid = parseXidLine(line);
      const device = xid === null ? undefined : byAddress.get(xid.pciAddress);
      if (xid !== null && device !== undefined) {
        events.push({ at: await this.wallClock(xid.secondsSinceBoot), code: xid.code, detail: `Xid ${xid.code}: ${xid.detail}`, host: device.host, kind: 'xid', uuid: device.uuid });
      }
    }
    return events;
  }

  async close(): Promise<void> {
    await this.handle?.close().catch(() => undefined);
    this.handle = null;
  }

  private async opened(): Promise<FileHandle | null> {
    const path = this.config.gpu.kernelLogPath;
    if (path === null) {
      return null;
    }
    if (this.handle === null && this.unreadable === null) {
      try {
        this.handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
      } catch (error) {
        this.unreadable = `${path} is not readable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): Xid errors come only from DCGM`;
        this.logger.log(this.unreadable);
      }
    }
    return this.handle;
  }

  private async newLines(handle: FileHandle): Promise<string[]> {
    const buffer = Buffer.alloc(CHUNK_BYTES);
    let text = this.remainder;
    for (let total = 0; total < MAX_BYTES_PER_READ; ) {
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // EAGAIN: /dev/kmsg has nothing newer. EPIPE: records were overwritten before we read them; go on.
        if (code === 'EPIPE') {
          continue;
        }
        if (code !== 'EAGAIN') {
          this.logger.warn(`Reading the kernel log failed: ${code ?? (error as Error).message}`);
        }
        break;
      }
      if (bytesRead === 0) {
        break;
      }
      total += bytesRead;
      text += buffer.toString('utf8', 0, bytesRead);
    }
    const lines = text.split('\n');
    this.remainder = (lines.pop() ?? '').slice(-CHUNK_BYTES);
    return lines;
  }

  /** The kernel's seconds since boot as an ISO time: /proc/stat's btime is whole seconds and stable across restarts. */
  private async wallClock(secondsSinceBoot: number | null): Promise<string> {
    if (secondsSinceBoot === null) {
      return new Date().toISOString();
    }
    this.bootTimeMs ??= await readFile('/proc/stat', 'utf8').then(
      (stat) => Number(/^btime (\d+)$/m.exec(stat)?.[1] ?? Number.NaN) * 1000,
      () => Number.NaN,
    );
    const boot = Number.isFinite(this.bootTimeMs) ? this.bootTimeMs : Date.now() - uptime() * 1000;
    return new Date(boot + secondsSinceBoot * 1000).toISOString();
  }
}
