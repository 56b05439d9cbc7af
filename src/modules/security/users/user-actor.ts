import { principalKey, type Principal } from '../auth/principal.js';
import type { AuditRecordEvent } from '../security.events.js';

/** Who did it, as stored in `created_by` and the audit log: `user:<id>`, `key:<id>` or `system:<what>`. */
export function actorOf(principal: Principal): string {
  return principalKey(principal) ?? 'anonymous';
}

/** The audit fields for an actor string made by {@link actorOf}. */
export function auditActor(actor: string): Pick<AuditRecordEvent, 'actorType' | 'actorId'> {
  const [kind, id] = actor.includes(':') ? (actor.split(':', 2) as [string, string]) : ['system', actor];
  const actorType = kind === 'key' ? 'api-key' : kind === 'user' ? 'user' : kind === 'anonymous' ? 'anonymous' : 'system';
  return { actorType, actorId: id };
}
