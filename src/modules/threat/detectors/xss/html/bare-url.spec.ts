import { findBareUrl } from './bare-url.js';

describe('findBareUrl', () => {
  it.each([
    ['javascript:alert(1)', 'script'],
    [' javascript:/*x*/alert(1)', 'script'],
    ['/redirect?next=javascript:alert(1)', 'script'],
    ['vbscript:msgbox(1)', 'script'],
    ['javascript: ', 'script'],
    ['v\nb\ts\nc\nr\ti\tp\nt::', 'script'],
    ['java\tscript: x', 'script'],
    ['data:text/html,<script>alert(1)</script>', 'data'],
    [' data: , <x>', 'data'],
  ])('flags %j', (input, kind) => {
    expect(findBareUrl(input)?.kind).toBe(kind);
  });

  it.each([
    'javascript: the good parts',
    'Java Script: the good parts',
    '\n\tjavascript: the good parts',
    'I like javascript:it is fun',
    'https://example.com/?next=/home',
    'data: 5 rows',
    'data:image/png;base64,iVBORw0KGgo=',
  ])('leaves %j alone', (input) => {
    expect(findBareUrl(input)).toBeNull();
  });
});
