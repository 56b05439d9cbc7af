/**
 * Server-sent event framing (WHATWG HTML, "Server-sent events"). Every frame ends with a blank line; JSON text holds
 * no raw line breaks, so one `data:` line carries a whole payload.
 */
export function sseEvent(event: string, id: number, data: unknown): string {
  return `event: ${singleLine(event)}\nid: ${id}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** How long a client waits before reconnecting after the stream drops. */
export function sseRetry(milliseconds: number): string {
  return `retry: ${Math.max(0, Math.round(milliseconds))}\n\n`;
}

/** A comment line: clients ignore it, proxies see bytes flowing. */
export function sseComment(text: string): string {
  return `: ${singleLine(text)}\n\n`;
}

// A line break inside a field would start a new field (or end the event) on the client.
function singleLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}
