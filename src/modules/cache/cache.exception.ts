import { AppException, type AppExceptionOptions } from '@app/common';
import { HttpStatus } from '@nestjs/common';

export enum CacheExceptionCode {
  INVALID_KEY = 'CACHE.INVALID_KEY',
  INVALID_NAMESPACE = 'CACHE.INVALID_NAMESPACE',
  INVALID_TAG = 'CACHE.INVALID_TAG',
  INVALID_PATTERN = 'CACHE.INVALID_PATTERN',
  INVALID_OPTIONS = 'CACHE.INVALID_OPTIONS',
  VALUE_NOT_CACHEABLE = 'CACHE.VALUE_NOT_CACHEABLE',
  VALUE_TOO_LARGE = 'CACHE.VALUE_TOO_LARGE',
  ENTRY_NOT_FOUND = 'CACHE.ENTRY_NOT_FOUND',
  LOADER_TIMEOUT = 'CACHE.LOADER_TIMEOUT',
}

const CACHE_STATUS: Record<CacheExceptionCode, HttpStatus> = {
  [CacheExceptionCode.INVALID_KEY]: HttpStatus.BAD_REQUEST,
  [CacheExceptionCode.INVALID_NAMESPACE]: HttpStatus.BAD_REQUEST,
  [CacheExceptionCode.INVALID_TAG]: HttpStatus.BAD_REQUEST,
  [CacheExceptionCode.INVALID_PATTERN]: HttpStatus.BAD_REQUEST,
  [CacheExceptionCode.INVALID_OPTIONS]: HttpStatus.BAD_REQUEST,
  [CacheExceptionCode.VALUE_NOT_CACHEABLE]: HttpStatus.BAD_REQUEST,
  [CacheExceptionCode.VALUE_TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
  [CacheExceptionCode.ENTRY_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [CacheExceptionCode.LOADER_TIMEOUT]: HttpStatus.GATEWAY_TIMEOUT,
};

/** Every error of the cache module; the table above is the one place their statuses are decided. */
export class CacheException extends AppException {
  constructor(code: CacheExceptionCode, detail: string, options?: AppExceptionOptions) {
    super(code, CACHE_STATUS[code], detail, options);
  }
}
