// Types of sse-reader.js, the page's own script, so the server's tests can read the stream with the same parser.

export interface SseEvent {
  type: string;
  data: string;
  id: string;
}

export declare class SseParser {
  constructor(onEvent: (event: SseEvent) => void);
  lastEventId: string;
  retry: number | null;
  push(text: string): void;
}

export declare function readEventStream(body: ReadableStream<Uint8Array>, parser: SseParser): Promise<void>;
