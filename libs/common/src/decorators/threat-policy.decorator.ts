import { SetMetadata } from '@nestjs/common';

export type ThreatMode = 'block' | 'detect' | 'off';

export interface ThreatPolicyOptions {
  /**
   * Locations the threat guard leaves out, with everything below them: `body.password` also covers
   * `body.password#key` and `body.password.x`. For fields opaque by design, such as passwords, which may hold any
   * character an attack would.
   */
  exclude?: readonly string[];
}

export interface ResolvedThreatPolicy {
  /** Absent: the configured default (`THREAT_MODE`). */
  mode?: ThreatMode;
  exclude: readonly string[];
}

export const THREAT_POLICY_KEY = 'bulwark:threat-policy';

/**
 * How the threat guard treats a route (or every route of a controller): `block` refuses a request that reaches the
 * blocking score with 403, `detect` records it and lets it through, `off` skips inspection. Without a mode (only
 * options) the route keeps `THREAT_MODE`. Lives here, not in the threat module, so any module can mark its routes.
 */
export function ThreatPolicy(mode: ThreatMode, options?: ThreatPolicyOptions): MethodDecorator & ClassDecorator;
export function ThreatPolicy(options: ThreatPolicyOptions): MethodDecorator & ClassDecorator;
export function ThreatPolicy(modeOrOptions: ThreatMode | ThreatPolicyOptions, options: ThreatPolicyOptions = {}): MethodDecorator & ClassDecorator {
  const [mode, resolved] = typeof modeOrOptions === 'string' ? [modeOrOptions, options] : [undefined, modeOrOptions];
  return SetMetadata<string, ResolvedThreatPolicy>(THREAT_POLICY_KEY, { mode, exclude: resolved.exclude ?? [] });
}
