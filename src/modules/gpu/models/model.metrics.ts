import { MetricsRegistry } from '@app/common';
import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';

export type ModelUploadResult = 'created' | 'existing' | 'too_large' | 'invalid';

/** `bulwark_gpu_model_uploads_total{result}`: how uploads end, refused ones included. */
@Injectable()
export class ModelMetrics {
  private readonly uploads: Counter<'result'>;

  constructor(registry: MetricsRegistry) {
    this.uploads = new Counter({
      name: 'bulwark_gpu_model_uploads_total',
      help: 'ONNX model uploads by outcome: created, existing (same bytes as an earlier upload), too_large, invalid.',
      labelNames: ['result'],
      registers: [registry],
    });
  }

  uploaded(result: ModelUploadResult): void {
    this.uploads.inc({ result });
  }
}
