import type { AuditEntry } from '../store/schema.js';
import type { Tx } from '../store/tx.js';

/**
 * The one writer of the audit log (`/audit`): pruning's removals and exemptions, money and goods
 * actions. An entry's id is `${communityId}|${at}|${action}|${subject}` (subject: the member's user
 * id, or the order line's id); a second entry with the same id in the same millisecond (a refund
 * recorded in two parts, two quick exemptions) gets `|2`, `|3`… instead of overwriting the first.
 */
export function writeAudit(tx: Tx, subject: string, fields: Omit<AuditEntry, 'id'>): AuditEntry {
  const base = `${fields.communityId}|${fields.at}|${fields.action}|${subject}`;
  let id = base;
  for (let n = 2; tx.get('audit', id); n++) id = `${base}|${n}`;
  return tx.put('audit', { id, ...fields });
}
