import { MemoizedReflector, requestIdOf, THREAT_POLICY_KEY, type ResolvedThreatPolicy } from '@app/common';
import { AppConfig } from '@app/config';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

import { clientIpOf, principalKey, principalOf } from '../../security/index.js';
import type { CapKind } from '../engine/inspection-caps.util.js';
import type { ThreatClass } from '../engine/index.js';
import { ThreatEventRecorder } from '../events/threat-event-recorder.service.js';
import type { StoredThreatMatch } from '../events/threat-event.js';
import { ThreatEngine, type ThreatAssessment } from '../threat-engine.service.js';
import { ThreatException, ThreatExceptionCode } from '../threat.exception.js';
import { ThreatMetrics, type ThreatAction } from '../threat.metrics.js';

import { requestParts } from './request-parts.util.js';

/** Matches kept per event: enough to see what fired, bounded so one hostile request cannot bloat the table. */
const MAX_STORED_MATCHES = 20;

/**
 * Inspects every HTTP request after authentication and rate limiting (see DESIGN.md's pipeline) and applies the
 * route's `@ThreatPolicy`, or `THREAT_MODE`. Under `block`, a request at the blocking score, or one beyond the
 * inspection caps when `THREAT_ON_CAPS_EXCEEDED=block`, gets 403 problem+json naming the event, never the payload.
 */
@Injectable()
export class ThreatGuard implements CanActivate {
  constructor(
    private readonly config: AppConfig,
    private readonly engine: ThreatEngine,
    private readonly metrics: ThreatMetrics,
    private readonly recorder: ThreatEventRecorder,
    private readonly reflector: MemoizedReflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') {
      return true;
    }
    const policy = this.reflector.getAllAndOverride<ResolvedThreatPolicy | undefined>(THREAT_POLICY_KEY, [context.getHandler(), context.getClass()]);
    const mode = policy?.mode ?? this.config.threat.mode;
    if (mode === 'off') {
      return true;
    }
    const request = context.switchToHttp().getRequest<Request>();
    const started = performance.now();
    const assessment = this.engine.inspectRequest(requestParts(request), policy?.exclude);
    this.metrics.inspected((performance.now() - started) / 1000);
    const caps = capKinds(assessment.capsExceeded);
    if (caps.length > 0) {
      this.metrics.capsExceeded(caps);
    }
    const action: ThreatAction = mode === 'block' ? 'blocked' : 'detected';
    if (assessment.verdict === 'malicious') {
      const eventId = this.record(request, assessment, action);
      if (action === 'blocked') {
        throw blockedException(eventId);
      }
    }
    if (caps.length > 0 && mode === 'block' && this.config.threat.onCapsExceeded === 'block') {
      throw new ThreatException(
        ThreatExceptionCode.UNINSPECTABLE,
        `The request exceeds the inspection limits (${caps.join(', ')}) and was refused uninspected; send fewer, smaller or flatter fields.`,
        { extensions: { capsExceeded: caps } },
      );
    }
    return true;
  }

  private record(request: Request, assessment: ThreatAssessment, action: ThreatAction): string | null {
    const classes = [...new Set<ThreatClass>(assessment.matches.map((match) => match.class))].sort();
    this.metrics.detected(classes, action);
    return this.recorder.record({
      ip: clientIpOf(request),
      method: request.method,
      route: routeTemplate(request),
      action,
      classes,
      score: assessment.score,
      matches: assessment.matches.slice(0, MAX_STORED_MATCHES).map(
        ({ ruleId, class: threatClass, kind, severity, location, fragment }): StoredThreatMatch => ({ ruleId, class: threatClass, kind, severity, location, fragment }),
      ),
      principal: principalKey(principalOf(request)),
      requestId: requestIdOf(request) || null,
    });
  }
}

function blockedException(eventId: string | null): ThreatException {
  const reference = eventId === null ? '' : ` Quote event ${eventId} if you believe this is a mistake.`;
  return new ThreatException(ThreatExceptionCode.REQUEST_BLOCKED, `The request was refused by threat inspection.${reference}`, {
    // The path may carry the payload itself, so the problem names the event instead of echoing the request.
    instance: eventId === null ? 'urn:bulwark:threat-event:unrecorded' : `urn:bulwark:threat-event:${eventId}`,
    extensions: eventId === null ? {} : { eventId },
  });
}

function routeTemplate(request: Request): string {
  const path = (request.route as { path?: unknown } | undefined)?.path;
  return `${request.baseUrl}${typeof path === 'string' ? path : ''}` || 'unmatched';
}

function capKinds(reports: readonly string[]): CapKind[] {
  return [...new Set(reports.map((report) => report.slice(0, report.indexOf(':')) as CapKind))];
}
