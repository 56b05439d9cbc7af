import { booleanCondition, literalComparison } from './sqli.boolean-rules.js';
import { bracketedIdentifier, charChain, commonFunction, dynamicExec, errorBased, hexString, nestedSqlCall, postgresCast, serverProbe, sqlKeywordPair, sqlOnlyFunction, systemObject, timeBased, versionComment } from './sqli.function-rules.js';
import { commentTruncation, quoteBreakThenSql, quotedExpression, quotedOperation } from './sqli.quote-rules.js';
import { type SqliRule } from './sqli.rule-kit.js';
import { declareVariable, querySkeleton, stackedQuery, unionSelect } from './sqli.statement-rules.js';

export { type RuleInput, type SqliRule } from './sqli.rule-kit.js';

/** Ordered by strength; ids are stable (`sqli-NNN`). */
export const SQLI_RULES: readonly SqliRule[] = [
  { id: 'sqli-001', severity: 'critical', paranoia: 1, description: 'UNION [ALL] SELECT of a column list', match: unionSelect },
  { id: 'sqli-002', severity: 'critical', paranoia: 1, description: 'stacked query: ; then a statement', match: stackedQuery },
  { id: 'sqli-003', severity: 'critical', paranoia: 1, description: 'boolean condition on literals after AND/OR', match: booleanCondition },
  { id: 'sqli-004', severity: 'critical', paranoia: 1, description: 'closed quote then comment: truncation', match: commentTruncation },
  { id: 'sqli-005', severity: 'critical', paranoia: 1, description: 'time-based: sleep/benchmark/pg_sleep/waitfor delay', match: timeBased },
  { id: 'sqli-006', severity: 'critical', paranoia: 1, description: 'error-based: extractvalue/updatexml/…', match: errorBased },
  { id: 'sqli-007', severity: 'critical', paranoia: 1, description: 'call of a SQL-only function', match: sqlOnlyFunction },
  { id: 'sqli-008', severity: 'critical', paranoia: 1, description: 'system schema, table or procedure', match: systemObject },
  { id: 'sqli-009', severity: 'critical', paranoia: 1, description: 'MySQL version comment /*!NNNNN', match: versionComment },
  { id: 'sqli-010', severity: 'critical', paranoia: 1, description: 'string built from CHAR()/CONCAT chains', match: charChain },
  { id: 'sqli-011', severity: 'error', paranoia: 1, description: 'hex literal spelling text in SQL position', match: hexString },
  { id: 'sqli-012', severity: 'error', paranoia: 1, description: 'bracketed identifier next to SQL', match: bracketedIdentifier },
  { id: 'sqli-013', severity: 'critical', paranoia: 1, description: 'PostgreSQL ::type cast', match: postgresCast },
  { id: 'sqli-014', severity: 'critical', paranoia: 1, description: 'EXEC of a procedure or dynamic SQL', match: dynamicExec },
  { id: 'sqli-015', severity: 'critical', paranoia: 1, description: 'DECLARE @variable', match: declareVariable },
  { id: 'sqli-016', severity: 'critical', paranoia: 1, description: 'query skeleton (SELECT…FROM, INTO OUTFILE, GROUP BY…HAVING, CASE WHEN)', match: querySkeleton },
  { id: 'sqli-017', severity: 'critical', paranoia: 1, description: 'quote break followed by SQL', match: quoteBreakThenSql },
  { id: 'sqli-018', severity: 'critical', paranoia: 1, description: 'whole value compares two literals', match: literalComparison },
  { id: 'sqli-019', severity: 'critical', paranoia: 1, description: "closed quote, operator, reopened quote (A' OR 'B)", match: quotedOperation },
  { id: 'sqli-020', severity: 'critical', paranoia: 1, description: 'closed quote, then only an expression up to a reopened quote or a comment', match: quotedExpression },
  { id: 'sqli-021', severity: 'critical', paranoia: 1, description: 'SQL function applied to a SQL function (ascii(substring(…)))', match: nestedSqlCall },
  { id: 'sqli-022', severity: 'critical', paranoia: 1, description: 'server variable (@@version) or sp_password log hiding', match: serverProbe },
  { id: 'sqli-101', severity: 'critical', paranoia: 2, description: 'call of a common SQL function (hex(, char(, …)', match: commonFunction },
  { id: 'sqli-102', severity: 'error', paranoia: 3, description: 'SQL keyword followed by SQL', match: sqlKeywordPair },
];
