import { decodeCursor, toPage, type Page } from '@app/common';
import { Injectable } from '@nestjs/common';

import { GpuException, GpuExceptionCode } from '../gpu.exception.js';
import { GpuReadRepository } from './gpu-read.repository.js';
import type { GpuDeviceView, GpuEventView, GpuMetricsView, GpuProcessView } from './gpu-views.js';

/** A series answers at most this many points; a longer range needs a larger step. */
export const MAX_METRIC_POINTS = 1_500;
/** Steps of a minute or more read the 1-minute rollups; shorter ones bucket raw samples. */
export const ROLLUP_STEP_SECONDS = 60;

export interface MetricsQuery {
  from: Date;
  to: Date;
  step: number;
}

/** Devices, metric series, processes and events for the read API. */
@Injectable()
export class GpuQueryService {
  constructor(private readonly reads: GpuReadRepository) {}

  async listDevices(limit: number, cursor?: string): Promise<Page<GpuDeviceView>> {
    const after = cursor === undefined ? undefined : String(decodeCursor(cursor, ['uuid']).uuid);
    const rows = await this.reads.findDevices(limit + 1, after);
    return toPage(rows, limit, (device) => ({ uuid: device.uuid }));
  }

  async getDeviceOrThrow(id: string): Promise<GpuDeviceView> {
    const device = await this.reads.findDevice(id);
    if (!device) {
      throw new GpuException(GpuExceptionCode.DEVICE_NOT_FOUND, `No GPU device with id ${id}.`);
    }
    return device;
  }

  async metrics(deviceId: string, query: MetricsQuery): Promise<GpuMetricsView> {
    await this.getDeviceOrThrow(deviceId);
    const { from, to, step } = query;
    const span = (to.getTime() - from.getTime()) / 1_000;
    if (!(span > 0)) {
      throw new GpuException(GpuExceptionCode.INVALID_RANGE, '`from` must be before `to`.');
    }
    if (span / step > MAX_METRIC_POINTS) {
      throw new GpuException(
        GpuExceptionCode.INVALID_RANGE,
        `${Math.ceil(span / step)} points asked for; at most ${MAX_METRIC_POINTS}: use a step of at least ${Math.ceil(span / MAX_METRIC_POINTS)} s.`,
      );
    }
    const source = step >= ROLLUP_STEP_SECONDS ? 'rollup' : 'raw';
    const points = await this.reads.findMetricPoints(deviceId, from, to, step, source);
    return { deviceId, from: from.toISOString(), to: to.toISOString(), step, source, points };
  }

  async processes(deviceId: string): Promise<GpuProcessView[]> {
    await this.getDeviceOrThrow(deviceId);
    return this.reads.findProcesses(deviceId);
  }

  async listEvents(filter: { deviceId?: string; kind?: string }, limit: number, cursor?: string): Promise<Page<GpuEventView>> {
    const before = cursor === undefined ? undefined : decodeCursor(cursor, ['at', 'id']);
    const rows = await this.reads.findEvents(filter, limit + 1, before && { at: String(before.at), id: String(before.id) });
    return toPage(rows, limit, (event) => ({ at: event.at, id: event.id }));
  }
}
