import { MetricsRegistry } from '@app/common';
import { testConfig } from '@app/testing';

import { HdrRequestStats } from '../requests/hdr-request-stats.js';
import { ActiveBaselineLoader } from './active-baseline.loader.js';
import type { BaselineEntity } from './baseline.entity.js';
import type { BaselineRepository } from './baseline.repository.js';
import { RegressionClock } from './regressions/regression-clock.js';
import { RegressionTracker } from './regressions/regression-tracker.service.js';

const baseline = (id: string, activatedAt = new Date('2026-11-23T12:00:00Z')): BaselineEntity => ({
  id,
  name: null,
  window: '5m',
  routes: [],
  createdAt: activatedAt,
  activatedAt,
});

/** Answers `findActive` with what the test resolves, one pending read at a time. */
class HeldRepository {
  readonly reads: Array<{ resolve: (row: BaselineEntity | null) => void; reject: (error: Error) => void }> = [];

  findActive(): Promise<BaselineEntity | null> {
    return new Promise((resolve, reject) => this.reads.push({ resolve, reject }));
  }
}

describe(ActiveBaselineLoader.name, () => {
  let repository: HeldRepository;
  let tracker: RegressionTracker;
  let loader: ActiveBaselineLoader;

  beforeEach(() => {
    repository = new HeldRepository();
    tracker = new RegressionTracker(new RegressionClock(), testConfig(), new MetricsRegistry(), new HdrRequestStats());
    loader = new ActiveBaselineLoader(repository as unknown as BaselineRepository, tracker);
  });

  afterEach(() => {
    loader.onApplicationShutdown();
  });

  describe('refresh', () => {
    it('hands the tracker the active baseline, or none', async () => {
      const loading = loader.refresh();
      repository.reads[0]!.resolve(baseline('b1'));
      await loading;
      expect(tracker.activeBaselineId()).toBe('b1');
      const emptied = loader.refresh();
      repository.reads[1]!.resolve(null);
      await emptied;
      expect(tracker.activeBaselineId()).toBeNull();
    });

    it('does not undo a baseline captured here while it was reading', async () => {
      const loading = loader.refresh();
      loader.use(baseline('captured'));
      repository.reads[0]!.resolve(baseline('stale'));
      await loading;
      expect(tracker.activeBaselineId()).toBe('captured');
    });

    it('lets a later read win over an earlier one that answers last', async () => {
      const earlier = loader.refresh();
      const later = loader.refresh();
      repository.reads[1]!.resolve(baseline('fresh'));
      await later;
      repository.reads[0]!.resolve(baseline('stale'));
      await earlier;
      expect(tracker.activeBaselineId()).toBe('fresh');
    });
  });

  describe('onApplicationBootstrap', () => {
    it('keeps the last baseline and boots when the database does not answer', async () => {
      loader.use(baseline('known'));
      const booting = loader.onApplicationBootstrap();
      repository.reads[0]!.reject(new Error('connection refused'));
      await expect(booting).resolves.toBeUndefined();
      expect(tracker.activeBaselineId()).toBe('known');
    });
  });
});
