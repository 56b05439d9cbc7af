import { AppException, type AppExceptionOptions } from '@app/common';
import { HttpStatus } from '@nestjs/common';

export enum MonitoringExceptionCode {
  ALERT_RULE_NOT_FOUND = 'MONITORING.ALERT_RULE_NOT_FOUND',
  ALERT_NOT_FOUND = 'MONITORING.ALERT_NOT_FOUND',
  SILENCE_NOT_FOUND = 'MONITORING.SILENCE_NOT_FOUND',
  CHANNEL_NOT_FOUND = 'MONITORING.CHANNEL_NOT_FOUND',
  BASELINE_NOT_FOUND = 'MONITORING.BASELINE_NOT_FOUND',
  INVALID_RULE = 'MONITORING.INVALID_RULE',
  INVALID_SILENCE = 'MONITORING.INVALID_SILENCE',
  INVALID_CHANNEL = 'MONITORING.INVALID_CHANNEL',
  /** A webhook target resolves to a loopback, private or link-local address that is not allowlisted. */
  FORBIDDEN_TARGET = 'MONITORING.FORBIDDEN_TARGET',
  EMAIL_NOT_CONFIGURED = 'MONITORING.EMAIL_NOT_CONFIGURED',
  NOTIFICATION_FAILED = 'MONITORING.NOTIFICATION_FAILED',
  NOT_ENOUGH_TRAFFIC = 'MONITORING.NOT_ENOUGH_TRAFFIC',
  PROFILE_IN_PROGRESS = 'MONITORING.PROFILE_IN_PROGRESS',
  INVALID_PROFILE_DURATION = 'MONITORING.INVALID_PROFILE_DURATION',
  /** The live stream is served only to clients that ask for `text/event-stream`. */
  STREAM_NOT_ACCEPTABLE = 'MONITORING.STREAM_NOT_ACCEPTABLE',
  /** This instance serves as many live streams as it allows. */
  STREAM_CAPACITY = 'MONITORING.STREAM_CAPACITY',
  DASHBOARD_ASSET_NOT_FOUND = 'MONITORING.DASHBOARD_ASSET_NOT_FOUND',
}

const MONITORING_STATUS: Record<MonitoringExceptionCode, HttpStatus> = {
  [MonitoringExceptionCode.ALERT_RULE_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [MonitoringExceptionCode.ALERT_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [MonitoringExceptionCode.SILENCE_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [MonitoringExceptionCode.CHANNEL_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [MonitoringExceptionCode.BASELINE_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [MonitoringExceptionCode.INVALID_RULE]: HttpStatus.BAD_REQUEST,
  [MonitoringExceptionCode.INVALID_SILENCE]: HttpStatus.BAD_REQUEST,
  [MonitoringExceptionCode.INVALID_CHANNEL]: HttpStatus.BAD_REQUEST,
  [MonitoringExceptionCode.FORBIDDEN_TARGET]: HttpStatus.UNPROCESSABLE_ENTITY,
  [MonitoringExceptionCode.EMAIL_NOT_CONFIGURED]: HttpStatus.UNPROCESSABLE_ENTITY,
  [MonitoringExceptionCode.NOTIFICATION_FAILED]: HttpStatus.BAD_GATEWAY,
  [MonitoringExceptionCode.NOT_ENOUGH_TRAFFIC]: HttpStatus.CONFLICT,
  [MonitoringExceptionCode.PROFILE_IN_PROGRESS]: HttpStatus.CONFLICT,
  [MonitoringExceptionCode.INVALID_PROFILE_DURATION]: HttpStatus.BAD_REQUEST,
  [MonitoringExceptionCode.STREAM_NOT_ACCEPTABLE]: HttpStatus.NOT_ACCEPTABLE,
  [MonitoringExceptionCode.STREAM_CAPACITY]: HttpStatus.SERVICE_UNAVAILABLE,
  [MonitoringExceptionCode.DASHBOARD_ASSET_NOT_FOUND]: HttpStatus.NOT_FOUND,
};

/** Every error of the monitoring module; the table above is the one place their statuses are decided. */
export class MonitoringException extends AppException {
  constructor(code: MonitoringExceptionCode, detail: string, options?: AppExceptionOptions) {
    super(code, MONITORING_STATUS[code], detail, options);
  }
}
