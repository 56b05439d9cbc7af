/**
 * The form an email is stored and looked up in: NFC, lower case. Mail systems treat the local part as
 * case-sensitive in theory, but two accounts differing only in case are a phishing and support hazard.
 */
export function canonicalEmail(email: string): string {
  return email.normalize('NFC').toLowerCase();
}
