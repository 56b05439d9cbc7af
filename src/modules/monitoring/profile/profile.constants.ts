/** Seconds a profile runs when the request names none (or the configured maximum, when that is lower). */
export const DEFAULT_PROFILE_SECONDS = 10;
