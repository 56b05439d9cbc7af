import { requestIdOf } from '@app/common';
import type { Request } from 'express';

import { principalKey, principalOf } from '../auth/principal.js';
import type { AuditRecordEvent } from '../security.events.js';
import { requestIpOf } from './request-ip.util.js';

/** Who changed the block list, for `created_by` and the audit record. */
export interface IpBlockActor {
  type: AuditRecordEvent['actorType'];
  /** Principal id; absent for anonymous and system actors. */
  id?: string;
  /** `key:<id>`, `user:<id>`, `anonymous` or `system`. */
  createdBy: string;
  ip?: string;
  requestId?: string;
}

export const SYSTEM_ACTOR: IpBlockActor = { type: 'system', createdBy: 'system' };

/** The actor behind an admin request. */
export function actorOf(request: Request): IpBlockActor {
  const principal = principalOf(request);
  const requestId = requestIdOf(request);
  return {
    type: principal.kind,
    id: principal.kind === 'anonymous' ? undefined : principal.id,
    createdBy: principalKey(principal) ?? 'anonymous',
    ip: requestIpOf(request),
    requestId: requestId === '' ? undefined : requestId,
  };
}
