/**
 * Events that cross the security module's parts (and other modules) without them knowing each other, through
 * `@nestjs/event-emitter`. Producers emit; the audit log and the automatic IP blocker listen.
 */
export const SecurityEvents = {
  /** Anything worth an audit record; payload {@link AuditRecordEvent}. The audit log listens. */
  AUDIT: 'security.audit',
  /** The threat engine blocked or detected an attack; payload {@link ThreatDetectedEvent}. */
  THREAT_DETECTED: 'threat.detected',
  /** A login failed; payload {@link LoginFailedEvent}. Feeds brute-force and automatic blocking. */
  LOGIN_FAILED: 'security.login.failed',
  /** The IP block list changed on this instance; payload {@link IpBlocksChangedEvent}. */
  IP_BLOCKS_CHANGED: 'security.ip-blocks.changed',
} as const;

export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditRecordEvent {
  /** Dotted verb, e.g. `api_key.created`, `auth.login`, `ip_block.deleted`, `threat.blocked`. */
  action: string;
  outcome: AuditOutcome;
  actorType: 'api-key' | 'user' | 'anonymous' | 'system';
  actorId?: string;
  ip?: string;
  targetType?: string;
  targetId?: string;
  /** Never credentials: keys, tokens and passwords stay out of the audit log. */
  metadata?: Record<string, unknown>;
  requestId?: string;
}

export interface ThreatDetectedEvent {
  ip: string;
  category: string;
  score: number;
  blocked: boolean;
  route?: string;
  requestId?: string;
}

export interface LoginFailedEvent {
  ip: string;
  /** The account name tried (may not exist). */
  login: string;
}

export interface IpBlocksChangedEvent {
  cidr: string;
  change: 'added' | 'removed';
}
