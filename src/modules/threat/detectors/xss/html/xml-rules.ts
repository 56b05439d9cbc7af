/**
 * DTD injection: an entity or attribute-list declaration, or a DOCTYPE naming an external DTD, inside a value.
 * Declarations are case-sensitive in XML, so the keywords are matched as written.
 */
export function findDtdInjection(input: string): string | null {
  const entity = input.indexOf('!ENTITY');
  if (entity >= 0 && (input.includes('SYSTEM', entity) || input.includes('PUBLIC', entity))) {
    return input.slice(entity, entity + 64);
  }
  const attlist = input.indexOf('<!ATTLIST');
  if (attlist >= 0) {
    return input.slice(attlist, attlist + 64);
  }
  const doctype = input.indexOf('<!DOCTYPE');
  if (doctype >= 0 && input.includes('SYSTEM', doctype) && !input.includes('about:legacy-compat', doctype)) {
    return input.slice(doctype, doctype + 64);
  }
  return null;
}

const SSI_DIRECTIVES: readonly string[] = ['exec', 'include', 'echo', 'set', 'config', 'printenv', 'fsize', 'flastmod'];

/** Server-side include directives (`<!--#exec cmd=…-->`): run by the server when the page is served. */
export function findServerSideInclude(input: string): string | null {
  let from = 0;
  for (;;) {
    const at = input.indexOf('<!--#', from);
    if (at < 0) {
      return null;
    }
    const word = input.slice(at + 5, at + 14).toLowerCase();
    if (SSI_DIRECTIVES.some((directive) => word.startsWith(directive))) {
      return input.slice(at, at + 64);
    }
    from = at + 5;
  }
}
