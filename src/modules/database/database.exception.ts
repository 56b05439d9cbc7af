import { AppException, type AppExceptionOptions } from '@app/common';
import { HttpStatus } from '@nestjs/common';

export enum DatabaseExceptionCode {
  UNIQUE_VIOLATION = 'DATABASE.UNIQUE_VIOLATION',
  FOREIGN_KEY_VIOLATION = 'DATABASE.FOREIGN_KEY_VIOLATION',
  NOT_NULL_VIOLATION = 'DATABASE.NOT_NULL_VIOLATION',
  CHECK_VIOLATION = 'DATABASE.CHECK_VIOLATION',
  INVALID_VALUE = 'DATABASE.INVALID_VALUE',
  UNAVAILABLE = 'DATABASE.UNAVAILABLE',
  TIMEOUT = 'DATABASE.TIMEOUT',
  CONTENTION = 'DATABASE.CONTENTION',
  JOB_NOT_FOUND = 'DATABASE.JOB_NOT_FOUND',
  INVALID_QUEUE = 'DATABASE.INVALID_QUEUE',
}

const DATABASE_STATUS: Record<DatabaseExceptionCode, HttpStatus> = {
  [DatabaseExceptionCode.UNIQUE_VIOLATION]: HttpStatus.CONFLICT,
  [DatabaseExceptionCode.FOREIGN_KEY_VIOLATION]: HttpStatus.CONFLICT,
  [DatabaseExceptionCode.NOT_NULL_VIOLATION]: HttpStatus.BAD_REQUEST,
  [DatabaseExceptionCode.CHECK_VIOLATION]: HttpStatus.BAD_REQUEST,
  [DatabaseExceptionCode.INVALID_VALUE]: HttpStatus.BAD_REQUEST,
  [DatabaseExceptionCode.UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
  [DatabaseExceptionCode.TIMEOUT]: HttpStatus.SERVICE_UNAVAILABLE,
  [DatabaseExceptionCode.CONTENTION]: HttpStatus.SERVICE_UNAVAILABLE,
  [DatabaseExceptionCode.JOB_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [DatabaseExceptionCode.INVALID_QUEUE]: HttpStatus.BAD_REQUEST,
};

export class DatabaseException extends AppException {
  constructor(code: DatabaseExceptionCode, detail: string, options?: AppExceptionOptions) {
    super(code, DATABASE_STATUS[code], detail, options);
  }
}
