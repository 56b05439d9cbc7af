import { STATUS_CODES } from 'node:http';

import type { FieldError } from './app.exception.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** RFC 9457 problem details, with Bulwark's `code`, `correlationId` and `errors[]` extensions. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  correlationId: string;
  errors?: FieldError[];
}

/** Stable, dereferenceable-looking type URI per code: `COMMON.NOT_FOUND` → `.../problems/common/not-found`. */
export function problemType(code: string): string {
  const slug = code.toLowerCase().replaceAll('_', '-').replaceAll('.', '/');
  return `https://bulwark.dev/problems/${slug}`;
}

export function problemTitle(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}
