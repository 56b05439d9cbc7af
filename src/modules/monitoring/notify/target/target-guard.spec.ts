import { testConfig } from '@app/testing';

import { MonitoringException, MonitoringExceptionCode } from '../../monitoring.exception.js';
import { HostResolver, type ResolvedAddress } from './host-resolver.js';
import { TargetGuard } from './target-guard.js';

/** A resolver answering from a table, as DNS would for these names. */
class TableResolver extends HostResolver {
  readonly asked: string[] = [];

  constructor(private readonly table: Record<string, string[]>) {
    super();
  }

  resolve(host: string): Promise<ResolvedAddress[]> {
    this.asked.push(host);
    const addresses = this.table[host];
    if (!addresses) {
      return Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }));
    }
    return Promise.resolve(addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
  }
}

const DNS = {
  'hooks.slack.com': ['34.199.10.1', '2600:1f18::1'],
  'metadata.attacker.example': ['169.254.169.254'],
  'mixed.attacker.example': ['93.184.216.34', '10.0.0.5'],
  'mapped.attacker.example': ['::ffff:127.0.0.1'],
  'receiver.internal': ['10.1.2.3'],
  'ci.internal': ['172.20.0.9'],
  localhost: ['127.0.0.1', '::1'],
};

function guard(allowlist = ''): TargetGuard {
  return new TargetGuard(testConfig({ MONITORING_WEBHOOK_ALLOWLIST: allowlist }), new TableResolver(DNS));
}

async function refusal(promise: Promise<unknown>): Promise<MonitoringException> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MonitoringException) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the target to be refused');
}

