import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  HttpException,
  HttpStatus,
  NotFoundException,
  PayloadTooLargeException,
  ServiceUnavailableException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';

import { AppException } from '../errors/app.exception.js';
import { CommonException, CommonExceptionCode } from '../errors/common.exception.js';
import { JSON_TOO_DEEP_MESSAGE } from '../http/json-depth.js';
import { toAppException } from './to-app-exception.js';

describe('toAppException', () => {
  it('passes an AppException through unchanged, with its status, code, errors and headers', () => {
    const original = new AppException('TEST.RATE_LIMITED', 429, 'Slow down.', {
      errors: [{ field: 'name', message: 'is taken' }],
      headers: { 'Retry-After': '30' },
    });

    const result = toAppException(original, undefined);

    expect(result).toBe(original);
    expect(result).toMatchObject({
      code: 'TEST.RATE_LIMITED',
      status: 429,
      detail: 'Slow down.',
      errors: [{ field: 'name', message: 'is taken' }],
      headers: { 'Retry-After': '30' },
    });
  });

  it('prefers the AppException itself over a mapped one', () => {
    const original = new AppException('TEST.ORIGINAL', 400, 'original');
    const mapped = new AppException('TEST.MAPPED', 409, 'mapped');

    expect(toAppException(original, mapped)).toBe(original);
  });

  it('uses the mapped exception for an error a mapper recognised', () => {
    const mapped = new AppException('TEST.MAPPED', 409, 'mapped');

    expect(toAppException(new Error('duplicate key'), mapped)).toBe(mapped);
  });

  it('turns a router 404 into COMMON.NOT_FOUND naming the method and path', () => {
    const result = toAppException(new NotFoundException('Cannot GET /x'), undefined);

    expect(result).toBeInstanceOf(CommonException);
    expect(result).toMatchObject({ code: CommonExceptionCode.NOT_FOUND, status: 404, detail: 'No route matches GET /x.' });
  });

  it('leaves the query string (which may carry secrets) out of a router 404 detail', () => {
    const result = toAppException(new NotFoundException('Cannot POST /x/y?token=s3cret&a=b'), undefined);

    expect(result.detail).toBe('No route matches POST /x/y.');
    expect(result.detail).not.toContain('s3cret');
  });

  it('keeps the message of a 404 thrown by a handler', () => {
    const result = toAppException(new NotFoundException('Widget 7 does not exist'), undefined);

    expect(result).toMatchObject({ code: CommonExceptionCode.NOT_FOUND, status: 404, detail: 'Widget 7 does not exist' });
  });

  it('turns a 400 caused by a SyntaxError into COMMON.MALFORMED_BODY without the parser message', () => {
    const cause = new SyntaxError('Unexpected token } in JSON at position 12');

    const result = toAppException(new BadRequestException('Unexpected token } in JSON at position 12', { cause }), undefined);

    expect(result).toMatchObject({ code: CommonExceptionCode.MALFORMED_BODY, status: 400, detail: 'The request body is not valid JSON.' });
    expect(result.cause).toBe(cause);
  });

  it('keeps the message of our own parser refusals, such as a body nested too deep', () => {
    const cause = new SyntaxError(`${JSON_TOO_DEEP_MESSAGE} 64 levels.`);

    const result = toAppException(new BadRequestException(cause.message, { cause }), undefined);

    expect(result).toMatchObject({ code: CommonExceptionCode.MALFORMED_BODY, status: 400, detail: 'The JSON body is nested deeper than 64 levels.' });
  });

  // Found by the API fuzzer: a JSON body 20,000 arrays deep answered 400 with "Maximum call stack size exceeded".
  it('turns a 400 caused by a RangeError (a body nested past the stack) into COMMON.MALFORMED_BODY without the engine message', () => {
    const cause = new RangeError('Maximum call stack size exceeded');

    const result = toAppException(new BadRequestException('Maximum call stack size exceeded', { cause }), undefined);

    expect(result).toMatchObject({ code: CommonExceptionCode.MALFORMED_BODY, status: 400, detail: 'The request body is nested too deeply to parse.' });
    expect(result.cause).toBe(cause);
  });

  it('turns any other 400 into COMMON.BAD_REQUEST with its message', () => {
    const result = toAppException(new BadRequestException('limit must be a number'), undefined);

    expect(result).toMatchObject({ code: CommonExceptionCode.BAD_REQUEST, status: 400, detail: 'limit must be a number' });
  });

  it('joins a list of messages', () => {
    const result = toAppException(new BadRequestException(['a is wrong', 'b is wrong']), undefined);

    expect(result.detail).toBe('a is wrong; b is wrong');
  });

  it('turns a 413 into COMMON.PAYLOAD_TOO_LARGE', () => {
    const result = toAppException(new PayloadTooLargeException('request entity too large'), undefined);

    expect(result).toMatchObject({
      code: CommonExceptionCode.PAYLOAD_TOO_LARGE,
      status: 413,
      detail: 'The request body is larger than this server accepts.',
    });
  });

  it('turns a 415 into COMMON.UNSUPPORTED_MEDIA_TYPE with its message', () => {
    const result = toAppException(new UnsupportedMediaTypeException('Unsupported charset "UTF-7"'), undefined);

    expect(result).toMatchObject({ code: CommonExceptionCode.UNSUPPORTED_MEDIA_TYPE, status: 415, detail: 'Unsupported charset "UTF-7"' });
  });

  it.each([
    [new ForbiddenException('no'), CommonExceptionCode.FORBIDDEN, 403],
    [new ConflictException('taken'), CommonExceptionCode.CONFLICT, 409],
    [new HttpException('slow down', HttpStatus.TOO_MANY_REQUESTS), CommonExceptionCode.TOO_MANY_REQUESTS, 429],
    [new HttpException('nope', HttpStatus.METHOD_NOT_ALLOWED), CommonExceptionCode.METHOD_NOT_ALLOWED, 405],
  ])('gives %p the common code for its status', (exception, code, status) => {
    expect(toAppException(exception, undefined)).toMatchObject({ code, status });
  });

  it('hides the message of a 5xx HttpException', () => {
    const exception = new ServiceUnavailableException('upstream 10.0.0.7 refused');

    const result = toAppException(exception, undefined);

    expect(result).toMatchObject({
      code: CommonExceptionCode.SERVICE_UNAVAILABLE,
      status: 503,
      detail: 'The server could not complete the request.',
    });
    expect(result.cause).toBe(exception);
  });

  it('turns an unknown Error into a 500 COMMON.INTERNAL whose detail does not leak its message', () => {
    const error = new Error('password authentication failed for user "admin"');

    const result = toAppException(error, undefined);

    expect(result).toMatchObject({ code: CommonExceptionCode.INTERNAL, status: 500 });
    expect(result.detail).not.toContain('password');
    expect(result.detail).not.toContain('admin');
    expect(result.cause).toBe(error);
  });

  it.each([['a string'], [undefined], [null], [{ message: 'object' }]])('turns a thrown non-Error %p into a 500', (thrown) => {
    expect(toAppException(thrown, undefined)).toMatchObject({ code: CommonExceptionCode.INTERNAL, status: 500 });
  });

  describe('statuses without a common code of their own', () => {
    it.each([
      [410, 'COMMON.BAD_REQUEST'],
      [422, 'COMMON.BAD_REQUEST'],
      [502, 'COMMON.INTERNAL'],
    ])('keeps %i and uses the generic %s code', (status, code) => {
      const mapped = toAppException(new HttpException('nope', status), undefined);
      expect(mapped.status).toBe(status);
      expect(mapped.code).toBe(code);
    });
  });
});
