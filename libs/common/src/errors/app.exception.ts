export interface FieldError {
  field: string;
  message: string;
}

/** A JSON value an RFC 9457 extension member can carry. */
export type ProblemExtensionValue = string | number | boolean | null | readonly ProblemExtensionValue[] | { readonly [member: string]: ProblemExtensionValue };

export interface AppExceptionOptions {
  errors?: FieldError[];
  /** Extra response headers, e.g. `Retry-After` on a 503. */
  headers?: Record<string, string>;
  cause?: unknown;
  /**
   * The problem's `instance` instead of the request path, for responses that must not echo the request (a path can
   * carry the very payload that was refused).
   */
  instance?: string;
  /** Extra problem members (RFC 9457 extensions), e.g. `eventId`. They never replace the standard members. */
  extensions?: Record<string, ProblemExtensionValue>;
}

/**
 * Base of every coded module exception. Services throw these (never `HttpException`); each module's
 * `<feature>.exception.ts` maps its codes to statuses in one table, and the problem+json filter renders them.
 */
export class AppException extends Error {
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;
  readonly instance?: string;
  readonly extensions?: Record<string, ProblemExtensionValue>;

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
    this.instance = options.instance;
    this.extensions = options.extensions;
  }
}
