import type { Paranoia } from '../../engine/threat.types.js';
import { canonicalPath } from './canonical-path.js';
import { traversalDetector } from './traversal.detector.js';

const ruleIds = (input: string, paranoia: Paranoia = 1): string[] =>
  traversalDetector.detect({ raw: input, forms: [input] }, paranoia).map((m) => m.ruleId);

describe('canonicalPath', () => {
  it.each([
    ['%2e%2e%2f', '../'],
    ['%252e%252e%255c', '../'],
    ['%25252e%25252e/', '../'],
    ['%c0%ae%c0%ae%c0%af', '../'],
    ['%e0%80%ae%e0%80%ae/', '../'],
    ['%u002e%u002e%u2215', '../'],
    ['0x2e0x2e0x2f', '../'],
    ['..\\x', '../x'],
    ['a\u0000b%00c', 'abc'],
    ['%f0%80%80%ae%f8%80%80%80%ae%fc%80%80%80%80%af', '../'],
    ['%c0%qf%c1%pc%bg%qf%c0%9v%c1%8s', '/////'],
    ['%c1%af%c1%9c%c0%ee', '//.'],
    ['..%uEFC8..%uF025x', '../../x'],
    ['%%32%%65%%32%%65%%32%%66x%%35%%63', '../x/'],
    ['..\ufffd\ufffd..\ufffdetc', '../../etc'],
  ])('decodes %j to %j', (input, expected) => {
    expect(canonicalPath(input)).toBe(expected);
  });

  it.each(['%c0%41', '%e0%80%c1', '%f8%80%80%ae', '%c2%ae', '100%good', '%qf'])('leaves %j as it is (no overlong path character)', (input) => {
    expect(canonicalPath(input)).toBe(input);
  });
});

