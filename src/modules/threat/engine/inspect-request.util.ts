import { flattenRequest, type RequestParts } from './flatten-request.util.js';
import { type InspectionResult, type InspectOptions, inspect } from './inspect.util.js';

/** `flattenRequest` then `inspect` under the same caps, with both steps' cap reports in one list. */
export function inspectRequest(parts: RequestParts, options: InspectOptions): InspectionResult {
  const flattened = flattenRequest(parts, options.caps);
  const result = inspect(flattened.values, options);
  return { ...result, capsExceeded: [...flattened.capsExceeded, ...result.capsExceeded] };
}
