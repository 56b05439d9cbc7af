/** Commands that are not everyday words: seeing one in command position is a strong signal on its own. */
const DISTINCTIVE = new Set(
  `whoami uname ifconfig ipconfig wget curl nc ncat netcat bash zsh ksh csh tcsh dash busybox sh
  python perl irb gcc c89 c99 gdb strace ltrace nohup powershell pwsh cmd nslookup traceroute tracert netstat
  chmod chown chgrp ls ps env printenv lsof killall crontab sudo base64 base32 xxd telnet ssh scp tftp rsync socat
  gawk xargs nmap systeminfo tasklist taskkill certutil bitsadmin mshta regedit rundll32 regsvr32 wmic schtasks
  bcdboot iwr iex iwmi wscript cscript msiexec ansible ansible-config ansible-galaxy ansible-console ansible-doc
  ansible-inventory ansible-pull ansible-vault ansible-playbook chef chef-vault chef-shell chef-run chef-client cscli
  visudo zstdcat gunzip unxz bsdtar xterm lastlog lastlogin htop aptitude apt-get yum dnf dpkg rmt rmt-tar rmt-dump
  cpulimit hexdump openssl getent iptables systemctl useradd usermod passwd sysctl pkill pgrep nproc mkfifo
  uptime dmesg ifup ifdown hostname tcpdump php lua luajit jrunscript jjs groovy tclsh wish expect vim vi nano
  invoke-webrequest invoke-expression invoke-restmethod invoke-command start-process new-object aa-disable
  get-help start-sleep get-process stop-process get-childitem get-content set-content add-content get-item remove-item
  copy-item move-item new-item get-service get-wmiobject get-ciminstance get-localuser get-localgroup get-acl
  get-computerinfo get-netipconfiguration test-connection test-netconnection resolve-dnsname select-string out-file
  write-output write-host
  net.exe reg.exe whoami.exe cmd.exe powershell.exe bsdcat zcat bzcat xzcat gzip bzip2 xz zstd 7z rar unrar
  netsh icacls cacls vssadmin wevtutil bcdedit nltest dsquery quser qwinsta findstr takeown fsutil diskpart sysinfo`.split(/\s+/),
);

/** Commands that are also words of prose; they need a shell-like context (an argument, or the end of a segment). */
const AMBIGUOUS = new Set(
  `cat id set type who time sleep ping find more less head tail sort kill file last date dir net echo cut top
  test read wait cd source which history column fold comm bridge rev tee touch du df ip route uniq printf exec
  eval export alias locate strings mount groups service ruby node rm cp mv dd od tar zip grep egrep fgrep awk sed
  nice timeout perf flock trap tr md del copy call start mkdir rmdir pwd su dig host wc diff w
  tac nl ver vol attrib arp reg usleep expr`.split(/\s+/),
);

/** Words that only run another command: `time sh -c id` is judged on `sh`. */
export const PREFIX_COMMANDS = new Set(['time', 'nohup', 'strace', 'ltrace', 'sudo', 'nice', 'timeout', 'exec', 'command', 'builtin', 'env']);

/** The one-character command words, and the first two characters of the longer ones, by ASCII code. */
const ONE_CHARACTER_WORDS = new Uint8Array(0x80);
const FIRST_TWO_CHARACTERS = new Uint8Array(0x80 * 0x80);
for (const word of [...DISTINCTIVE, ...AMBIGUOUS, ...PREFIX_COMMANDS]) {
  if (word.length === 1) {
    ONE_CHARACTER_WORDS[word.charCodeAt(0)] = 1;
  } else {
    FIRST_TWO_CHARACTERS[(word.charCodeAt(0) << 7) | word.charCodeAt(1)] = 1;
  }
}

/**
 * False only when no word opening with the lower-cased ASCII codes `first` and `second` (-1 for a one-character
 * word) can be a prefix word or have a `commandStrength`: both read the lower-cased word, at most cut at its end
 * (`.exe`, version digits), so a command word keeps the first two characters, or is the first character alone.
 */
export function mayOpenCommandWord(first: number, second: number): boolean {
  return ONE_CHARACTER_WORDS[first] === 1 || (second >= 0 && FIRST_TWO_CHARACTERS[(first << 7) | second] === 1);
}

