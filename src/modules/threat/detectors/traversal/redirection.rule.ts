import type { Rule } from '../rule-kit.js';

/** A value that is a shell redirection onto an absolute path (`>/tmp/curl`, `< /etc/hosts`): writes or reads the disk. */
export const redirectionRule: Rule = {
  id: 'traversal-005',
  kind: 'traversal',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    const value = form.trimStart();
    return /^[<>]{1,2} ?\/[A-Za-z0-9_.-]+\/[A-Za-z]/.test(value) ? value.slice(0, 32) : null;
  },
};
