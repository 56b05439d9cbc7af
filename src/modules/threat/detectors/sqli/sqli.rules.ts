import { booleanCondition, literalComparison } from './sqli.boolean-rules.js';
import { bracketedIdentifier, charChain, commonFunction, dynamicExec, errorBased, nestedSqlCall, postgresCast, serverProbe, sqlKeywordPair, sqlOnlyFunction, systemObject, timeBased, versionComment } from './sqli.function-rules.js';
import { commentTruncation, quoteBreakThenSql, quotedExpression, quotedOperation } from './sqli.quote-rules.js';
import { commentBeforeUnion, expressionThenComment } from './sqli.comment-rules.js';
import { FEATURE as F } from './sqli.features.js';
import { hexStatement, hexString } from './sqli.hex-rules.js';
import { type SqliRule } from './sqli.rule-kit.js';
import { querySkeleton } from './sqli.skeleton-rules.js';
import { declareVariable, stackedQuery, unionSelect } from './sqli.statement-rules.js';
import { wholeStatement } from './sqli.write-rules.js';

export { type RuleInput, type SqliRule } from './sqli.rule-kit.js';

/** Ordered by strength; ids are stable (`sqli-NNN`); `needs` names the features a rule cannot match without. */
export const SQLI_RULES: readonly SqliRule[] = [
  { id: 'sqli-001', severity: 'critical', paranoia: 1, description: 'UNION [ALL] SELECT of a column list', match: unionSelect, needs: F.union },
  { id: 'sqli-002', severity: 'critical', paranoia: 1, description: 'stacked query: ; then a statement', match: stackedQuery, needs: F.semicolon },
  { id: 'sqli-003', severity: 'critical', paranoia: 1, description: 'boolean condition on literals after AND/OR', match: booleanCondition, needs: F.logic },
  { id: 'sqli-004', severity: 'critical', paranoia: 1, description: 'closed quote then comment: truncation', match: commentTruncation, needs: F.quoteClosed },
  { id: 'sqli-005', severity: 'critical', paranoia: 1, description: 'time-based: sleep/benchmark/pg_sleep/waitfor delay', match: timeBased, needs: F.timeFunction | F.waitfor },
  { id: 'sqli-006', severity: 'critical', paranoia: 1, description: 'error-based: extractvalue/updatexml/…', match: errorBased, needs: F.function },
  { id: 'sqli-007', severity: 'critical', paranoia: 1, description: 'call of a SQL-only function', match: sqlOnlyFunction, needs: F.function },
  { id: 'sqli-008', severity: 'critical', paranoia: 1, description: 'system schema, table or procedure', match: systemObject, needs: F.systemObject },
  { id: 'sqli-009', severity: 'critical', paranoia: 1, description: 'MySQL version comment /*!NNNNN', match: versionComment, needs: F.versionComment },
  { id: 'sqli-010', severity: 'critical', paranoia: 1, description: 'string built from CHAR()/CONCAT chains', match: charChain, needs: F.function },
  { id: 'sqli-011', severity: 'error', paranoia: 1, description: 'hex literal spelling text in SQL position', match: hexString, needs: F.hexNumber },
  { id: 'sqli-012', severity: 'error', paranoia: 1, description: 'bracketed identifier next to SQL', match: bracketedIdentifier, needs: F.identifier },
  { id: 'sqli-013', severity: 'critical', paranoia: 1, description: 'PostgreSQL ::type cast', match: postgresCast, needs: F.cast },
  { id: 'sqli-014', severity: 'critical', paranoia: 1, description: 'EXEC of a procedure or dynamic SQL', match: dynamicExec, needs: F.exec },
  { id: 'sqli-015', severity: 'critical', paranoia: 1, description: 'DECLARE @variable', match: declareVariable, needs: F.declare },
  { id: 'sqli-016', severity: 'critical', paranoia: 1, description: 'query skeleton (SELECT…FROM, INTO OUTFILE, GROUP BY…HAVING, CASE WHEN)', match: querySkeleton, needs: F.skeleton },
  { id: 'sqli-017', severity: 'critical', paranoia: 1, description: 'quote break followed by SQL', match: quoteBreakThenSql, needs: F.quoteClosed },
  { id: 'sqli-018', severity: 'critical', paranoia: 1, description: 'whole value compares two literals, a server variable, or a SQL call with itself', match: literalComparison },
  { id: 'sqli-019', severity: 'critical', paranoia: 1, description: "closed quote, operator, reopened quote (A' OR 'B)", match: quotedOperation, needs: F.quoteClosed },
  { id: 'sqli-020', severity: 'critical', paranoia: 1, description: 'closed quote, then only an expression up to a reopened quote or a comment', match: quotedExpression, needs: F.quoteClosed },
  { id: 'sqli-021', severity: 'critical', paranoia: 1, description: 'SQL function applied to a SQL function (ascii(substring(…)))', match: nestedSqlCall, needs: F.function },
  { id: 'sqli-022', severity: 'critical', paranoia: 1, description: 'server variable (@@version) or sp_password log hiding', match: serverProbe, needs: F.variable | F.comment },
  { id: 'sqli-023', severity: 'critical', paranoia: 1, description: 'expression of literals cut off by a comment (1--, ( 1 ) --)', match: expressionThenComment, needs: F.comment },
  { id: 'sqli-024', severity: 'critical', paranoia: 1, description: 'comment standing in for the space before UNION', match: commentBeforeUnion, needs: F.union },
  { id: 'sqli-025', severity: 'critical', paranoia: 1, description: 'complete statement that writes or leaves the database (INSERT … VALUES, UPDATE … SET, COPY … PROGRAM, LOAD DATA INFILE, DROP … IF EXISTS, BACKUP … TO DISK)', match: wholeStatement, needs: F.write | F.identifier },
  { id: 'sqli-026', severity: 'critical', paranoia: 1, description: 'hex literal spelling a SQL statement (CAST(0x… AS VARCHAR) then EXEC)', match: hexStatement, needs: F.hexNumber },
  { id: 'sqli-101', severity: 'critical', paranoia: 2, description: 'call of a common SQL function (hex(, char(, …)', match: commonFunction, needs: F.function },
  { id: 'sqli-102', severity: 'error', paranoia: 3, description: 'SQL keyword followed by SQL', match: sqlKeywordPair, needs: F.keywordPair },
];