export type CommandStrength = 'distinctive' | 'ambiguous' | null;

/** `reg`'s verbs, then a hive; collapseShell has dropped the quotes and the backslash after it (`HKLMSystem`). */
const REGISTRY_COMMAND = /^\s+(?:add|query|delete|export|import|save|load|unload|copy|compare|restore)\s+(?:hklm|hkcu|hkcr|hkcc|hku|hkey_)/i;

/** `netsh`'s contexts, then a verb or a sub-context: `netsh firewall set opmode disable`, `netsh wlan show profiles`. */
const NETSH_COMMAND =
  /^\s+(?:advfirewall|firewall|interface|int|wlan|winhttp|winsock|http|ipsec|ras|routing|lan|bridge|branchcache|dhcpclient|dnsclient|namespace|trace|wcn|mbn|p2p|rpc)\s+(?:set|add|delete|show|reset|dump|import|export|start|stop|ip|ipv4|ipv6|tcp|portproxy|firewall|allprofiles|rule)\b/i;

/** `wmic`'s global switches, or an alias and a verb: `wmic /node:host process call create …`, `wmic shadowcopy delete`. */
const WMIC_COMMAND = /^\s+(?:\/(?:node|user|password|namespace|format|output|locale|privileges|authority):|[a-z]{2,24}\s+(?:get|call|list|where|delete|set|create|assoc)\b)/i;

/**
 * `expr`'s own syntax: a string operator (`expr substr "$x" 1 1`), or an operand, a blank and an operator
 * (`expr 0 + 2`, `expr $a * 3`): quotes are gone after collapseShell. In prose and code `expr` names an expression.
 */
const EXPR_COMMAND = /^[ \t]+(?:(?:substr|length|index|match)[ \t]|(?:-?[0-9]+|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?)[ \t]+(?:[-+*/%<>=|&]|!=|<=|>=)[ \t])/;

interface ToolSyntax {
  pattern: RegExp;
  /** Without its syntax the word is something else (`&reg;`), rather than a command judged like any other. */
  required: boolean;
}

/**
 * Command words whose own syntax after them makes a command line on its own, with no separator or shell character
 * (`reg add HKLM\…`, `netsh firewall set opmode disable`): the value is the command a Windows tool runs.
 */
const TOOL_SYNTAX: ReadonlyMap<string, ToolSyntax> = new Map([
  ['reg', { pattern: REGISTRY_COMMAND, required: true }],
  ['netsh', { pattern: NETSH_COMMAND, required: false }],
  ['wmic', { pattern: WMIC_COMMAND, required: false }],
  ['expr', { pattern: EXPR_COMMAND, required: true }],
]);

/**
 * For a word of TOOL_SYNTAX: true when its syntax follows it at `end` in `text`, false when the word needs it and it
 * does not follow; undefined for any other word, and for a word that does not need it.
 */
export function toolSyntaxFollows(word: string, text: string, end: number): boolean | undefined {
  const tool = TOOL_SYNTAX.get(canonicalCommand(word));
  if (tool === undefined) {
    return undefined;
  }
  if (tool.pattern.test(text.slice(end, end + 64))) {
    return true;
  }
  return tool.required ? false : undefined;
}

/** `python3.10`, `gcc10.1`, `CMD.EXE` and `Bash` all name the same command. */
export function canonicalCommand(word: string): string {
  return canonicalLower(withoutExe(word.toLowerCase()));
}

function withoutExe(lower: string): string {
  return lower.endsWith('.exe') ? lower.slice(0, -4) : lower;
}

/** Drops the version digits and dots `canonicalCommand` ignores, keeping the first character. */
function canonicalLower(w: string): string {
  let end = w.length;
  while (end > 1 && isDigitOrDot(w.charCodeAt(end - 1))) {
    end--;
  }
  return w.slice(0, end);
}

function isDigitOrDot(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || code === 0x2e;
}

export function commandStrength(word: string): CommandStrength {
  const exact = withoutExe(word.toLowerCase());
  const w = DISTINCTIVE.has(exact) || AMBIGUOUS.has(exact) ? exact : canonicalLower(exact);
  if (DISTINCTIVE.has(w)) {
    return 'distinctive';
  }
  return AMBIGUOUS.has(w) ? 'ambiguous' : null;
}
