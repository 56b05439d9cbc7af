/** Words that open or shape SQL statements (anything else made of letters is a bareword). */
export const KEYWORDS: ReadonlySet<string> = new Set([
  'select', 'union', 'all', 'distinct', 'distinctrow', 'from', 'where', 'having', 'group', 'order', 'by', 'limit',
  'offset', 'into', 'outfile', 'dumpfile', 'values', 'insert', 'update', 'delete', 'drop', 'create', 'alter',
  'truncate', 'replace', 'exec', 'execute', 'declare', 'set', 'table', 'database', 'schema', 'procedure', 'function',
  'waitfor', 'delay', 'time', 'shutdown', 'case', 'when', 'then', 'else', 'end', 'null', 'true', 'false', 'is',
  'like', 'rlike', 'regexp', 'in', 'between', 'as', 'join', 'on', 'top', 'cast', 'convert', 'collate', 'escape',
  'sounds', 'div', 'mod', 'asc', 'desc', 'begin', 'immediate', 'analyse', 'load', 'data', 'infile', 'grant',
  'revoke', 'use', 'if', 'exists', 'with', 'returns', 'return', 'handler', 'call', 'prepare', 'deallocate', 'against',
  'match', 'while', 'copy', 'program',
]);

/** Logic operators spelled as words; `&&` and `||` are found as symbols. */
export const LOGIC_WORDS: ReadonlySet<string> = new Set(['and', 'or', 'xor', 'not']);

/** Comparison operators that make a boolean of two operands. */
export const COMPARISONS: ReadonlySet<string> = new Set([
  '=', '<>', '!=', '<', '>', '<=', '>=', '<=>', 'like', 'rlike', 'regexp', 'is', 'sounds', 'in', 'between',
  '@>', '<@', '?', '?|', '?&', '->', '->>', '#>', '#>>', '@?', '@@', '!<', '!>', '^=', '~', '~*',
]);

/** Statements that can follow `;` in a stacked query, each with the words that make it SQL rather than prose. */
export const STATEMENTS: ReadonlySet<string> = new Set([
  'select', 'insert', 'update', 'delete', 'drop', 'create', 'alter', 'truncate', 'replace', 'exec', 'execute',
  'declare', 'shutdown', 'waitfor', 'set', 'grant', 'revoke', 'load', 'call', 'prepare', 'begin', 'use', 'with', 'if',
  'do', 'while', 'copy', 'desc', 'describe', 'show',
]);

/** Statement words that are everyday words too: after a quote break they count only in a statement's shape. */
export const PROSE_STATEMENTS: ReadonlySet<string> = new Set(['copy', 'desc', 'describe', 'show']);

/** Functions that make a query wait: time-based blind injection. */
export const TIME_FUNCTIONS: ReadonlySet<string> = new Set([
  'sleep', 'benchmark', 'pg_sleep', 'pg_sleep_for', 'pg_sleep_until', 'dbms_lock.sleep', 'dbms_pipe.receive_message',
  'randomblob', 'get_lock', 'dbms_session.sleep', 'user_lock.sleep', 'java.lang.thread.sleep',
]);

/** Functions used to leak data through error messages: error-based injection. */
export const ERROR_FUNCTIONS: ReadonlySet<string> = new Set([
  'extractvalue', 'updatexml', 'name_const', 'xmltype', 'geometrycollection', 'multipoint', 'polygon',
  'multipolygon', 'linestring', 'multilinestring', 'exp', 'gtid_subset', 'json_keys', 'utl_inaddr.get_host_name',
  'ctxsys.drithsx.sn', 'dbms_xmlgen.getxml',
]);

/**
 * Functions that exist in SQL dialects and hardly anywhere else: a call to one is SQL (CRS 942151's idea, kept to
 * the names that are not common words or common in programming languages).
 */
export const SQL_ONLY_FUNCTIONS: ReadonlySet<string> = new Set([
  'load_file', 'make_set', 'current_user', 'session_user', 'system_user', 'ifnull', 'isnull', 'nullif', 'coalesce',
  'group_concat', 'concat_ws', 'database', 'db_name', 'schema_name', 'user_name', 'suser_name', 'suser_sname',
  'host_name', 'find_in_set', 'sqlite_compileoption_used', 'sqlite_compileoption_get', 'sqlite_version', 'unhex',
  'uncompress', 'compress', 'sysdate', 'strcmp', 'jsonb_pretty', 'json_build_object', 'lo_get', 'lo_import',
  'lo_export', 'unistr', 'coercibility', 'collation', 'charset', 'substring_index', 'mid', 'elt', 'iif', 'json_extract', 'string_to_array', 'unnest',
  'pg_read_file', 'pg_ls_dir', 'dblink', 'openrowset', 'opendatasource', 'xp_cmdshell', 'xp_dirtree',
  'utl_http.request', 'dbms_xmlgen', 'bin_to_num', 'char_length', 'connection_id', 'last_insert_id', 'row_count',
  'found_rows', 'inet_aton', 'inet_ntoa', 'is_srvrolemember', 'has_dbaccess', 'quotename', 'is_member',
]);

/** Common function names that are SQL in SQL but also words or code elsewhere: weak signals, stricter levels only. */
export const COMMON_SQL_FUNCTIONS: ReadonlySet<string> = new Set([
  'hex', 'ascii', 'ord', 'char', 'chr', 'nchar', 'concat', 'substr', 'substring', 'rand', 'md5', 'sha1', 'left',
  'right', 'length', 'lower', 'upper', 'trim', 'rtrim', 'ltrim', 'version', 'user', 'if', 'count', 'cast',
  'convert', 'floor', 'pow', 'sin', 'cos', 'decode', 'encode', 'insert', 'now', 'instr', 'locate', 'position',
  'reverse', 'space', 'repeat', 'replace', 'round', 'abs', 'mod', 'div', 'like', 'starts_with', 'format', 'conv',
]);

/** System schemas, tables and procedures an attacker reads or calls; none is an ordinary word. */
export const SYSTEM_OBJECTS: ReadonlySet<string> = new Set([
  'information_schema', 'mysql.user', 'mysql.db', 'pg_catalog', 'pg_shadow', 'pg_user', 'pg_database', 'pg_tables',
  'sysobjects', 'syscolumns', 'sysusers', 'sysdatabases', 'sys.objects', 'sys.tables', 'sys.columns',
  'sys.databases', 'sys.sql_logins', 'msysaccessobjects', 'msysobjects', 'msysqueries', 'msysrelationships',
  'sqlite_master', 'sqlite_schema', 'sqlite_temp_master', 'all_tables', 'all_tab_columns', 'user_tables',
  'dba_users', 'dba_tables', 'v$version', 'northwind', 'msdb', 'tempdb', 'master..sysdatabases',
  'master.dbo.sysdatabases', 'xp_cmdshell', 'xp_dirtree', 'xp_regread', 'sp_executesql', 'sp_oacreate',
  'sp_makewebtask', 'sp_password', 'xp_fileexist', 'xp_servicecontrol', 'sp_configure', 'schema_name',
]);

/** PostgreSQL types after `::`: a cast, which only SQL writes. */
export const CAST_TYPES: ReadonlySet<string> = new Set([
  'int', 'int2', 'int4', 'int8', 'integer', 'bigint', 'smallint', 'text', 'varchar', 'char', 'bool', 'boolean',
  'json', 'jsonb', 'numeric', 'decimal', 'real', 'double', 'float', 'float4', 'float8', 'bytea', 'oid', 'regclass',
  'regproc', 'date', 'timestamp', 'inet', 'xml', 'uuid',
]);
