import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** test/fixtures/gpu: nvidia-smi and dcgm-exporter output in NVIDIA's documented formats. */
export const GPU_FIXTURES = fileURLToPath(new URL('../fixtures/gpu/', import.meta.url));

export type FakeNvidiaSmiScenario =
  | 'nvidia-smi'
  | 'nvidia-smi-na'
  | 'nvidia-smi-mig'
  | 'nvidia-smi-no-devices'
  | 'nvidia-smi-exit-9'
  | 'nvidia-smi-exit-12'
  | 'nvidia-smi-exit-15'
  | 'nvidia-smi-exit-255'
  | 'nvidia-smi-hang';

/** The recorded-output nvidia-smi for a scenario (test/fixtures/gpu/bin), to use as GPU_NVIDIA_SMI_PATH. */
export const fakeNvidiaSmi = (scenario: FakeNvidiaSmiScenario = 'nvidia-smi'): string => `${GPU_FIXTURES}bin/${scenario}`;

/** A fixture's text, by path under test/fixtures/gpu (`nvidia-smi/h100-2gpus.csv`, `dcgm/dcgm-exporter.txt`). */
export const readGpuFixture = (path: string): string => readFileSync(`${GPU_FIXTURES}${path}`, 'utf8');
