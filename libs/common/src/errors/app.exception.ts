export interface FieldError {
  field: string;
  message: string;
}

export interface AppExceptionOptions {
  errors?: FieldError[];
  /** Extra response headers, e.g. `Retry-After` on a 503. */
  headers?: Record<string, string>;
  cause?: unknown;
}

/**
 * Base of every coded module exception. Services throw these (never `HttpException`); each module's
 * `<feature>.exception.ts` maps its codes to statuses in one table, and the problem+json filter renders them.
 */
export class AppException extends Error {
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;

  constructor(
    /** Namespaced code, e.g. `CDN.ASSET_NOT_FOUND`. */
    readonly code: string,
    readonly status: number,
    /** Human-readable, safe to show to the client. */
    readonly detail: string,
    options: AppExceptionOptions = {},
  ) {
    super(detail, { cause: options.cause });
    this.name = new.target.name;
    this.errors = options.errors;
    this.headers = options.headers;
  }
}
