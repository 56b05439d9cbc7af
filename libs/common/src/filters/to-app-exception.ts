import { HttpException, HttpStatus } from '@nestjs/common';

import { AppException } from '../errors/app.exception.js';
import { CommonException, CommonExceptionCode } from '../errors/common.exception.js';
import { JSON_TOO_DEEP_MESSAGE } from '../http/json-depth.js';
import { FORBIDDEN_KEY_MESSAGE } from '../http/json-prototype-keys.js';

/** Parser refusals of our own, whose messages say what to fix and hold nothing of the body. */
const SAFE_PARSE_MESSAGES = [FORBIDDEN_KEY_MESSAGE, JSON_TOO_DEEP_MESSAGE];

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') {
    return response;
  }
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) {
    return message.map(String).join('; ');
  }
  return typeof message === 'string' ? message : exception.message;
}

/** Framework HttpExceptions (router 404, body-parser 400/413/415) become coded exceptions with safe details. */
function fromHttpException(exception: HttpException): AppException {
  const status = exception.getStatus();
  const { cause } = exception;
  switch (status as HttpStatus) {
    case HttpStatus.BAD_REQUEST:
      if (cause instanceof SyntaxError) {
        const safe = SAFE_PARSE_MESSAGES.some((prefix) => cause.message.startsWith(prefix));
        const detail = safe ? cause.message : 'The request body is not valid JSON.';
        return new CommonException(CommonExceptionCode.MALFORMED_BODY, detail, { cause });
      }
      // Code that recurses once per level of a body (class-transformer, the validator) can overflow the stack; the
      // depth check before parsing should refuse such a body first, so this is the answer of last resort.
      if (cause instanceof RangeError) {
        return new CommonException(CommonExceptionCode.MALFORMED_BODY, 'The request body is nested too deeply to parse.', { cause });
      }
      break;
    case HttpStatus.PAYLOAD_TOO_LARGE:
      return new CommonException(CommonExceptionCode.PAYLOAD_TOO_LARGE, 'The request body is larger than this server accepts.', { cause });
    case HttpStatus.UNSUPPORTED_MEDIA_TYPE:
      return new CommonException(CommonExceptionCode.UNSUPPORTED_MEDIA_TYPE, messageOf(exception), { cause });
    case HttpStatus.NOT_FOUND: {
      // The router's message holds the whole URL; the query string (tokens, emails) stays out of the detail.
      const routeMissing = /^Cannot (\w+) ([^?]*)(?:\?.*)?$/.exec(messageOf(exception));
      if (routeMissing) {
        return new CommonException(CommonExceptionCode.NOT_FOUND, `No route matches ${routeMissing[1]} ${routeMissing[2]}.`);
      }
      break;
    }
    default:
      break;
  }
  // Keep the framework's status (410, 422, 502…) even where no common code names it exactly.
  const code = CommonException.codeForStatus(status);
  if (status >= 500) {
    return new AppException(code, status, 'The server could not complete the request.', { cause: exception });
  }
  return new AppException(code, status, messageOf(exception), { cause });
}

/** Normalises anything thrown into a coded exception; unknown errors become a generic 500. */
export function toAppException(exception: unknown, mapped: AppException | undefined): AppException {
  if (exception instanceof AppException) {
    return exception;
  }
  if (mapped) {
    return mapped;
  }
  if (exception instanceof HttpException) {
    return fromHttpException(exception);
  }
  return new CommonException(CommonExceptionCode.INTERNAL, 'An unexpected error occurred.', { cause: exception });
}
