import type { Request, Response } from 'express';

import { REQUEST_ID_HEADER } from './request-id.js';
import { requestIdMiddleware } from './request-id.middleware.js';

describe('requestIdMiddleware', () => {
  it('stores the assigned id on the request, sets the header and calls next', () => {
    const headers = new Map<string, unknown>();
    const req = { headers: { 'x-request-id': 'caller-id-1' } } as unknown as Request & { id?: string };
    const res = { setHeader: (name: string, value: unknown) => headers.set(name, value) } as unknown as Response;
    let nextCalls = 0;

    requestIdMiddleware(req, res, () => {
      nextCalls += 1;
    });

    expect(req.id).toBe('caller-id-1');
    expect(headers.get(REQUEST_ID_HEADER)).toBe('caller-id-1');
    expect(nextCalls).toBe(1);
  });
});
