import { AppException } from './app.exception.js';
import { CommonException, CommonExceptionCode } from './common.exception.js';

describe(CommonException.name, () => {
  describe('constructor', () => {
    it.each([
      [CommonExceptionCode.VALIDATION_FAILED, 400],
      [CommonExceptionCode.INVALID_CURSOR, 400],
      [CommonExceptionCode.UNAUTHORIZED, 401],
      [CommonExceptionCode.NOT_FOUND, 404],
      [CommonExceptionCode.PAYLOAD_TOO_LARGE, 413],
      [CommonExceptionCode.UNSUPPORTED_MEDIA_TYPE, 415],
      [CommonExceptionCode.TOO_MANY_REQUESTS, 429],
      [CommonExceptionCode.INTERNAL, 500],
      [CommonExceptionCode.SERVICE_UNAVAILABLE, 503],
    ])('gives %s the status %d', (code, status) => {
      const exception = new CommonException(code, 'detail');

      expect(exception).toBeInstanceOf(AppException);
      expect(exception.status).toBe(status);
      expect(exception.code).toBe(code);
    });

    it('keeps errors, headers and cause', () => {
      const cause = new Error('root');
      const exception = new CommonException(CommonExceptionCode.TOO_MANY_REQUESTS, 'Slow down.', {
        errors: [{ field: 'x', message: 'y' }],
        headers: { 'Retry-After': '1' },
        cause,
      });

      expect(exception).toMatchObject({ detail: 'Slow down.', message: 'Slow down.', name: 'CommonException' });
      expect(exception.errors).toEqual([{ field: 'x', message: 'y' }]);
      expect(exception.headers).toEqual({ 'Retry-After': '1' });
      expect(exception.cause).toBe(cause);
    });
  });

  describe('codeForStatus', () => {
    it.each([
      [400, CommonExceptionCode.BAD_REQUEST],
      [401, CommonExceptionCode.UNAUTHORIZED],
      [403, CommonExceptionCode.FORBIDDEN],
      [404, CommonExceptionCode.NOT_FOUND],
      [405, CommonExceptionCode.METHOD_NOT_ALLOWED],
      [406, CommonExceptionCode.NOT_ACCEPTABLE],
      [409, CommonExceptionCode.CONFLICT],
      [413, CommonExceptionCode.PAYLOAD_TOO_LARGE],
      [415, CommonExceptionCode.UNSUPPORTED_MEDIA_TYPE],
      [429, CommonExceptionCode.TOO_MANY_REQUESTS],
      [500, CommonExceptionCode.INTERNAL],
      [503, CommonExceptionCode.SERVICE_UNAVAILABLE],
    ])('maps %d to %s', (status, code) => {
      expect(CommonException.codeForStatus(status)).toBe(code);
    });

    it('never picks one of the specific 400 codes for a bare 400', () => {
      expect(CommonException.codeForStatus(400)).toBe(CommonExceptionCode.BAD_REQUEST);
    });

    it.each([
      [418, CommonExceptionCode.BAD_REQUEST],
      [422, CommonExceptionCode.BAD_REQUEST],
      [502, CommonExceptionCode.INTERNAL],
      [504, CommonExceptionCode.INTERNAL],
    ])('falls back for the unlisted status %d to %s', (status, code) => {
      expect(CommonException.codeForStatus(status)).toBe(code);
    });
  });
});
