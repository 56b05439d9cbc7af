import type { PoolClient } from 'pg';

/** Called once per finished query with its text, duration and error (if it failed). */
export type QueryListener = (sql: string, ms: number, error: unknown) => void;

const INSTRUMENTED = Symbol('bulwark.instrumented');

type QueryFunction = (...args: unknown[]) => unknown;

function textOf(config: unknown): string | undefined {
  if (typeof config === 'string') {
    return config;
  }
  const text = (config as { text?: unknown } | null | undefined)?.text;
  return typeof text === 'string' ? text : undefined;
}

/**
 * Times every query `client` runs, whichever way it is called (promise or callback). pg has no query hook, so the
 * method is wrapped once per physical connection; streams and cursors (submittables) pass through untimed.
 */
export function instrumentClient(client: PoolClient, listener: QueryListener): void {
  const marked = client as PoolClient & { [INSTRUMENTED]?: true };
  if (marked[INSTRUMENTED] === true) {
    return;
  }
  marked[INSTRUMENTED] = true;
  const original = client.query.bind(client) as QueryFunction;
  const wrapped: QueryFunction = (...args) => {
    const first = args[0];
    const sql = textOf(first);
    if (sql === undefined || typeof (first as { submit?: unknown }).submit === 'function') {
      return original(...args);
    }
    const started = performance.now();
    const done = (error: unknown): void => listener(sql, performance.now() - started, error);
    const callback = args.at(-1);
    if (typeof callback === 'function') {
      args[args.length - 1] = (error: unknown, result: unknown) => {
        done(error ?? undefined);
        (callback as (error: unknown, result: unknown) => void)(error, result);
      };
      return original(...args);
    }
    const result = original(...args) as Promise<unknown>;
    result.then(
      () => done(undefined),
      (error: unknown) => done(error),
    );
    return result;
  };
  Object.assign(client, { query: wrapped });
}
