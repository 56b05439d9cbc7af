/** Alerts that are active right now, as the live stream shows them. */
export interface ActiveAlertCounts {
  firing: number;
  pending: number;
}

/**
 * The seam between the live stream and the alerts feature, which lands separately: a module that evaluates alerts
 * provides this class (`{ provide: ActiveAlertsSource, useExisting: <its service> }`) and exports it to LiveModule.
 * Until one does, ticks carry `alerts: null` and the dashboard says "none".
 */
export abstract class ActiveAlertsSource {
  abstract counts(): Promise<ActiveAlertCounts>;
}
