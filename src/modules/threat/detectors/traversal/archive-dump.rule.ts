import type { Rule } from '../rule-kit.js';

/** A database dump fetched as a file name: `backup.sql.zip`, `db.sql.gz`. */
export const archiveDumpRule: Rule = {
  id: 'traversal-006',
  kind: 'traversal',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    const value = form.trim().toLowerCase();
    return value.length <= 128 && /^[a-z0-9_./-]*\.sql\.(zip|gz|tgz|bz2|xz|tar|7z|rar)$/.test(value) ? value : null;
  },
};
