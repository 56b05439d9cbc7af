/* global TextDecoderStream */
// A server-sent events parser (WHATWG HTML, "Server-sent events: interpreting an event stream") over a fetch() body.
// The dashboard reads the stream with fetch rather than EventSource because only fetch can send an Authorization
// header; this file is the part of EventSource it gives up.

const LINE_END = /\r\n|\r|\n/;

export class SseParser {
  /** @param {(event: {type: string, data: string, id: string}) => void} onEvent */
  constructor(onEvent) {
    this.onEvent = onEvent;
    this.buffer = '';
    this.afterCr = false;
    this.lastEventId = '';
    /** The server's `retry:` in milliseconds, once it sent one. */
    this.retry = null;
    this.resetEvent();
  }

  /** Feeds decoded text; complete lines are interpreted, a partial one waits for the rest. */
  push(text) {
    if (text === '') {
      return;
    }
    // A "\r" that ended the last chunk may be the first half of "\r\n": its "\n" ends no second line.
    this.buffer += this.afterCr && text.startsWith('\n') ? text.slice(1) : text;
    this.afterCr = false;
    for (;;) {
      const match = LINE_END.exec(this.buffer);
      if (match === null) {
        return;
      }
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      this.afterCr = match[0] === '\r' && this.buffer === '';
      this.interpret(line);
    }
  }

  interpret(line) {
    if (line === '') {
      this.dispatch();
      return;
    }
    if (line.startsWith(':')) {
      return;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) {
      value = value.slice(1);
    }
    if (field === 'event') {
      this.type = value;
    } else if (field === 'data') {
      this.data.push(value);
    } else if (field === 'id' && !value.includes('\0')) {
      this.lastEventId = value;
    } else if (field === 'retry' && /^\d+$/.test(value)) {
      this.retry = Number(value);
    }
  }

  dispatch() {
    if (this.data.length > 0) {
      this.onEvent({ type: this.type === '' ? 'message' : this.type, data: this.data.join('\n'), id: this.lastEventId });
    }
    this.resetEvent();
  }

  resetEvent() {
    this.type = '';
    this.data = [];
  }
}

/** Reads a fetch() response body to its end, feeding `parser`; rejects when the request is aborted. */
export async function readEventStream(body, parser) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    parser.push(value);
  }
}
