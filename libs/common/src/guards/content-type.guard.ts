import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import typeIs from 'type-is';

import { ACCEPTS_KEY, JSON_MEDIA_TYPES } from '../decorators/accepts.decorator.js';
import { CommonException, CommonExceptionCode } from '../errors/common.exception.js';
import { MemoizedReflector } from '../metadata/memoized-reflector.js';

/** Rejects a request body of a media type the route does not accept with 415, before any parsing of it matters. */
@Injectable()
export class ContentTypeGuard implements CanActivate {
  constructor(private readonly reflector: MemoizedReflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') {
      return true;
    }
    const request = context.switchToHttp().getRequest<Request>();
    if (!typeIs.hasBody(request) || request.headers['content-length'] === '0') {
      return true;
    }
    const accepted =
      this.reflector.getAllAndOverride<string[] | undefined>(ACCEPTS_KEY, [context.getHandler(), context.getClass()]) ??
      JSON_MEDIA_TYPES;
    if (typeIs(request, accepted) === false) {
      const given = request.headers['content-type'] ?? 'none';
      throw new CommonException(
        CommonExceptionCode.UNSUPPORTED_MEDIA_TYPE,
        `Content-Type ${given} is not accepted here; use ${accepted.join(' or ')}.`,
      );
    }
    return true;
  }
}
