import type { IncomingMessage } from 'node:http';

import { methodLabel, routeLabel } from './route-label.util.js';

const requestWith = (fields: Record<string, unknown>): IncomingMessage => fields as unknown as IncomingMessage;

describe('routeLabel', () => {
  it('is the matched route template with its mount path, never the raw path', () => {
    expect(routeLabel(requestWith({ url: '/v1/assets/5d0c', route: { path: '/v1/assets/:id' }, baseUrl: '' }))).toBe('/v1/assets/:id');
    expect(routeLabel(requestWith({ url: '/api/x/1', route: { path: '/x/:id' }, baseUrl: '/api' }))).toBe('/api/x/:id');
  });

  it('is `unmatched` for requests no route took, catch-all not-found routes included', () => {
    expect(routeLabel(requestWith({ url: '/random/123' }))).toBe('unmatched');
    expect(routeLabel(requestWith({ url: '/random/123', route: { path: '/{*path}' } }))).toBe('unmatched');
  });

  it('is `/cdn/*` for assets answered ahead of Express', () => {
    expect(routeLabel(requestWith({ url: '/cdn/0123456789abcdef/app.js' }))).toBe('/cdn/*');
  });
});

describe('methodLabel', () => {
  it('keeps the usual verbs and folds anything else into OTHER', () => {
    expect(methodLabel('GET')).toBe('GET');
    expect(methodLabel('PATCH')).toBe('PATCH');
    expect(methodLabel('PROPFIND')).toBe('OTHER');
    expect(methodLabel(undefined)).toBe('OTHER');
  });
});

describe('routeLabel of one route mounted at two paths', () => {
  it('is that route under each mount path, however often asked', () => {
    const route = { path: '/things/:id' };
    const labels = [0, 1, 2].flatMap(() => [
      routeLabel(requestWith({ url: '/a/things/1', route, baseUrl: '/a' })),
      routeLabel(requestWith({ url: '/b/things/1', route, baseUrl: '/b' })),
      routeLabel(requestWith({ url: '/things/1', route, baseUrl: '' })),
    ]);

    expect(labels).toEqual([0, 1, 2].flatMap(() => ['/a/things/:id', '/b/things/:id', '/things/:id']));
  });
});
