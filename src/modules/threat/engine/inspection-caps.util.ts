/** Bounds on how much of a request the engine looks at; whatever exceeds them is reported, never silently skipped. */
export interface InspectionCaps {
  /** Characters scanned per field; the rest of a longer field is reported as `field-size:<location>`. */
  maxFieldChars: number;
  /** Characters scanned per request over all fields (`total-size:<first location not scanned>`). */
  maxTotalChars: number;
  /** Fields inspected per request (`field-count:<first location not inspected>`). */
  maxFields: number;
  /** Nesting below a section (`body`, `query`, …) walked by `flattenRequest` (`depth:<location>`). */
  maxDepth: number;
}

export const DEFAULT_INSPECTION_CAPS: InspectionCaps = {
  maxFieldChars: 64 * 1024,
  maxTotalChars: 1024 * 1024,
  maxFields: 512,
  maxDepth: 16,
};

/** Cap reports kept per request, so a hostile body cannot grow the report itself without bound. */
export const MAX_CAP_REPORTS = 32;

export type CapKind = 'field-size' | 'total-size' | 'field-count' | 'depth';

/** The defaults, overridden by the caps given; an explicit `undefined` keeps the default rather than lifting the cap. */
export function resolveCaps(caps: Partial<InspectionCaps> | undefined): InspectionCaps {
  if (caps === undefined) {
    return DEFAULT_INSPECTION_CAPS;
  }
  // The guard passes complete caps from config on every request: no copying on that path.
  if (isComplete(caps)) {
    return caps;
  }
  const given = Object.entries(caps).filter(([, value]) => value !== undefined);
  return { ...DEFAULT_INSPECTION_CAPS, ...(Object.fromEntries(given) as Partial<InspectionCaps>) };
}

function isComplete(caps: Partial<InspectionCaps>): caps is InspectionCaps {
  return caps.maxFieldChars !== undefined && caps.maxTotalChars !== undefined && caps.maxFields !== undefined && caps.maxDepth !== undefined;
}

/** Appends `<kind>:<location>` unless the report is full or already says so. */
export function reportCap(reports: string[], kind: CapKind, location: string): void {
  const entry = `${kind}:${location}`;
  if (reports.length < MAX_CAP_REPORTS && !reports.includes(entry)) {
    reports.push(entry);
  }
}
