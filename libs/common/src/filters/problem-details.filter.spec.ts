import { jest } from '@jest/globals';
import { NotFoundException, type ArgumentsHost, type Logger } from '@nestjs/common';
import type { Request, Response } from 'express';

import { AppException } from '../errors/app.exception.js';
import { CommonExceptionCode } from '../errors/common.exception.js';
import { ErrorMapperRegistry } from '../errors/error-mapper.registry.js';
import { ProblemDetailsFilter } from './problem-details.filter.js';

interface FakeResponse {
  headersSent: boolean;
  headers: Record<string, string>;
  statusCode?: number;
  contentType?: string;
  body?: string;
  ended: boolean;
  setHeader: (name: string, value: string) => FakeResponse;
  status: (code: number) => FakeResponse;
  type: (type: string) => FakeResponse;
  send: (body: string) => FakeResponse;
  end: () => FakeResponse;
}

function fakeResponse(headersSent = false): FakeResponse {
  const response: FakeResponse = {
    headersSent,
    headers: {},
    ended: false,
    setHeader: (name, value) => {
      response.headers[name] = value;
      return response;
    },
    status: (code) => {
      response.statusCode = code;
      return response;
    },
    type: (type) => {
      response.contentType = type;
      return response;
    },
    send: (body) => {
      response.body = body;
      return response;
    },
    end: () => {
      response.ended = true;
      return response;
    },
  };
  return response;
}

function fakeRequest(originalUrl: string, id: string | null = 'req-42'): Request {
  return { originalUrl, url: originalUrl, headers: {}, ...(id === null ? {} : { id }) } as unknown as Request;
}

function hostFor(request: Request, response: FakeResponse): ArgumentsHost {
  const http = { getRequest: () => request, getResponse: () => response as unknown as Response, getNext: () => undefined };
  return { switchToHttp: () => http, getType: () => 'http' } as unknown as ArgumentsHost;
}

function bodyOf(response: FakeResponse): Record<string, unknown> {
  return JSON.parse(response.body ?? 'null') as Record<string, unknown>;
}

