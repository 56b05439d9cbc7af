import type { RawResponse } from './send-raw.js';

/** What a stack trace, a source location or a JavaScript engine's own error message looks like in a body. */
const LEAK_MARKERS = ['    at ', '.ts:', 'node_modules', 'Maximum call stack', 'Cannot read properties of', 'is not a function', 'is not iterable'];

function problemViolations(response: RawResponse): string[] {
  if (!String(response.headers['content-type']).startsWith('application/problem+json')) {
    return [`${response.status} with content-type ${String(response.headers['content-type'])}, not application/problem+json`];
  }
  let problem: Record<string, unknown>;
  try {
    problem = JSON.parse(response.body) as Record<string, unknown>;
  } catch {
    return [`${response.status} problem+json body is not JSON: ${response.body.slice(0, 200)}`];
  }
  const missing = ['type', 'title'].filter((field) => typeof problem[field] !== 'string');
  if (problem.status !== response.status) {
    missing.push(`status (${String(problem.status)})`);
  }
  return missing.length > 0 ? [`${response.status} problem lacks ${missing.join(', ')}: ${response.body.slice(0, 200)}`] : [];
}

/**
 * Everything wrong with one response: a 5xx, a 4xx that is not RFC 9457 problem+json, a stack trace in the body,
 * or a secret of the request (the credential used, a password sent) repeated in the body or a header.
 * `sourcePathsByDesign`: the operation's success body names source files by its nature (a CPU profile).
 */
export function responseViolations(response: RawResponse, secrets: readonly string[], sourcePathsByDesign = false): string[] {
  const violations: string[] = [];
  if (response.status >= 500) {
    violations.push(`${response.status}: ${response.body.slice(0, 300)}`);
  }
  if (response.status >= 400 && response.status < 500) {
    violations.push(...problemViolations(response));
  }
  const leak = LEAK_MARKERS.find((marker) => response.body.includes(marker));
  if (leak && !(sourcePathsByDesign && response.status < 300)) {
    violations.push(`body contains ${JSON.stringify(leak)}: ${response.body.slice(0, 300)}`);
  }
  const headerText = JSON.stringify(response.headers);
  for (const secret of secrets) {
    if (response.body.includes(secret) || headerText.includes(secret)) {
      violations.push(`response repeats a secret of the request (${secret.slice(0, 6)}…)`);
    }
  }
  return violations;
}
