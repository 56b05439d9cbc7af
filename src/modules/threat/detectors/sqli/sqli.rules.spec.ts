import { type Paranoia } from '../../engine/threat.types.js';
import { detectSqli } from './sqli.detector.js';

const rules = (value: string, paranoia: Paranoia = 1): string[] => detectSqli({ raw: value, forms: [value] }, paranoia).map((m) => m.ruleId);

/** Per rule: attacks it must flag, and near misses (benign look-alikes) it must leave alone. */
const CASES: Record<string, { attacks: string[]; benign: string[] }> = {
  'sqli-001': {
    attacks: ["test'-1 union(select table)", "' UNION SELECT 1,2,3--", '-1 union all select null,null', 'x/*!50000union*/ /*!50000select*/ password from users', '1 union(select 1)', '1+UNION+SELECT+1', "'''UNION SELECT '2"],
    benign: ['Union Square', "O'connors UNION selected a few friends", 'the union select committee met'],
  },
  'sqli-002': {
    attacks: ['1; use master;--', '1; DROP TABLE users', "x'; delete from accounts--", '1;shutdown', "'; exec xp_cmdshell 'dir'", "';if 1=1 shutdown-- -a", '1; delete ignore from foo', '1;call p(@version, @a)', "'; while 1=1 shutdown-- -a", '1;load data infile "foo"', '1; if exists (select 1)', "'; COPY cmd_exec FROM PROGRAM 'id'--", "';copy (select '') to program 'id'--", "'; desc users; --", '1;DESCRIBE users', "'; show databases; --", '1; show full processlist', "'; show create table users--"],
    benign: ['use Getopt::Long;\nuse App::Prove::State;\nuse Carp;', 'require Exporter;\nuse POSIX;', '1;\nuse strict;\nuse warnings;', "Roger'; copy that", 'done; copy the file later', 'Sure; copy it to the drive', '1; exec will create the case 7', 'Hello; select your plan below', 'a; b; c', 'ok; if you can, call me', 'Tell us about you; describe yourself', 'sort=name; desc', "It's great; show it to me", 'We have 5 tables; show tables to guests', "Sam'; show us"],
  },
  'sqli-003': {
    attacks: ['1 and true', '1 or not 0', '1) AND binary 8049=binary 8049-- oHEz', 'AND 1', ' OR x=y', ') or (a=a', 'hi or a=a', "x') OR (Col = col);", "aa'or column=column -- #aa", '1234 OR 1=1', "-1839' or '1'='1", 'EmptyValue\' and 526=527', "x' or 1--", 'HOPE AND 1+2=3+4', "' OR UserID IS NOT NULL"],
    benign: ['1 or 2', 'pages 1 and 2', 'and task.finished_time is None', 'or encoding is not serialization.Encoding.Raw', 'version 1.e(2) of the binary 5 file', 'true or false', 'and/or', "aa' or bb -- see notes", 'fish and chips', 'me or 2 others', "Let's meet at 5 or 6 -- whichever works", '5685587||ORDER=||SECTION_ID=||PAGE=2', 'necklace length 16" or 18"', 'a or b=b then stop', 'one or a=b'],
  },
  'sqli-004': {
    attacks: ["admin'--", "admin')) -- ", 'x"#', "root@example.com'/* comment */;"],
    benign: ["BAMBOO CHARCOAL SOAP 1 '#", "O'Brien", "BLUE DRESS' --INFANT -CHILD", '7" #2 CIRCULAR NEEDLE', 'DRESS WITH HAT 18\';'],
  },
  'sqli-005': {
    attacks: ["x' or benchmark (10000000, sha1(1))#", '1 ;BEGIN USER_LOCK.SLEEP(5); END', '1 1.e) AND SLEEP 1.e(5 1.e)#', '1 / "java.lang.Thread.sleep"(5000) ', 'sleep(5)', "x' and sleep(12) --", 'benchmark(1000000,md5(1))', "'; WAITFOR DELAY '0:0:5'--", 'select pg_sleep(3)', "1 AND GET_LOCK('a',5)"],
    benign: ['**benchmark**: drop misc/punycode benchmark (Rafael Gonzaga)', 'To run benchmark (requires node.js 6+):', 'sleep(8) hours a night is healthy', 'I need sleep (lots of it)', 'sleep well tonight', 'wait for delay notifications'],
  },
  'sqli-006': {
    attacks: ['and extractvalue(1,concat(0x7e,version()))', 'updatexml(1,concat(0x7e,user()),1)', "name_const('a',1)"],
    benign: ['extract value from data', 'update xml file'],
  },
  'sqli-007': {
    attacks: ['load_file("/etc/passwd")', 'IFNULL(', 'group_concat(table_name)', 'CURRENT_USER()'],
    benign: ['load file please', 'current user settings', 'group concat of strings'],
  },
  'sqli-008': {
    attacks: ['from information_schema.tables', 'select name from sysobjects', 'pg_catalog.pg_tables', 'exec master..xp_cmdshell', 'EXEC XP_REGREAD'],
    benign: ['information schema design', 'the system objects list', 'xP_W5cXKdq38ShKtmm9AqwLNqD55MhXbDW1Whsxc', "xp_known_backends = {'numpy', 'torch'}", 'if xp_device(y) == xp_device(x):'],
  },
  'sqli-009': {
    attacks: ['/*!50000select*/ 1', '1/*!union*/'],
    benign: ['/*! jQuery v3.7.1 | (c) OpenJS Foundation */', '/* plain comment */'],
  },
  'sqli-010': {
    attacks: ['CHAR(113)+CHAR(118)', 'char(97,100,109)', "concat(0x7e3a,user())"],
    benign: ['char(5) column', 'concatenate(a, b)', '=A1&CHAR(10)&B1', 'return [].concat(src.slice(0, pos), items);', 'var x = "".concat(this.value).toUpperCase();'],
  },
  'sqli-011': {
    attacks: ['where name = 0x61646d696e', 'values (0x41424344)'],
    benign: ['color 0xffffff', 'address 0x7fff5fbff8c8'],
  },
  'sqli-012': {
    attacks: ['select [name] from [dbo].[users]', 'from [master].sys'],
    benign: ['[1, 2, 3]', '[citation needed]', 'see [docs] here'],
  },
  'sqli-013': {
    attacks: ['1 AND Password::int=1', 'x::int::text', 'password::int', 'function(foo)::double precision', "'{\"a\":1}'::jsonb"],
    benign: ['Math::BigInt::Calc', "use Math::BigInt lib => 'Calc';", 'IO::Socket::INET->new(PeerAddr => $host)', "'Pod::Text' => '4.08',", 'std::string', 'Foo::Bar::baz', 'time 10::30'],
  },
  'sqli-014': {
    attacks: [' exec xp_cmdshell', "EXECUTE IMMEDIATE 'x'", 'exec (@q)', 'exec sp_executesql @s', '1;exec(char(0x73))', "'; EXEC 'sp_who'--", "'; exec('sel'+'ect 1')--"],
    benign: ['exec (', 'exec summary meeting', 'execute the plan', 'code = compile(fp.read(), opts.progname, "exec")', "exec(compile('raise ValueError()', '', 'exec'), {})", 'exec(f.read(), namespace)'],
  },
  'sqli-015': {
    attacks: ['declare @q varchar(99)', 'DECLARE/**/@x'],
    benign: ['I declare @everyone welcome', 'declare war'],
  },
  'sqli-016': {
    attacks: ["1') HAVING 8202=8202 -- -", '1 HAVING 4097=4097', 'select * from users', "into outfile '/tmp/x'", 'SELECT x GROUP BY y HAVING COUNT(Id) >= 9', 'case when 1 then 2 end', 'if(2=', '(select login/2 from users limit 1,1)', '(select id from users limit 1,1)', '1234.5) ORDER BY 1', 'case 1 when 2 then 2 end', 'case sin(1) when 2 then 2 end', "if('a' in ('a','b'),sleep(5),0)", 'SELECT 1 INTO @a', '1 LIMIT 1 INTO @', ' HAVING 1=1', "1) from users where username='admin')", "' or MATCH username AGAINST ('+admin' IN BOOLEAN MODE)", ' ORDER BY 3 ', 'group by 1,2', 'select current_user;', 'SELECT session_user', 'create user app identified by secret', "' (select top 1", 'SELECT message FROM data WHERE row = 1', 'select+1+from+users'],
    benign: ['kids having 2 or more toys', 'how+to+select+from+table', 'select+from+users', 'const answer = await select({', 'returned by `await select()`.', 'select your plan', 'select one from the list', 'select x from y where', 'in case you wonder, then go', 'Please order by 5 pm', 'if (a > 0 && b < 10) { go(); }', 'if ("toDataURL" in canvas) {', '=IF(A1>5,"yes","no")', 'Union Jack, select committee, drop-down menu.', 'log into @me 1', 'Group by category having at least two items', 'order by 3 items', 'order by 1,', 'select current user', 'Create user accounts, identified by e-mail', ' (select top 1', "it's (select a size)", 'select one from the list where you like'],
  },
  'sqli-017': {
    attacks: ["'; select p", "x' waitfor delay '5'", "foo'||(select 1)", "' group by 1,2--", "1' limit 1,1#", "' procedure analyse(extractvalue(1,1),1)--"],
    benign: ["O' UNION selected a few friends", 'Die "Union von Europa"', 'Don\'t write "WHERE 1=1" in production code', "'procedure?', 'quotient',", '"group-automate-rule",', '- `limit` - The byte limit of the body.'],
  },
  'sqli-018': {
    attacks: ["'x'!='y", "'a'='a", "A '<=' B", "crc32('MySQL')=crc32('MySQL')", 'current_database()=current_database()', '@@CONNECTIONS>0', '@@CPU_BUSY=@@CPU_BUSY'],
    benign: ['"IS" STAMP', '"LIKE" STAMP', "  aIndicator: '<',", "escape('<'); // escaped", 'f(x)=g(x)', 'max(a)=max(b)', 'user@@example.com', "(r'=', Operator),", "if '=' not in line:"],
  },
  'sqli-019': {
    attacks: ["A' OR 'B", "' = '", "'||'", "x' XOR 'y", "'-'", "admin'-'"],
    benign: ['SMALL "&" SIGN', "'-\"8", 'CHRISTMAS STOCKING "NOT" STUFFER', "@Controller('/')", "s.prepend('>>')", 'href="/"', "sep='-'", 'id="*"'],
  },
  'sqli-020': {
    attacks: ["aa'^0+0='0", "aa' is 0 or '1", "asd' =- (-'asd') -- -a", "1' * id - '0"],
    benign: ["a' or b'", "bob's or alice's", '4\'+X+4\'+WOOD', '<?xml version="1.0" encoding="UTF-8"?>', "Rock 'n' roll", "ipaddr.parse('2001:db8::1').toString(); // => '2001:db8::1'", "(r'\\}', Comment, '#pop'),"],
  },
  'sqli-021': {
    attacks: ['ascii(substring(passwd,1,1))', 'LENGTH(version())', 'conv(hex(substr(version() FROM 1 FOR 2)),16,10)'],
    benign: ['hex(ord(c)) in Python', 'Math.floor(Math.random())', 'len(str(x))'],
  },
  'sqli-022': {
    attacks: ['@@version--', "1' union select @@datadir", "1'--sp_password"],
    benign: ['user@@example.com', '@@ -1,4 +1,5 @@', 'reset your password -- support'],
  },
  'sqli-023': {
    attacks: ['1--', '1 * 1 /*', " ( COS ( BINARY ( 'b')) ) --", ' ( ( 1 ) ) --', '@version --'],
    benign: ['1,1--', '1 -- 2', '(see above) --', 'Chapter (1) --', '2024 #1'],
  },
  'sqli-025': {
    attacks: ["INSERT INTO users (username, password) VALUES ('a', 'b')", "UPDATE users SET password = 'x' WHERE username = 'admin'", 'DELETE FROM users WHERE 1=1', "COPY (SELECT '') TO PROGRAM 'id'", "ATTACH DATABASE '/var/www/lol.php' AS lol", 'SELECT user FROM dual', 'insert into t select x', "COPY pentestlab(t) TO '/tmp/pentestlab';", "load data infile '\\\\error\\abc' into table db.t;", 'DROP TABLE IF EXISTS cmd_exec;', "BACKUP DATABASE master TO DISK='\\\\10.0.0.1\\share\\db.bak'", "backup log sales to disk = 'x.trn'"],
    benign: ['Then insert into the form your name', 'Please update your profile settings', 'We will delete from the list anyone who', 'copy that to the clipboard', 'copy files to program folder', 'select from dual options', 'dual citizenship', 'drop table 5 if you must', "Copy (the 'draft') to 'Final'", 'Please backup database files to disk weekly', 'backup database to disk'],
  },
  'sqli-026': {
    attacks: ['0x77616974666F722064656C61792027303A303A313027', '0x730065006c0065006300740020004000400076006500 ...', '0x770061006900740066006F0072002000640065006C00 ...', '0x770061006900740066006F0072002000640065006C00610079', 'DECLARE @S NVARCHAR(4000);SET @S=CAST(0x4445434C41524520405420 AS NVARCHAR(4000));EXEC(@S);'],
    benign: ['0x52908400098527886E0F7030069857D2E4169EE7', '0x68656c6c6f20776f726c64', 'tx 0xdeadbeefcafebabe confirmed', '0x73656c656374'],
  },
  'sqli-024': {
    attacks: ['-1#\r\nunion', '1/1/**/union#--', "x'#\nunion select 1"],
    benign: ['-1 # union members', 'join the union /* soon */', 'Union Square #5'],
  },
};

describe('SQLi rules at paranoia 1', () => {
  for (const [id, { attacks, benign }] of Object.entries(CASES)) {
    describe(id, () => {
      it.each(attacks)('flags %j', (value) => {
        expect(rules(value)).toContain(id);
      });
      it.each(benign)('leaves %j alone', (value) => {
        expect(rules(value)).not.toContain(id);
      });
    });
  }
});

describe('weak SQLi signals only at stricter paranoia', () => {
  it('flags a lone common function call (hex() at paranoia 2, not 1', () => {
    expect(rules('hex(', 1)).toEqual([]);
    expect(rules('hex(', 2)).toContain('sqli-101');
  });

  it('flags a SQL keyword followed by SQL at paranoia 3, not 2', () => {
    expect(rules('from `users`', 2)).not.toContain('sqli-102');
    expect(rules('from `users`', 3)).toContain('sqli-102');
  });
});