describe(ProblemDetailsFilter.name, () => {
  let registry: ErrorMapperRegistry;
  let filter: ProblemDetailsFilter;
  let warn: jest.SpiedFunction<Logger['warn']>;
  let error: jest.SpiedFunction<Logger['error']>;

  beforeEach(() => {
    registry = new ErrorMapperRegistry();
    filter = new ProblemDetailsFilter(registry);
    warn = jest.spyOn(filter['logger'], 'warn').mockImplementation(() => undefined);
    error = jest.spyOn(filter['logger'], 'error').mockImplementation(() => undefined);
  });

  describe('catch', () => {
    it('writes an AppException as application/problem+json with every member', () => {
      const response = fakeResponse();
      const exception = new AppException('WIDGETS.NAME_TAKEN', 409, 'A widget with this name exists.', {
        errors: [{ field: 'name', message: 'already exists' }],
      });

      filter.catch(exception, hostFor(fakeRequest('/widgets/7?expand=owner'), response));

      expect(response.statusCode).toBe(409);
      expect(response.contentType).toBe('application/problem+json');
      expect(bodyOf(response)).toEqual({
        type: 'https://bulwark.dev/problems/widgets/name-taken',
        title: 'Conflict',
        status: 409,
        detail: 'A widget with this name exists.',
        instance: '/widgets/7',
        code: 'WIDGETS.NAME_TAKEN',
        correlationId: 'req-42',
        errors: [{ field: 'name', message: 'already exists' }],
      });
    });

    it('leaves errors out when the exception has none', () => {
      const response = fakeResponse();

      filter.catch(new AppException('TEST.GONE', 404, 'gone'), hostFor(fakeRequest('/x'), response));

      expect(bodyOf(response)).not.toHaveProperty('errors');
    });

    it('sets the exception headers, such as Retry-After', () => {
      const response = fakeResponse();
      const exception = new AppException('TEST.BUSY', 503, 'Busy.', { headers: { 'Retry-After': '5' } });

      filter.catch(exception, hostFor(fakeRequest('/busy'), response));

      expect(response.headers).toEqual({ 'Retry-After': '5' });
      expect(response.statusCode).toBe(503);
    });

    it('sends an empty correlationId when the request has no id', () => {
      const response = fakeResponse();

      filter.catch(new AppException('TEST.X', 400, 'x'), hostFor(fakeRequest('/x', null), response));

      expect(bodyOf(response).correlationId).toBe('');
    });

    it('renders a router 404 as COMMON.NOT_FOUND', () => {
      const response = fakeResponse();

      filter.catch(new NotFoundException('Cannot GET /nowhere'), hostFor(fakeRequest('/nowhere'), response));

      expect(response.statusCode).toBe(404);
      expect(bodyOf(response)).toMatchObject({
        type: 'https://bulwark.dev/problems/common/not-found',
        title: 'Not Found',
        code: CommonExceptionCode.NOT_FOUND,
        instance: '/nowhere',
      });
    });

    it('renders an unknown error as a 500 without its message', () => {
      const response = fakeResponse();

      filter.catch(new Error('connection to 10.1.2.3 failed: password=hunter2'), hostFor(fakeRequest('/boom'), response));

      expect(response.statusCode).toBe(500);
      expect(bodyOf(response)).toMatchObject({ status: 500, title: 'Internal Server Error', code: CommonExceptionCode.INTERNAL });
      expect(response.body).not.toContain('hunter2');
      expect(response.body).not.toContain('10.1.2.3');
    });

    it('consults the registered error mappers for errors it does not know', () => {
      const response = fakeResponse();
      const driverError = Object.assign(new Error('duplicate key'), { code: '23505' });
      const mapper = jest.fn((thrown: unknown) =>
        thrown === driverError ? new AppException('DATABASE.UNIQUE_VIOLATION', 409, 'Exists.', { headers: { 'X-Test': '1' } }) : undefined,
      );
      registry.register(mapper);

      filter.catch(driverError, hostFor(fakeRequest('/users'), response));

      expect(mapper).toHaveBeenCalledWith(driverError);
      expect(response.statusCode).toBe(409);
      expect(response.headers).toEqual({ 'X-Test': '1' });
      expect(bodyOf(response)).toMatchObject({ code: 'DATABASE.UNIQUE_VIOLATION', detail: 'Exists.' });
    });

    it('does not ask the mappers about an AppException', () => {
      const mapper = jest.fn(() => new AppException('TEST.MAPPED', 500, 'mapped'));
      registry.register(mapper);
      const response = fakeResponse();

      filter.catch(new AppException('TEST.OWN', 400, 'own'), hostFor(fakeRequest('/x'), response));

      expect(mapper).not.toHaveBeenCalled();
      expect(bodyOf(response).code).toBe('TEST.OWN');
    });

    it('only ends the response when headers were already sent', () => {
      const response = fakeResponse(true);

      filter.catch(new AppException('TEST.LATE', 500, 'late'), hostFor(fakeRequest('/stream'), response));

      expect(response.ended).toBe(true);
      expect(response.statusCode).toBeUndefined();
      expect(response.body).toBeUndefined();
      expect(response.headers).toEqual({});
    });

    it('logs a 4xx at warn with its detail and no stack', () => {
      filter.catch(new AppException('TEST.BAD', 400, 'bad input'), hostFor(fakeRequest('/x?y=1'), fakeResponse()));

      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn).toHaveBeenCalledWith({ code: 'TEST.BAD', status: 400, instance: '/x', correlationId: 'req-42', detail: 'bad input' });
      expect(error).not.toHaveBeenCalled();
    });

    it('logs a 5xx at error with the original error and its stack', () => {
      const thrown = new Error('kaboom');

      filter.catch(thrown, hostFor(fakeRequest('/boom'), fakeResponse()));

      expect(error).toHaveBeenCalledTimes(1);
      expect(error).toHaveBeenCalledWith(
        { code: CommonExceptionCode.INTERNAL, status: 500, instance: '/boom', correlationId: 'req-42', err: thrown },
        thrown.stack,
      );
      expect(warn).not.toHaveBeenCalled();
    });

    it('logs a thrown non-Error at error without a stack', () => {
      filter.catch('just a string', hostFor(fakeRequest('/boom'), fakeResponse()));

      expect(error).toHaveBeenCalledWith(expect.objectContaining({ err: 'just a string', status: 500 }), undefined);
    });
  });
});
