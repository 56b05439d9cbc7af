import { SYSTEM_OBJECTS } from './sqli.lexicon.js';

function skipDots(text: string, from: number): number {
  let i = from;
  while (i < text.length && text.charCodeAt(i) === 0x2e) {
    i++;
  }
  return i;
}

function partEnd(text: string, from: number): number {
  const dot = text.indexOf('.', from);
  return dot < 0 ? text.length : dot;
}

/**
 * MSSQL's extended procedures (`xp_cmdshell`, `xp_regread`, …), named alone. Python's array-API code names its own
 * `xp_device`, `xp_known_backends`; any `xp_` name after EXEC is still dynamic SQL (sqli-014).
 */
const XP_PROCEDURES: ReadonlySet<string> = new Set(
  `xp_cmdshell xp_regread xp_regwrite xp_regdeletekey xp_regdeletevalue xp_regenumkeys xp_regenumvalues
  xp_regaddmultistring xp_regremovemultistring xp_instance_regread xp_instance_regwrite xp_instance_regenumkeys
  xp_instance_regenumvalues xp_instance_regdeletekey xp_instance_regdeletevalue xp_dirtree xp_subdirs xp_fileexist
  xp_fixeddrives xp_availablemedia xp_servicecontrol xp_loginconfig xp_logininfo xp_makecab xp_ntsec_enumdomains
  xp_terminate_process xp_enumgroups xp_msver xp_readerrorlog xp_enumerrorlogs xp_getnetname xp_sprintf xp_sscanf
  xp_sendmail xp_startmail xp_stopmail xp_readmail xp_deletemail xp_findnextmsg xp_logevent xp_grantlogin
  xp_revokelogin xp_enumdsn xp_dsninfo xp_displayparamstmt xp_execresultset xp_printstatements xp_peekqueue
  xp_proxiedmetadata xp_updatecolvbm xp_create_subdir xp_delete_file xp_delete_files xp_copy_file xp_copy_files
  xp_get_mapi_profiles xp_test_mapi_profile xp_sqlagent_enum_jobs xp_sqlagent_proxy_account xp_sqlmaint xp_qv
  xp_enum_oledb_providers xp_prop_oledb_provider xp_replposteor xp_mergexpusage xp_dropwebtask xp_makewebtask
  xp_runwebtask xp_setsqlsecurity xp_sqlinventory xp_unc_to_drive xp_passagentinfo xp_cmdshell_proxy_account
  xp_msx_enlist xp_snmp_getstate xp_snmp_raisetrap xp_sqlregister xp_sqltrace xp_trace_addnewqueue xp_userlock
  xp_varbintohexstr xp_ntsec_enumgroups xp_ntsec_enumusers`.split(/\s+/),
);

function isXpProcedure(part: string): boolean {
  return part.startsWith('xp_') && XP_PROCEDURES.has(part);
}

/**
 * The name, its first dot-separated part or its first two parts are a system object, or a part is an `xp_` procedure
 * (empty parts, as in `master..sysdatabases`, do not count). Index arithmetic, not split(): most names are words.
 */
export function namesSystemObject(text: string): boolean {
  if (SYSTEM_OBJECTS.has(text) || isXpProcedure(text)) {
    return true;
  }
  if (!text.includes('.')) {
    return false;
  }
  const xp = text.indexOf('.xp_');
  if (xp >= 0 && isXpProcedure(text.slice(xp + 1, partEnd(text, xp + 1)))) {
    return true;
  }
  const firstStart = skipDots(text, 0);
  const firstEnd = partEnd(text, firstStart);
  const secondStart = skipDots(text, firstEnd);
  const first = text.slice(firstStart, firstEnd);
  const firstTwo = secondStart < text.length ? `${first}.${text.slice(secondStart, partEnd(text, secondStart))}` : first;
  return SYSTEM_OBJECTS.has(first) || SYSTEM_OBJECTS.has(firstTwo);
}
