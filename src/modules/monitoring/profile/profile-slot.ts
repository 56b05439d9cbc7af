/**
 * Whether a CPU profile is being recorded. Module-level on purpose: the V8 profiler belongs to the process, so the
 * one-at-a-time rule holds across every app instance the process runs, not per service instance.
 */
let held = false;

/** Takes the process's single profiling slot; returns its release, or null when a profile is already running. */
export function acquireProfileSlot(): (() => void) | null {
  if (held) {
    return null;
  }
  held = true;
  let released = false;
  return () => {
    if (!released) {
      released = true;
      held = false;
    }
  };
}
