import type { Request, Response } from 'express';

import { toBatchItemView } from './asset-view.js';
import type { BatchItemResult, BatchProgress } from '../upload/asset-upload.service.js';

export function wantsEventStream(request: Request): boolean {
  return (request.headers.accept ?? '').includes('text/event-stream');
}

function event(response: Response, type: string, data: unknown): void {
  response.write(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
}

/**
 * Server-sent events for a batch: the stream opens once the whole request has been received and checked (a malformed
 * or oversized upload still gets its 4xx problem), then one `progress` event per stored file and a final `result`.
 */
export async function streamBatchProgress(
  response: Response,
  run: (onProgress: (progress: BatchProgress) => void) => Promise<BatchItemResult[]>,
): Promise<void> {
  let opened = false;
  const open = (): void => {
    if (!opened) {
      opened = true;
      response.status(200).set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no' });
      response.flushHeaders();
    }
  };
  try {
    const items = await run((progress) => {
      open();
      event(response, 'progress', { done: progress.done, total: progress.total, item: toBatchItemView(progress.item) });
    });
    open();
    event(response, 'result', { items: items.map(toBatchItemView) });
    response.end();
  } catch (error) {
    if (!opened) {
      throw error;
    }
    event(response, 'error', { detail: 'The batch failed part-way; files reported above were stored.' });
    response.end();
  }
}