describe(TargetGuard.name, () => {
  describe('checkUrl', () => {
    it('accepts a public host and returns every address it was checked at', async () => {
      const checked = await guard().checkUrl('https://hooks.slack.com/services/T0/B0/secret', MonitoringExceptionCode.FORBIDDEN_TARGET);

      expect(checked.url.href).toBe('https://hooks.slack.com/services/T0/B0/secret');
      expect(checked.addresses).toEqual([
        { address: '34.199.10.1', family: 4 },
        { address: '2600:1f18::1', family: 6 },
      ]);
    });

    it.each([
      ['loopback literal', 'http://127.0.0.1:9000/hook'],
      ['decimal IPv4', 'http://2130706433/hook'],
      ['hex IPv4', 'http://0x7f000001/hook'],
      ['dotted hex IPv4', 'http://0x7f.0.0.1/hook'],
      ['octal IPv4', 'http://0177.0.0.1/hook'],
      ['short IPv4', 'http://127.1/hook'],
      ['metadata literal', 'http://169.254.169.254/latest/meta-data/'],
      ['decimal metadata', 'http://2852039166/latest/meta-data/'],
      ['IPv6 loopback', 'http://[::1]:8080/hook'],
      ['IPv4-mapped IPv6', 'http://[::ffff:127.0.0.1]/hook'],
      ['IPv4-mapped IPv6 in hex', 'http://[::ffff:a9fe:a9fe]/hook'],
      ['unique local IPv6', 'http://[fd00::1]/hook'],
      ['link-local IPv6', 'http://[fe80::1]/hook'],
      ['unspecified', 'http://0.0.0.0:8080/hook'],
      ['CGNAT', 'http://100.64.1.1/hook'],
      ['broadcast', 'http://255.255.255.255/hook'],
      ['name of a metadata address', 'http://metadata.attacker.example/hook'],
      ['name with one private address among public ones', 'http://mixed.attacker.example/hook'],
      ['name resolving to a mapped loopback', 'http://mapped.attacker.example/hook'],
      ['localhost', 'http://localhost:3000/hook'],
      ['localhost with a trailing dot and capitals', 'http://LOCALHOST.:3000/hook'],
    ])('refuses a %s target', async (_name, url) => {
      const error = await refusal(guard().checkUrl(url, MonitoringExceptionCode.FORBIDDEN_TARGET));

      expect(error.code).toBe(MonitoringExceptionCode.FORBIDDEN_TARGET);
      expect(error.status).toBe(422);
      expect(error.detail).toMatch(/^The target host resolves to .+; add the host, address or a CIDR to MONITORING_WEBHOOK_ALLOWLIST to allow it\.$/);
    });

    it('names the kind of address without echoing the URL or the address', async () => {
      const error = await refusal(guard().checkUrl('http://metadata.attacker.example/token-abc', MonitoringExceptionCode.FORBIDDEN_TARGET));

      expect(error.detail).toContain('link-local');
      expect(error.detail).not.toContain('169.254.169.254');
      expect(error.detail).not.toContain('attacker');
      expect(error.detail).not.toContain('token-abc');
    });

    it.each([
      ['ftp://hooks.slack.com/x', 'must be http or https, not ftp'],
      ['file:///etc/passwd', 'must be http or https, not file'],
      ['gopher://hooks.slack.com:70/x', 'must be http or https, not gopher'],
      ['hooks.slack.com/services/x', 'not a valid absolute URL'],
      ['https://user:pass@hooks.slack.com/x', 'must not carry credentials'],
      ['https://token@hooks.slack.com/x', 'must not carry credentials'],
    ])('refuses %s', async (url, detail) => {
      const error = await refusal(guard().checkUrl(url, MonitoringExceptionCode.FORBIDDEN_TARGET));

      expect(error.code).toBe(MonitoringExceptionCode.FORBIDDEN_TARGET);
      expect(error.detail).toContain(detail);
      expect(error.detail).not.toContain('pass');
    });

    it('reports a host that does not resolve with the code it is given', async () => {
      const onSave = await refusal(guard().checkUrl('https://nowhere.example/x', MonitoringExceptionCode.FORBIDDEN_TARGET));
      const onSend = await refusal(guard().checkUrl('https://nowhere.example/x', MonitoringExceptionCode.NOTIFICATION_FAILED));

      expect(onSave.code).toBe(MonitoringExceptionCode.FORBIDDEN_TARGET);
      expect(onSend.code).toBe(MonitoringExceptionCode.NOTIFICATION_FAILED);
      expect(onSend.detail).toBe('The target host does not resolve to any address.');
    });

    it('accepts an allowlisted hostname whatever it resolves to', async () => {
      await expect(guard('receiver.internal').checkUrl('http://Receiver.Internal:8080/hook', MonitoringExceptionCode.FORBIDDEN_TARGET)).resolves.toMatchObject({
        addresses: [{ address: '10.1.2.3', family: 4 }],
      });
    });

    it('accepts addresses inside an allowlisted CIDR, for names and literals alike', async () => {
      const allowing = guard('172.16.0.0/12, 127.0.0.1');

      await expect(allowing.checkUrl('http://ci.internal/hook', MonitoringExceptionCode.FORBIDDEN_TARGET)).resolves.toBeDefined();
      await expect(allowing.checkUrl('http://127.0.0.1:9000/hook', MonitoringExceptionCode.FORBIDDEN_TARGET)).resolves.toBeDefined();
      await expect(allowing.checkUrl('http://2130706433:9000/hook', MonitoringExceptionCode.FORBIDDEN_TARGET)).resolves.toBeDefined();
      await expect(allowing.checkUrl('http://[::ffff:127.0.0.1]:9000/hook', MonitoringExceptionCode.FORBIDDEN_TARGET)).resolves.toBeDefined();
    });

    it('still refuses what the allowlist does not cover', async () => {
      const allowing = guard('127.0.0.1,receiver.internal');

      await expect(allowing.checkUrl('http://127.0.0.2/hook', MonitoringExceptionCode.FORBIDDEN_TARGET)).rejects.toThrow(MonitoringException);
      await expect(allowing.checkUrl('http://localhost/hook', MonitoringExceptionCode.FORBIDDEN_TARGET)).rejects.toThrow('loopback');
      await expect(allowing.checkUrl('http://169.254.169.254/', MonitoringExceptionCode.FORBIDDEN_TARGET)).rejects.toThrow('link-local');
    });

    it('does not ask DNS about an address literal', async () => {
      const resolver = new TableResolver(DNS);
      const literalGuard = new TargetGuard(testConfig(), resolver);

      await expect(literalGuard.checkUrl('http://8.8.8.8/hook', MonitoringExceptionCode.FORBIDDEN_TARGET)).resolves.toMatchObject({
        addresses: [{ address: '8.8.8.8', family: 4 }],
      });
      await expect(literalGuard.checkUrl('http://[2606:4700::1111]/hook', MonitoringExceptionCode.FORBIDDEN_TARGET)).resolves.toMatchObject({
        addresses: [{ address: '2606:4700::1111', family: 6 }],
      });
      expect(resolver.asked).toEqual([]);
    });
  });

  describe('checkEmailRecipients', () => {
    it('accepts plain addresses', () => {
      expect(() => guard().checkEmailRecipients(['ops@example.com', 'on-call+db@alerts.example.co.uk', 'root@localhost'])).not.toThrow();
    });

    it.each([
      ['a line break (header injection)', 'ops@example.com\r\nBcc: all@example.com'],
      ['a bare line feed', 'ops@example.com\nX: y'],
      ['a display name', 'Ops <ops@example.com>'],
      ['two addresses in one', 'a@example.com,b@example.com'],
      ['no domain', 'ops@'],
      ['no at sign', 'ops.example.com'],
      ['spaces', 'o ps@example.com'],
      ['an over-long address', `${'a'.repeat(250)}@example.com`],
    ])('refuses %s', (_name, address) => {
      expect(() => guard().checkEmailRecipients(['ok@example.com', address])).toThrow('Recipient 2 is not a plain email address');
    });

    it('needs at least one and at most 50 recipients', () => {
      expect(() => guard().checkEmailRecipients([])).toThrow('at least one recipient');
      expect(() => guard().checkEmailRecipients(Array.from({ length: 51 }, (_, index) => `u${index}@example.com`))).toThrow('at most 50');
    });
  });
});
