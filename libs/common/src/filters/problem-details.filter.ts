import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';

import { AppException } from '../errors/app.exception.js';
import { ErrorMapperRegistry } from '../errors/error-mapper.registry.js';
import { PROBLEM_CONTENT_TYPE, problemTitle, problemType, type ProblemDetails } from '../errors/problem-details.js';
import { requestIdOf } from '../http/request-id.js';
import { toAppException } from './to-app-exception.js';

/**
 * Renders every error as RFC 9457 problem+json. 4xx are logged at warn without a stack; 5xx at error with the
 * full original error, whose message never reaches the client.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  constructor(private readonly mappers: ErrorMapperRegistry) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const error = toAppException(exception, exception instanceof AppException ? undefined : this.mappers.map(exception));
    const problem: ProblemDetails = {
      ...error.extensions,
      type: problemType(error.code),
      title: problemTitle(error.status),
      status: error.status,
      detail: error.detail,
      instance: error.instance ?? request.originalUrl.split('?')[0] ?? request.url,
      code: error.code,
      correlationId: requestIdOf(request),
      ...(error.errors ? { errors: error.errors } : {}),
    };
    this.log(problem, exception);
    if (response.headersSent) {
      response.end();
      return;
    }
    for (const [name, value] of Object.entries(error.headers ?? {})) {
      response.setHeader(name, value);
    }
    response.status(error.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private log(problem: ProblemDetails, exception: unknown): void {
    const summary = { code: problem.code, status: problem.status, instance: problem.instance, correlationId: problem.correlationId };
    if (problem.status >= 500) {
      this.logger.error({ ...summary, err: exception }, exception instanceof Error ? exception.stack : undefined);
    } else {
      this.logger.warn({ ...summary, detail: problem.detail });
    }
  }
}
