import { readGpuFixture } from '../../../../../test/support/gpu-fixtures.js';
import { parseXidLine, pciAddressOfBusId } from './nvrm-xid.parser.js';

const parseAll = (text: string) => text.split('\n').flatMap((line) => parseXidLine(line) ?? []);

describe('parseXidLine', () => {
  it('reads every Xid of a /dev/kmsg excerpt with its address, code, message and time since boot', () => {
    const xids = parseAll(readGpuFixture('kernel-log/kmsg.txt'));
    expect(xids.map(({ pciAddress, code }) => `${pciAddress} ${code}`)).toEqual(['0000:3b:00 13', '0000:3b:00 13', '0000:86:00 79', '0000:af:00 48']);
    expect(xids[2]).toEqual({ code: '79', detail: 'pid=3102, name=torchrun, GPU has fallen off the bus.', pciAddress: '0000:86:00', secondsSinceBoot: 2734.56789 });
  });

  it('reads dmesg and kern.log lines, syslog prefix or not', () => {
    const xids = parseAll(readGpuFixture('kernel-log/dmesg.txt'));
    expect(xids).toEqual([
      expect.objectContaining({ code: '31', pciAddress: '0000:3b:00', secondsSinceBoot: 1523.456789 }),
      expect.objectContaining({ code: '94', pciAddress: '0000:86:00', secondsSinceBoot: 2734.56789 }),
    ]);
  });

  it('ignores other driver messages and lines without a time', () => {
    expect(parseXidLine('NVRM: loading NVIDIA UNIX x86_64 Kernel Module')).toBeNull();
    expect(parseXidLine('NVRM: Xid (PCI:0000:3b:00): 63, pid=1, name=x, Row Remapper: New row marked for remapping')).toMatchObject({ code: '63', secondsSinceBoot: null });
  });
});

describe('pciAddressOfBusId', () => {
  it("reduces nvidia-smi's bus id to the driver's form", () => {
    expect(pciAddressOfBusId('00000000:3B:00.0')).toBe('0000:3b:00');
    expect(pciAddressOfBusId('0000:86:00.0')).toBe('0000:86:00');
    expect(pciAddressOfBusId('not a bus id')).toBeNull();
  });
});
