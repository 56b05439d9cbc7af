/** Alerts that are active right now, as the live stream shows them. */
export interface ActiveAlertCounts {
  firing: number;
  pending: number;
}

/**
 * What the live stream needs of the alerts feature (AlertsModule provides it); when reading fails, ticks carry
 * `alerts: null` and the dashboard says "none".
 */
export abstract class ActiveAlertsSource {
  abstract counts(): Promise<ActiveAlertCounts>;
}
