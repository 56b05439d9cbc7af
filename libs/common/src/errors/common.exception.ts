import { HttpStatus } from '@nestjs/common';

import { AppException, type AppExceptionOptions } from './app.exception.js';

export enum CommonExceptionCode {
  BAD_REQUEST = 'COMMON.BAD_REQUEST',
  VALIDATION_FAILED = 'COMMON.VALIDATION_FAILED',
  MALFORMED_BODY = 'COMMON.MALFORMED_BODY',
  INVALID_CURSOR = 'COMMON.INVALID_CURSOR',
  UNAUTHORIZED = 'COMMON.UNAUTHORIZED',
  FORBIDDEN = 'COMMON.FORBIDDEN',
  NOT_FOUND = 'COMMON.NOT_FOUND',
  METHOD_NOT_ALLOWED = 'COMMON.METHOD_NOT_ALLOWED',
  NOT_ACCEPTABLE = 'COMMON.NOT_ACCEPTABLE',
  CONFLICT = 'COMMON.CONFLICT',
  PAYLOAD_TOO_LARGE = 'COMMON.PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'COMMON.UNSUPPORTED_MEDIA_TYPE',
  URI_TOO_LONG = 'COMMON.URI_TOO_LONG',
  HEADERS_TOO_LARGE = 'COMMON.HEADERS_TOO_LARGE',
  TOO_MANY_REQUESTS = 'COMMON.TOO_MANY_REQUESTS',
  INTERNAL = 'COMMON.INTERNAL',
  SERVICE_UNAVAILABLE = 'COMMON.SERVICE_UNAVAILABLE',
}

const COMMON_STATUS: Record<CommonExceptionCode, HttpStatus> = {
  [CommonExceptionCode.BAD_REQUEST]: HttpStatus.BAD_REQUEST,
  [CommonExceptionCode.VALIDATION_FAILED]: HttpStatus.BAD_REQUEST,
  [CommonExceptionCode.MALFORMED_BODY]: HttpStatus.BAD_REQUEST,
  [CommonExceptionCode.INVALID_CURSOR]: HttpStatus.BAD_REQUEST,
  [CommonExceptionCode.UNAUTHORIZED]: HttpStatus.UNAUTHORIZED,
  [CommonExceptionCode.FORBIDDEN]: HttpStatus.FORBIDDEN,
  [CommonExceptionCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [CommonExceptionCode.METHOD_NOT_ALLOWED]: HttpStatus.METHOD_NOT_ALLOWED,
  [CommonExceptionCode.NOT_ACCEPTABLE]: HttpStatus.NOT_ACCEPTABLE,
  [CommonExceptionCode.CONFLICT]: HttpStatus.CONFLICT,
  [CommonExceptionCode.PAYLOAD_TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
  [CommonExceptionCode.UNSUPPORTED_MEDIA_TYPE]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [CommonExceptionCode.URI_TOO_LONG]: HttpStatus.URI_TOO_LONG,
  [CommonExceptionCode.HEADERS_TOO_LARGE]: 431 as HttpStatus,
  [CommonExceptionCode.TOO_MANY_REQUESTS]: HttpStatus.TOO_MANY_REQUESTS,
  [CommonExceptionCode.INTERNAL]: HttpStatus.INTERNAL_SERVER_ERROR,
  [CommonExceptionCode.SERVICE_UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
};

/** The generic code for each status; the specific 400s (validation, body, cursor) are never chosen by status. */
const CODE_FOR_STATUS = new Map<number, CommonExceptionCode>(
  [
    CommonExceptionCode.BAD_REQUEST,
    CommonExceptionCode.UNAUTHORIZED,
    CommonExceptionCode.FORBIDDEN,
    CommonExceptionCode.NOT_FOUND,
    CommonExceptionCode.METHOD_NOT_ALLOWED,
    CommonExceptionCode.NOT_ACCEPTABLE,
    CommonExceptionCode.CONFLICT,
    CommonExceptionCode.PAYLOAD_TOO_LARGE,
    CommonExceptionCode.UNSUPPORTED_MEDIA_TYPE,
    CommonExceptionCode.URI_TOO_LONG,
    CommonExceptionCode.HEADERS_TOO_LARGE,
    CommonExceptionCode.TOO_MANY_REQUESTS,
    CommonExceptionCode.INTERNAL,
    CommonExceptionCode.SERVICE_UNAVAILABLE,
  ].map((code) => [COMMON_STATUS[code], code]),
);

/** Errors of the HTTP pipeline itself, shared by every module. */
export class CommonException extends AppException {
  constructor(code: CommonExceptionCode, detail: string, options?: AppExceptionOptions) {
    super(code, COMMON_STATUS[code], detail, options);
  }

  /** The common code for a bare HTTP status (used for framework errors such as router 404s). */
  static codeForStatus(status: number): CommonExceptionCode {
    return CODE_FOR_STATUS.get(status) ?? (status >= 500 ? CommonExceptionCode.INTERNAL : CommonExceptionCode.BAD_REQUEST);
  }
}
