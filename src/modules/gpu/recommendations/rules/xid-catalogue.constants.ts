import type { Severity } from './rule.types.js';

export interface XidEntry {
  name: string;
  severity: Severity;
  action: string;
}

const CHECK_APP = 'Usually the application (illegal memory access, bad kernel): run it under compute-sanitizer; if many applications hit it, suspect the driver or hardware.';
const RESET = 'Drain the GPU and reset it (nvidia-smi -r or reboot); if it recurs, RMA.';

/** Common Xid codes after NVIDIA's Xid catalogue; an unlisted code is reported as info with a pointer there. */
export const XID_CATALOGUE: Readonly<Record<string, XidEntry>> = {
  '13': { name: 'Graphics engine exception', severity: 'warning', action: CHECK_APP },
  '31': { name: 'GPU memory page fault', severity: 'warning', action: CHECK_APP },
  '43': { name: 'GPU stopped processing (channel reset)', severity: 'info', action: 'The faulting application was stopped; check its logs. The GPU stays usable.' },
  '45': { name: 'Preemptive cleanup after earlier errors', severity: 'info', action: 'Follows another Xid or a killed process; act on the Xid that came before.' },
  '48': { name: 'Double-bit ECC error (DBE)', severity: 'critical', action: 'Uncorrectable memory error: drain and reset the GPU so the page is retired or the row remapped; if it recurs, RMA.' },
  '63': { name: 'Row remapping / page retirement recorded', severity: 'warning', action: 'Reset the GPU when convenient so the remap takes effect; watch for more.' },
  '64': { name: 'Row remapping / page retirement failure', severity: 'critical', action: 'The GPU could not retire the failing memory: drain it and RMA.' },
  '74': { name: 'NVLink error', severity: 'critical', action: 'Reset the GPU; check NVLink bridges and cabling; if it recurs, RMA.' },
  '79': { name: 'GPU has fallen off the bus', severity: 'critical', action: 'Drain the node; check PCIe seating, power and cooling, then reboot; if it recurs, RMA.' },
  '92': { name: 'High single-bit ECC error rate', severity: 'warning', action: 'Corrected errors are frequent: watch the ECC counters and plan an RMA if the rate keeps rising.' },
  '94': { name: 'Contained ECC error', severity: 'warning', action: 'Only the affected application was stopped: restart it, and reset the GPU when convenient.' },
  '95': { name: 'Uncontained ECC error', severity: 'critical', action: 'Every application on the GPU is affected: drain and reset the GPU now; if it recurs, RMA.' },
  '119': { name: 'GSP RPC timeout', severity: 'critical', action: RESET + ' Update the driver if a fix is listed.' },
  '120': { name: 'GSP error', severity: 'critical', action: RESET + ' Update the driver if a fix is listed.' },
};

export const UNKNOWN_XID: XidEntry = { name: 'Xid not in our catalogue', severity: 'info', action: 'Look the code up in NVIDIA\'s Xid catalogue.' };

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { critical: 3, warning: 2, info: 1 };
