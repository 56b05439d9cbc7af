import { SseParser, type SseEvent } from './public/sse-reader.js';
import { sseComment, sseEvent, sseRetry } from './sse-frame.util.js';

function parse(chunks: string[]): { events: SseEvent[]; parser: SseParser } {
  const events: SseEvent[] = [];
  const parser = new SseParser((event) => events.push(event));
  chunks.forEach((chunk) => parser.push(chunk));
  return { events, parser };
}

describe('sse framing', () => {
  describe('sseEvent', () => {
    it('writes the event name, id and the JSON payload on one data line, ended by a blank line', () => {
      expect(sseEvent('tick', 7, { a: 1, text: 'two\nlines' })).toBe('event: tick\nid: 7\ndata: {"a":1,"text":"two\\nlines"}\n\n');
    });

    it('keeps a line break in the event name from starting another field', () => {
      expect(sseEvent('tick\ndata: forged', 1, null)).toBe('event: tick data: forged\nid: 1\ndata: null\n\n');
    });
  });

  describe('sseRetry', () => {
    it('writes whole milliseconds', () => {
      expect(sseRetry(2999.6)).toBe('retry: 3000\n\n');
    });
  });

  describe('sseComment', () => {
    it('writes a comment line clients ignore', () => {
      expect(sseComment('keep\r\nalive')).toBe(': keep alive\n\n');
      expect(parse([sseComment('x')]).events).toEqual([]);
    });
  });

  describe('read by the dashboard parser', () => {
    const stream = [sseRetry(3000), sseEvent('tick', 1, { rps: 1.5 }), sseComment('heartbeat'), sseEvent('tick', 2, { rps: 2 })].join('');

    it('gives back the events, ids and retry delay', () => {
      const { events, parser } = parse([stream]);
      expect(events).toEqual([
        { type: 'tick', id: '1', data: '{"rps":1.5}' },
        { type: 'tick', id: '2', data: '{"rps":2}' },
      ]);
      expect(parser.retry).toBe(3000);
    });

    it('gives the same events however the bytes are split across reads', () => {
      const whole = parse([stream]).events;
      for (let cut = 1; cut < stream.length; cut += 1) {
        expect(parse([stream.slice(0, cut), stream.slice(cut)]).events).toEqual(whole);
      }
    });

    it('accepts CRLF and CR line ends, split between reads too', () => {
      expect(parse(['event: tick\r', '\ndata: 1\r\r']).events).toEqual([{ type: 'tick', id: '', data: '1' }]);
    });

    it('joins several data lines with a line break and names an unnamed event "message"', () => {
      expect(parse(['data: a\ndata: b\n\n']).events).toEqual([{ type: 'message', id: '', data: 'a\nb' }]);
    });
  });
});
