import type { ExecutionContext } from '@nestjs/common';

import { Accepts } from '../decorators/accepts.decorator.js';
import { CommonException, CommonExceptionCode } from '../errors/common.exception.js';
import { MemoizedReflector } from '../metadata/memoized-reflector.js';
import { ContentTypeGuard } from './content-type.guard.js';

class JsonController {
  create(): void {}
}

class UploadController {
  @Accepts('multipart/form-data')
  upload(): void {}
}

@Accepts('text/plain')
class TextController {
  write(): void {}

  @Accepts('application/json')
  writeJson(): void {}
}

function contextFor(headers: Record<string, string>, controller: object, handler: () => void): ExecutionContext {
  const request = { headers };
  return {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => request }),
    getHandler: () => handler,
    getClass: () => controller,
  } as unknown as ExecutionContext;
}

function withBody(contentType?: string, length = '12'): Record<string, string> {
  return { 'content-length': length, ...(contentType === undefined ? {} : { 'content-type': contentType }) };
}

function rejectionOf(guard: ContentTypeGuard, context: ExecutionContext): CommonException {
  try {
    guard.canActivate(context);
  } catch (error) {
    if (error instanceof CommonException) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the guard to reject');
}

describe(ContentTypeGuard.name, () => {
  const guard = new ContentTypeGuard(new MemoizedReflector());
  const json = JsonController.prototype;
  const upload = UploadController.prototype;
  const text = TextController.prototype;

  describe('canActivate', () => {
    it.each(['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/merge-patch+json'])(
      'accepts a %p body by default',
      (contentType) => {
        expect(guard.canActivate(contextFor(withBody(contentType), JsonController, json.create))).toBe(true);
      },
    );

    it('rejects a text/plain body with a 415 COMMON.UNSUPPORTED_MEDIA_TYPE', () => {
      const error = rejectionOf(guard, contextFor(withBody('text/plain'), JsonController, json.create));

      expect(error.code).toBe(CommonExceptionCode.UNSUPPORTED_MEDIA_TYPE);
      expect(error.status).toBe(415);
      expect(error.detail).toBe('Content-Type text/plain is not accepted here; use application/json or application/*+json.');
    });

    it('rejects a chunked body of the wrong type', () => {
      const headers = { 'transfer-encoding': 'chunked', 'content-type': 'application/x-www-form-urlencoded' };

      expect(rejectionOf(guard, contextFor(headers, JsonController, json.create)).status).toBe(415);
    });

    it('rejects a body without a Content-Type', () => {
      const error = rejectionOf(guard, contextFor(withBody(), JsonController, json.create));

      expect(error.detail).toMatch(/^Content-Type none is not accepted here/);
    });

    it('lets a request without a body through whatever its Content-Type', () => {
      expect(guard.canActivate(contextFor({ 'content-type': 'text/plain' }, JsonController, json.create))).toBe(true);
    });

    it('lets an empty body (Content-Length: 0) through', () => {
      expect(guard.canActivate(contextFor(withBody('text/plain', '0'), JsonController, json.create))).toBe(true);
    });

    it('honours @Accepts on the handler', () => {
      const context = contextFor(withBody('multipart/form-data; boundary=----x'), UploadController, upload.upload);

      expect(guard.canActivate(context)).toBe(true);
    });

    it('rejects JSON on a handler that accepts only multipart/form-data', () => {
      const error = rejectionOf(guard, contextFor(withBody('application/json'), UploadController, upload.upload));

      expect(error.detail).toBe('Content-Type application/json is not accepted here; use multipart/form-data.');
    });

    it('honours @Accepts on the controller class', () => {
      expect(guard.canActivate(contextFor(withBody('text/plain'), TextController, text.write))).toBe(true);
      expect(rejectionOf(guard, contextFor(withBody('application/json'), TextController, text.write)).status).toBe(415);
    });

    it('lets the handler’s @Accepts override the class’s', () => {
      expect(guard.canActivate(contextFor(withBody('application/json'), TextController, text.writeJson))).toBe(true);
      expect(rejectionOf(guard, contextFor(withBody('text/plain'), TextController, text.writeJson)).status).toBe(415);
    });

    it('ignores contexts that are not HTTP', () => {
      const context = {
        getType: () => 'rpc',
        switchToHttp: () => {
          throw new Error('must not read an HTTP request');
        },
      } as unknown as ExecutionContext;

      expect(guard.canActivate(context)).toBe(true);
    });
  });
});
