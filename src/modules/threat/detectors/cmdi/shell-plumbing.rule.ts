import type { Rule } from '../rule-kit.js';
import { commandStrength } from './command-words.js';
import { expandEscapedBreaks } from './escaped-breaks.js';
import { collapseShell, readWord } from './shell-text.js';

/**
 * Shell-only plumbing: here-strings into a command (`cat<<<sh`), `/dev/tcp/` and gawk `/inet/tcp/` reverse shells, `/bin/sh` paths
 * (also `/\b\i\n/////s\h`), and server-side include exec directives.
 */
export const shellPlumbingRule: Rule = {
  id: 'cmdi-010',
  kind: 'cmdi',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    const lower = shellPath(form);
    const ssi = lower.indexOf('<!--#exec');
    if (ssi >= 0) {
      return form.slice(ssi, ssi + 32);
    }
    const hereString = lower.indexOf('<<<');
    if (hereString > 0 && /[a-z0-9 ]/.test(lower.charAt(hereString - 1))) {
      return form.slice(Math.max(0, hereString - 8), hereString + 24);
    }
    for (const marker of ['/dev/tcp/', '/dev/udp/', '/inet/tcp/', '/inet/udp/']) {
      const at = lower.indexOf(marker);
      if (at >= 0) {
        return form.slice(Math.max(0, at - 8), at + 24);
      }
    }
    return binaryPath(lower) ?? windowsShellPath(form.toLowerCase()) ?? binaryPathAfterEscapedBreak(form);
  },
};

const LOCAL_BIN = '/usr/local/bin/';
const BINARY_DIRS = ['/bin/', '/sbin/', '/usr/bin/', '/usr/sbin/', LOCAL_BIN];

function binaryPath(lower: string): string | null {
  for (const dir of BINARY_DIRS) {
    for (let at = lower.indexOf(dir); at >= 0; at = lower.indexOf(dir, at + 1)) {
      const before = at === 0 ? ' ' : lower.charAt(at - 1);
      const after = lower.charAt(at + dir.length);
      // /usr/local/bin holds whatever a site installs: after a space or quote (prose: "copied it to
      // /usr/local/bin/mytool", a path field) only a known command's name there reads as one being run.
      const separated = /[;|&`(=]/.test(before);
      const named = separated || dir !== LOCAL_BIN || commandStrength(readWord(lower, at + dir.length)) !== null;
      if ((separated || /[\s'"]/.test(before)) && /[a-z]/.test(after) && named) {
        return lower.slice(at, at + 32);
      }
    }
  }
  return lower.startsWith('bin/') && commandStrength(readWord(lower, 4)) !== null ? lower.slice(0, 32) : null;
}

/** `\n/usr/bin/id\n`: a binary's path on a line of its own, the line breaks written as escapes. */
function binaryPathAfterEscapedBreak(form: string): string | null {
  const expanded = expandEscapedBreaks(form);
  return expanded === null ? null : binaryPath(shellPath(expanded));
}

/** The form as the shell reads a path in it: quotes and escapes collapsed, lower case, `//` as `/`. */
function shellPath(form: string): string {
  return collapseShell(form).toLowerCase().replace(/\/{2,}/g, '/');
}

/** Windows interpreters and download tools called by their System32 path (`c:\windows\system32\cmd.exe /c`). */
const WINDOWS_SHELLS = ['cmd', 'powershell', 'wscript', 'cscript', 'mshta', 'rundll32', 'regsvr32', 'certutil', 'bitsadmin', 'whoami', 'net', 'wbem\\wmic'];

function windowsShellPath(lower: string): string | null {
  for (let at = lower.indexOf('system32\\'); at >= 0; at = lower.indexOf('system32\\', at + 9)) {
    const rest = lower.slice(at + 9, at + 48);
    if (WINDOWS_SHELLS.some((name) => rest.startsWith(name) && /^(?:\.exe)?(?:[\s"'&|;]|$)/.test(rest.slice(name.length)))) {
      return lower.slice(at, at + 32);
    }
  }
  return null;
}
