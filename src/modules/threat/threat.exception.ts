import { AppException, type AppExceptionOptions } from '@app/common';
import { HttpStatus } from '@nestjs/common';

export enum ThreatExceptionCode {
  REQUEST_BLOCKED = 'THREAT.REQUEST_BLOCKED',
  UNINSPECTABLE = 'THREAT.UNINSPECTABLE',
  EVENT_NOT_FOUND = 'THREAT.EVENT_NOT_FOUND',
  INVALID_INSPECTION = 'THREAT.INVALID_INSPECTION',
}

const THREAT_STATUS: Record<ThreatExceptionCode, HttpStatus> = {
  [ThreatExceptionCode.REQUEST_BLOCKED]: HttpStatus.FORBIDDEN,
  [ThreatExceptionCode.UNINSPECTABLE]: HttpStatus.FORBIDDEN,
  [ThreatExceptionCode.EVENT_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ThreatExceptionCode.INVALID_INSPECTION]: HttpStatus.BAD_REQUEST,
};

/** Every error of the threat module; the table above is the one place their statuses are decided. */
export class ThreatException extends AppException {
  constructor(code: ThreatExceptionCode, detail: string, options?: AppExceptionOptions) {
    super(code, THREAT_STATUS[code], detail, options);
  }
}
