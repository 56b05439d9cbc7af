/** One device as its latest reading saw it. */
export interface GpuDeviceSummary {
  uuid: string;
  model: string;
  host: string;
  utilisation: number | null;
  memoryUsedBytes: number | null;
  powerWatts: number | null;
  temperatureCelsius: number | null;
}

/** The GPUs this instance has readings for (pushed, nvidia-smi or DCGM), from the GPU module's gauges. */
export interface GpuSummary {
  devices: number;
  /** Mean and highest utilisation (0–1) over the devices that report one. */
  utilisationMean: number | null;
  utilisationMax: number | null;
  memoryUsedBytes: number | null;
  powerWatts: number | null;
  temperatureMaxCelsius: number | null;
  /** Open optimisation recommendations at this instance's last evaluation (0 before it ran); null without the recommendations feature. */
  openRecommendations: number | null;
  /** Busiest devices first, at most GPU_SUMMARY_DEVICES of them. */
  busiest: GpuDeviceSummary[];
  devicesOmitted: number;
}

export const GPU_SUMMARY_DEVICES = 8;