describe('traversal rules', () => {
  it.each([
    ['traversal-001', '../../../etc/hosts'],
    ['traversal-001', '..\\..\\boot'],
    ['traversal-001', 'x=%2e%2e%2fsecret'],
    ['traversal-001', 'a/..%2fb'],
    ['traversal-001', 'img/%c0%ae%c0%ae/x'],
    ['traversal-001', '....//....//x'],
    ['traversal-001', 'x/.../.../WINDOWS'],
    ['traversal-001', '..;/admin'],
    ['traversal-001', '...\\x'],
    ['traversal-001', '%2e%2e%2e%2fx'],
    ['traversal-001', '../../../../etc/passwd:12: x'],
    ['traversal-001', '../1.7z'],
    ['traversal-001', 'files/..%u2215x'],
    ['traversal-001', '..%uEFC8..%uEFC8x'],
    ['traversal-001', '..%uF025..%uF025x'],
    ['traversal-001', '..'],
    ['traversal-001', "import x from '../../../../etc/x%2f..%2fy'"],
    ['traversal-001', "require('../../x'); open('../../../../var/secret')"],
    ['traversal-001', "src='....//....//x'"],
    ['traversal-001', "import x from '../../../../etc/passwd'"],
    ['traversal-001', '<img src="../../../../etc/shadow">'],
    ['traversal-002', '/etc/passwd'],
    ['traversal-002', `/boot.ini${'.'.repeat(300)}`],
    ['traversal-002', 'cat /etc/subuid'],
    ['traversal-002', 'file=/proc/self/environ'],
    ['traversal-002', '.ssh/id_rsa'],
    ['traversal-002', '<cat /etc/passwd'],
    ['traversal-002', '[x](../../../../etc/passwd)'],
    ['traversal-001', '[x](../../x'],
    ['traversal-002', '\rcat /etc/passwd'],
    ['traversal-002', 'D:\\inetpub\\wwwroot\\global.asa'],
    ['traversal-002', `/${'A'.repeat(1026)}/../etc/passwd`],
    ['traversal-002', `/${'./'.repeat(150)}../etc/passwd`],
    ['traversal-002', 'C:\\boot.ini'],
    ['traversal-002', '/usr/local/pgsql/data/pg_hba.conf'],
    ['traversal-002', 'c:/Program Files/MySQL/MySQL Server 5.0/my.ini'],
    ['traversal-002', 'C:\\Windows\\system32\\config\\regback\\system'],
    ['traversal-002', 'file=/opt/tomcat/logs/catalina.err'],
    ['traversal-002', '/apache2/logs/error.log'],
    ['traversal-002', 'WEB-INF/web.xml'],
    ['traversal-002', '/path/to/.docker/secrets'],
    ['traversal-002', '{{ read_text("/etc/passwd") }}'],
    ['traversal-002', "x '/etc/shadow'"],
    ['traversal-002', '/etc/resolv.conf'],
    ['traversal-002', 'file=/proc/cpuinfo'],
    ['traversal-002', '/opt/lampp/logs/access_log'],
    ['traversal-002', 'etc/passwd'],
    ['traversal-002', '/.netrc'],
    ['traversal-003', 'file:///etc/hosts'],
    ['traversal-003', "x = 'file://' + y; fetch('file:///etc/passwd')"],
    ['traversal-003', 'php://filter/convert.base64-encode/resource=index.php'],
    ['traversal-002', '/var/www/html/config.php'],
    ['traversal-001', '/%5C../%5C../etc/passwd'],
    ['traversal-001', '..%25c0%25af..%25c0%25afetc'],
    ['traversal-004', 'shell.php%00.jpg'],
    ['traversal-004', '../../boot.ini\u0000'],
    ['traversal-005', '>/tmp/curl'],
    ['traversal-006', 'backup.sql.zip'],
    ['traversal-002', '/xampp/phpMyAdmin/config.inc.php'],
    ['traversal-002', '/usr/spool/mqueue/syslog'],
    ['traversal-002', '/var/cron/log'],
    ['traversal-002', '/var/www/app/.env'],
    ['traversal-002', 'C:/users/administrator/.aws/config'],
    ['traversal-002', 'c:/home/site/wwwroot/appsettings.json'],
    ['traversal-007', 'index.php::$DATA'],
    ['traversal-007', '/admin/web.config::$data'],
    ['traversal-007', '/admin..::$INDEX_ALLOCATION/login.aspx'],
    ['traversal-007', '/secret:$i30:$INDEX_ALLOCATION/x.asp'],
    ['traversal-001', '..2f..2f..2fetc2fpasswd'],
    ['traversal-001', '..5C..5Cwindows5Cwin.ini'],
    ['traversal-002', '/usr/local/php5/httpd.conf.php'],
    ['traversal-002', '/Volumes/webBackup/private/etc/httpd/httpd.conf.default'],
    ['traversal-002', '/var/spool/cron/crontabs/root'],
    ['traversal-002', '/var/lib/php5/session/sess_<sessid>'],
    ['traversal-002', '~/.mysql_history'],
    ['traversal-002', '/Program Files\\Apache Group\\Apache\\logs\\access.log'],
    ['traversal-002', 'C:\\ProgramFiles\\MySQL\\data\\mysql-bin.log'],
    ['traversal-002', 'c:/WINDOWS/setupact.log'],
    ['traversal-002', '/usr/ports/ftp/pure-ftpd/pureftpd.passwd'],
  ])('%s catches %j at paranoia 1', (ruleId, input) => {
    expect(ruleIds(input)).toContain(ruleId);
  });

  it.each([
    'see ../README for details',
    'wait... what?',
    'v1.2.3',
    'The /etc/passwd file lists accounts',
    'Edit /etc/resolv.conf to add a name server',
    'apples, pears, etc/and so on',
    'history.history',
    '>/tmp',
    '>/test.environment',
    'C:\\Windows\\System32\\ls',
    'git config core.sshCommand "C:/Windows/System32/OpenSSH/ssh.exe"',
    'Edit my.ini and restart MySQL',
    'C:\\Program Files\\Acme\\acme.exe',
    'https://example.com/a/b/c',
    'profile.zip',
    'echo Config::$DATA;',
    'process.env.NODE_ENV',
    'load the .env file',
    'edit appsettings.json to configure',
    'read index.php::$',
    'index.php::$database',
    'a%00',
    "if (cwd instanceof URL || cwd.startsWith('file://')) {",
    '// XXX: file:// URIs and absolute paths lead to unexpected behavior',
    'my.gitconfig',
    'docs/web.config.md',
    'see httpd.conf.md for the options',
    'range 0x00..2f',
    'steps 1..2f',
    'my .profile and .login',
    "import { Scalar } from '../../nodes/Scalar.js';",
    'const detector = require("../../NoopDetector");',
    "export type { Config } from '../../../config';",
    '#include "../../include/util.h"',
    '<a class="primitive" href="../../primitive.i16.html">i16</a>',
    "@import '../../styles/base.css';",
    '.. [1] https://en.wikipedia.org/wiki/Elliptic_integrals',
    '.. math:: E(m) = E\\left(\\tfrac{\\pi}{2}\\middle| m\\right)',
    '.../fonts/Roboto-Regular.default.309.ttf | Bin 2212 -> 2208 bytes',
    '\u2026/src/components/Button.tsx',
    '../src/hb-algs.hh:120:3: error: body of constexpr function not a return-statement',
    '../../../../libX11-1.1.5/modules/im/ximcp/imDefLkup.c:223: warning: passing arg 1',
    '../configure: line 12378: ac_fn_c_check_type: command not found',
    'Add a [MetricReader](../../../packages/sdk-metrics/src/export/MetricReader.ts)',
    'For bugs and feature requests, [please create an issue](../../issues/new).',
    'See [the guide](../../docs/guide.md#setup) first',
  ])('leaves %j alone at paranoia 1', (input) => {
    expect(ruleIds(input)).toEqual([]);
  });

  it('flags a single step and a mention only at paranoia 2', () => {
    expect(ruleIds('see ../README for details', 2)).toContain('traversal-020');
    expect(ruleIds('The /etc/passwd file lists accounts', 2)).toContain('traversal-021');
  });
});
