import type { WindowName } from '../signals/request-stats.js';
import type { BaselineEntity } from './baseline.entity.js';
import type { BaselineRoute } from './baseline-route.js';

/** A baseline in lists: what it is and whether regressions are judged against it, without its routes. */
export interface BaselineListItem {
  id: string;
  name: string | null;
  window: WindowName;
  createdAt: string;
  activatedAt: string;
  /** The baseline regressions are judged against now: the most recently captured or activated one. */
  active: boolean;
  routeCount: number;
}

export interface BaselineView extends BaselineListItem {
  routes: BaselineRoute[];
}

export function toBaselineListItem(baseline: BaselineEntity, activeId: string | null): BaselineListItem {
  return {
    id: baseline.id,
    name: baseline.name,
    window: baseline.window,
    createdAt: baseline.createdAt.toISOString(),
    activatedAt: baseline.activatedAt.toISOString(),
    active: baseline.id === activeId,
    routeCount: baseline.routes.length,
  };
}

export function toBaselineView(baseline: BaselineEntity, activeId: string | null): BaselineView {
  return { ...toBaselineListItem(baseline, activeId), routes: baseline.routes };
}
