import { AppException, type AppExceptionOptions } from '@app/common';
import { HttpStatus } from '@nestjs/common';

export enum CdnExceptionCode {
  INVALID_NAME = 'CDN.INVALID_NAME',
  EMPTY_FILE = 'CDN.EMPTY_FILE',
  UNSUPPORTED_TYPE = 'CDN.UNSUPPORTED_TYPE',
  TYPE_MISMATCH = 'CDN.TYPE_MISMATCH',
  FILE_TOO_LARGE = 'CDN.FILE_TOO_LARGE',
  REQUEST_TOO_LARGE = 'CDN.REQUEST_TOO_LARGE',
  TOO_MANY_FILES = 'CDN.TOO_MANY_FILES',
  MALFORMED_MULTIPART = 'CDN.MALFORMED_MULTIPART',
  NOT_MULTIPART = 'CDN.NOT_MULTIPART',
  IMAGE_TOO_LARGE = 'CDN.IMAGE_TOO_LARGE',
  INVALID_CONTENT = 'CDN.INVALID_CONTENT',
  INVALID_TAGS = 'CDN.INVALID_TAGS',
  ASSET_NOT_FOUND = 'CDN.ASSET_NOT_FOUND',
  METHOD_NOT_ALLOWED = 'CDN.METHOD_NOT_ALLOWED',
  NOT_ACCEPTABLE = 'CDN.NOT_ACCEPTABLE',
  RANGE_NOT_SATISFIABLE = 'CDN.RANGE_NOT_SATISFIABLE',
  PURGE_NOT_FOUND = 'CDN.PURGE_NOT_FOUND',
  INVALID_PURGE = 'CDN.INVALID_PURGE',
  STORAGE_UNAVAILABLE = 'CDN.STORAGE_UNAVAILABLE',
}

const CDN_STATUS: Record<CdnExceptionCode, HttpStatus> = {
  [CdnExceptionCode.INVALID_NAME]: HttpStatus.BAD_REQUEST,
  [CdnExceptionCode.EMPTY_FILE]: HttpStatus.BAD_REQUEST,
  [CdnExceptionCode.UNSUPPORTED_TYPE]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [CdnExceptionCode.TYPE_MISMATCH]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [CdnExceptionCode.FILE_TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
  [CdnExceptionCode.REQUEST_TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
  [CdnExceptionCode.TOO_MANY_FILES]: HttpStatus.PAYLOAD_TOO_LARGE,
  [CdnExceptionCode.MALFORMED_MULTIPART]: HttpStatus.BAD_REQUEST,
  [CdnExceptionCode.NOT_MULTIPART]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [CdnExceptionCode.IMAGE_TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
  [CdnExceptionCode.INVALID_CONTENT]: HttpStatus.UNPROCESSABLE_ENTITY,
  [CdnExceptionCode.INVALID_TAGS]: HttpStatus.BAD_REQUEST,
  [CdnExceptionCode.ASSET_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [CdnExceptionCode.METHOD_NOT_ALLOWED]: HttpStatus.METHOD_NOT_ALLOWED,
  [CdnExceptionCode.NOT_ACCEPTABLE]: HttpStatus.NOT_ACCEPTABLE,
  [CdnExceptionCode.RANGE_NOT_SATISFIABLE]: HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
  [CdnExceptionCode.PURGE_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [CdnExceptionCode.INVALID_PURGE]: HttpStatus.BAD_REQUEST,
  [CdnExceptionCode.STORAGE_UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
};

/** Every error of the CDN module; the table above is the one place their statuses are decided. */
export class CdnException extends AppException {
  constructor(code: CdnExceptionCode, detail: string, options?: AppExceptionOptions) {
    super(code, CDN_STATUS[code], detail, options);
  }
}
