import type { SilenceEntity, SilenceMatcher } from '../entities/silence.entity.js';

/** Alertmanager's rule: a label the alert lacks has the empty value. Only equality and inequality (no regex). */
export function matcherMatches(matcher: SilenceMatcher, labels: Record<string, string>): boolean {
  const actual = labels[matcher.name] ?? '';
  return matcher.isEqual ? actual === matcher.value : actual !== matcher.value;
}

export function isSilenceActive(silence: Pick<SilenceEntity, 'startsAt' | 'endsAt'>, now: Date): boolean {
  return silence.startsAt.getTime() <= now.getTime() && now.getTime() < silence.endsAt.getTime();
}

/** The ids of the active silences whose every matcher matches `labels`. */
export function silencingIds(silences: readonly SilenceEntity[], labels: Record<string, string>, now: Date): string[] {
  return silences.filter((silence) => isSilenceActive(silence, now) && silence.matchers.every((matcher) => matcherMatches(matcher, labels))).map((silence) => silence.id);
}
