/** One `NVRM: Xid` line of the kernel log: the driver reporting an error on the GPU at a PCI address. */
export interface KernelXid {
  /** `dddd:bb:dd` (domain, bus, device; lower case), the form both the driver and nvidia-smi can be reduced to. */
  pciAddress: string;
  code: string;
  detail: string;
  /** Seconds since boot, from the record's own timestamp; null when the line carries none. */
  secondsSinceBoot: number | null;
}

// `NVRM: Xid (PCI:0000:3b:00): 79, pid=1912, name=python3, GPU has fallen off the bus.` (older drivers put no
// pid/name, some add a channel: the code is the first number after the address either way).
const XID = /NVRM: Xid \(PCI:([0-9a-fA-F]{4,8}):([0-9a-fA-F]{2}):([0-9a-fA-F]{2})(?:\.[0-9a-fA-F])?\): (\d+),\s*(.*)$/;
// /dev/kmsg records: `priority,sequence,microseconds,flags;message`.
const KMSG_PREFIX = /^\d+,\d+,(\d+),[^;]*;/;
// dmesg / kern.log lines: `[ 1234.567890] message`, possibly after a syslog prefix.
const DMESG_TIME = /\[\s*(\d+\.\d+)\]/;

/** The Xid in one kernel log line or /dev/kmsg record, or null when it holds none. */
export function parseXidLine(line: string): KernelXid | null {
  const match = XID.exec(line);
  if (match === null) {
    return null;
  }
  const [, domain, bus, device, code, detail] = match;
  const kmsg = KMSG_PREFIX.exec(line);
  const dmesg = kmsg === null ? DMESG_TIME.exec(line) : null;
  const secondsSinceBoot = kmsg !== null ? Number(kmsg[1]) / 1e6 : dmesg !== null ? Number(dmesg[1]) : null;
  return { code: code!, detail: detail!.trim().slice(0, 300), pciAddress: pciAddress(domain!, bus!, device!), secondsSinceBoot };
}

/** nvidia-smi's `00000000:3B:00.0` as `0000:3b:00`; null for anything else. */
export function pciAddressOfBusId(busId: string): string | null {
  const match = /^([0-9a-fA-F]{4,8}):([0-9a-fA-F]{2}):([0-9a-fA-F]{2})(?:\.[0-9a-fA-F])?$/.exec(busId.trim());
  return match === null ? null : pciAddress(match[1]!, match[2]!, match[3]!);
}

function pciAddress(domain: string, bus: string, device: string): string {
  return `${domain.slice(-4)}:${bus}:${device}`.toLowerCase();
}
