import type { Rule } from '../rule-kit.js';
import { isBase64Token } from './base64-token.js';
import { commandAt } from './command-position.js';
import { collapseShell } from './shell-text.js';

/** A value that is itself a command line: `cat /etc/passwd`, `ls -l`, `powershell C:\...`, `whoami`. */
export const commandLineRule: Rule = {
  id: 'cmdi-002',
  kind: 'cmdi',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    const found = commandAt(collapseShell(form), 0, { allowBare: false, allowWords: true });
    return found === null || isBase64Token(form) ? null : found;
  },
};
