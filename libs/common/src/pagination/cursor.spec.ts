import { CommonException, CommonExceptionCode } from '../errors/common.exception.js';
import { decodeCursor, encodeCursor } from './cursor.js';

function thrownBy(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

function expectInvalidCursor(work: () => unknown): void {
  const error = thrownBy(work);
  expect(error).toBeInstanceOf(CommonException);
  expect(error).toMatchObject({ code: CommonExceptionCode.INVALID_CURSOR, status: 400 });
}

const base64url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

describe('encodeCursor', () => {
  it('makes an opaque, URL-safe string', () => {
    const cursor = encodeCursor({ createdAt: '2026-01-02T03:04:05.000Z', id: 'ab/cd+ef?' });

    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('createdAt');
  });
});

describe('decodeCursor', () => {
  it('round-trips a position made by encodeCursor', () => {
    const position = { createdAt: '2026-01-02T03:04:05.000Z', id: 42 };

    expect(decodeCursor(encodeCursor(position), ['createdAt', 'id'])).toEqual(position);
  });

  it('does not care about key order', () => {
    expect(decodeCursor(encodeCursor({ b: 1, a: 'x' }), ['a', 'b'])).toEqual({ a: 'x', b: 1 });
  });

  it('round-trips non-ASCII strings', () => {
    expect(decodeCursor(encodeCursor({ name: 'Zoë ✓' }), ['name'])).toEqual({ name: 'Zoë ✓' });
  });

  it('rejects a tampered cursor', () => {
    const cursor = encodeCursor({ id: 42 });
    const tampered = `${cursor.slice(0, 2)}${cursor[2] === 'A' ? 'B' : 'A'}${cursor.slice(3)}`;

    expectInvalidCursor(() => decodeCursor(tampered, ['id']));
  });

  it.each([
    ['garbage', '!!!not-base64!!!'],
    ['an empty string', ''],
    ['base64 of plain text', base64url('hello')],
    ['a truncated cursor', encodeCursor({ id: 'abcdef' }).slice(0, -4)],
  ])('rejects %s (not JSON)', (_label, cursor) => {
    expectInvalidCursor(() => decodeCursor(cursor, ['id']));
  });

  it.each([
    ['null', 'null'],
    ['a number', '42'],
    ['a string', '"id"'],
    ['an array', '[42]'],
  ])('rejects JSON that is %s rather than an object', (_label, json) => {
    expectInvalidCursor(() => decodeCursor(base64url(json), ['id']));
  });

  it.each([
    ['a missing key', { id: 1 }],
    ['an extra key', { id: 1, createdAt: 'x', admin: 'yes' }],
    ['different keys', { uid: 1, created: 'x' }],
    ['a boolean value', { id: true, createdAt: 'x' }],
    ['an object value', { id: { $gt: 0 }, createdAt: 'x' }],
    ['a null value', { id: null, createdAt: 'x' }],
  ])('rejects a position with %s', (_label, position) => {
    expectInvalidCursor(() => decodeCursor(base64url(JSON.stringify(position)), ['id', 'createdAt']));
  });
});
