import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  seconds: number;
  connections?: number;
  /** Requests per second over all connections; unset: as fast as the server answers. */
  rate?: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  requests: number;
  rps: number;
  /** Responses by status code. */
  statuses: Record<string, number>;
  /** Requests that got no response at all (reset, refused, timed out). */
  errors: number;
  timeouts: number;
  p99Ms: number;
}

/** Bounded load from autocannon; every response is counted by status, every failure to answer by kind. */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const statuses: Record<string, number> = {};
  const instance = autocannon({
    body: options.body,
    connections: options.connections ?? 8,
    duration: options.seconds,
    headers: options.headers,
    method: options.method ?? 'GET',
    overallRate: options.rate,
    timeout: 10,
    url: options.url,
  });
  instance.on('response', (_client: unknown, statusCode: number) => {
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
  const result = await instance;
  return {
    errors: result.errors,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    rps: result.requests.total / options.seconds,
    statuses,
    timeouts: result.timeouts,
  };
}

/** Runs `during` while `load` runs, starting it after `afterMs`. */
export async function loadWhile<T>(options: LoadOptions, afterMs: number, during: () => Promise<T>): Promise<{ load: LoadResult; value: T }> {
  const running = load(options);
  await new Promise((resolve) => setTimeout(resolve, afterMs));
  const value = await during();
  return { load: await running, value };
}
