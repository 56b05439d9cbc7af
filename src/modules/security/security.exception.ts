import { AppException, type AppExceptionOptions } from '@app/common';
import { HttpStatus } from '@nestjs/common';

export enum SecurityExceptionCode {
  UNAUTHENTICATED = 'SECURITY.UNAUTHENTICATED',
  INVALID_CREDENTIALS = 'SECURITY.INVALID_CREDENTIALS',
  INVALID_API_KEY = 'SECURITY.INVALID_API_KEY',
  API_KEY_IN_QUERY = 'SECURITY.API_KEY_IN_QUERY',
  INVALID_TOKEN = 'SECURITY.INVALID_TOKEN',
  REFRESH_TOKEN_REUSED = 'SECURITY.REFRESH_TOKEN_REUSED',
  INSUFFICIENT_SCOPE = 'SECURITY.INSUFFICIENT_SCOPE',
  FORBIDDEN_ROLE = 'SECURITY.FORBIDDEN_ROLE',
  IP_BLOCKED = 'SECURITY.IP_BLOCKED',
  RATE_LIMITED = 'SECURITY.RATE_LIMITED',
  RATE_LIMIT_STORE_UNAVAILABLE = 'SECURITY.RATE_LIMIT_STORE_UNAVAILABLE',
  LOGIN_THROTTLED = 'SECURITY.LOGIN_THROTTLED',
  WEAK_PASSWORD = 'SECURITY.WEAK_PASSWORD',
  API_KEY_NOT_FOUND = 'SECURITY.API_KEY_NOT_FOUND',
  USER_NOT_FOUND = 'SECURITY.USER_NOT_FOUND',
  IP_BLOCK_NOT_FOUND = 'SECURITY.IP_BLOCK_NOT_FOUND',
  INVALID_CIDR = 'SECURITY.INVALID_CIDR',
  AUDIT_EVENT_INVALID = 'SECURITY.AUDIT_EVENT_INVALID',
  DECRYPTION_FAILED = 'SECURITY.DECRYPTION_FAILED',
}

const SECURITY_STATUS: Record<SecurityExceptionCode, HttpStatus> = {
  [SecurityExceptionCode.UNAUTHENTICATED]: HttpStatus.UNAUTHORIZED,
  [SecurityExceptionCode.INVALID_CREDENTIALS]: HttpStatus.UNAUTHORIZED,
  [SecurityExceptionCode.INVALID_API_KEY]: HttpStatus.UNAUTHORIZED,
  [SecurityExceptionCode.API_KEY_IN_QUERY]: HttpStatus.BAD_REQUEST,
  [SecurityExceptionCode.INVALID_TOKEN]: HttpStatus.UNAUTHORIZED,
  [SecurityExceptionCode.REFRESH_TOKEN_REUSED]: HttpStatus.UNAUTHORIZED,
  [SecurityExceptionCode.INSUFFICIENT_SCOPE]: HttpStatus.FORBIDDEN,
  [SecurityExceptionCode.FORBIDDEN_ROLE]: HttpStatus.FORBIDDEN,
  [SecurityExceptionCode.IP_BLOCKED]: HttpStatus.FORBIDDEN,
  [SecurityExceptionCode.RATE_LIMITED]: HttpStatus.TOO_MANY_REQUESTS,
  [SecurityExceptionCode.RATE_LIMIT_STORE_UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
  [SecurityExceptionCode.LOGIN_THROTTLED]: HttpStatus.TOO_MANY_REQUESTS,
  [SecurityExceptionCode.WEAK_PASSWORD]: HttpStatus.BAD_REQUEST,
  [SecurityExceptionCode.API_KEY_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [SecurityExceptionCode.USER_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [SecurityExceptionCode.IP_BLOCK_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [SecurityExceptionCode.INVALID_CIDR]: HttpStatus.BAD_REQUEST,
  [SecurityExceptionCode.AUDIT_EVENT_INVALID]: HttpStatus.BAD_REQUEST,
  [SecurityExceptionCode.DECRYPTION_FAILED]: HttpStatus.BAD_REQUEST,
};

/** Every error of the security module; the table above is the one place their statuses are decided. */
export class SecurityException extends AppException {
  constructor(code: SecurityExceptionCode, detail: string, options?: AppExceptionOptions) {
    super(code, SECURITY_STATUS[code], detail, options);
  }
}
