import { adviseScaling, SCALING_FORMULA, type ScalingInput, type ScalingObservations, type ScalingPolicy } from './scaling-advice.js';

const POLICY: ScalingPolicy = { currentReplicas: 4, minReplicas: 1, maxReplicas: 20, targetUtilisation: 0.6, sloP95Ms: 300 };

/** Every input exactly on target: the advice keeps the current count. */
const ON_TARGET: ScalingObservations = { cpuUtilisation: 0.6, eventLoopUtilisation: 0.6, p95Ms: 300, pool: { meanWaiting: 0, max: 10 } };

const NOTHING: ScalingObservations = { cpuUtilisation: null, eventLoopUtilisation: null, p95Ms: null, pool: null };

function input(advice: { inputs: ScalingInput[] }, name: ScalingInput['name']): ScalingInput {
  return advice.inputs.find((one) => one.name === name)!;
}

describe('adviseScaling', () => {
  describe('formula', () => {
    it('asks each input for ceil(current × observed / target) and shows its figures', () => {
      const advice = adviseScaling({ ...ON_TARGET, cpuUtilisation: 0.9 }, POLICY);
      expect(input(advice, 'cpu')).toMatchObject({ available: true, observed: 0.9, target: 0.6, withinTolerance: false, desired: 6 });
      expect(input(advice, 'cpu').ratio).toBeCloseTo(1.5, 10);
      expect(advice.formula).toBe(SCALING_FORMULA);
      expect(advice.tolerance).toBe(0.1);
    });

    it('compares p95 latency with the SLO', () => {
      const advice = adviseScaling({ ...ON_TARGET, p95Ms: 750 }, POLICY);
      expect(input(advice, 'latency')).toMatchObject({ observed: 750, target: 300, ratio: 2.5, desired: 10 });
    });

    it('rounds up: a fraction of a replica needed is a whole replica', () => {
      const advice = adviseScaling({ ...ON_TARGET, eventLoopUtilisation: 0.69 }, { ...POLICY, currentReplicas: 3 });
      expect(input(advice, 'eventLoop').desired).toBe(4);
    });
  });

  describe('tolerance band', () => {
    it.each([0.9, 0.95, 1.05, 1.1])('keeps the current count at a ratio of %s', (ratio) => {
      const advice = adviseScaling({ ...ON_TARGET, cpuUtilisation: 0.6 * ratio, eventLoopUtilisation: 0.1, p95Ms: 10, pool: null }, POLICY);
      expect(input(advice, 'cpu')).toMatchObject({ withinTolerance: true, desired: 4 });
      expect(advice).toMatchObject({ recommendedReplicas: 4, direction: 'keep', driver: 'cpu' });
      expect(advice.reason).toContain('within the ±10% tolerance');
    });

    it('acts just outside the band, both ways', () => {
      expect(input(adviseScaling({ ...ON_TARGET, cpuUtilisation: 0.6 * 1.12 }, POLICY), 'cpu')).toMatchObject({ withinTolerance: false, desired: 5 });
      expect(input(adviseScaling({ ...ON_TARGET, cpuUtilisation: 0.6 * 0.88 }, POLICY), 'cpu')).toMatchObject({ withinTolerance: false, desired: 4 });
      expect(input(adviseScaling({ ...ON_TARGET, cpuUtilisation: 0.6 * 0.7 }, POLICY), 'cpu')).toMatchObject({ withinTolerance: false, desired: 3 });
    });
  });

  describe('driver', () => {
    it('recommends the largest count any input asks for and names that input', () => {
      const advice = adviseScaling({ cpuUtilisation: 0.9, eventLoopUtilisation: 0.3, p95Ms: 900, pool: { meanWaiting: 0, max: 10 } }, POLICY);
      expect(advice).toMatchObject({ driver: 'latency', recommendedReplicas: 12, direction: 'up', currentReplicas: 4 });
      expect(advice.reason).toBe('Scale up from 4 to 12: p95 latency 900.0 ms is 3.00× the 300 ms SLO.');
    });

    it('breaks a tie in desired count by the higher ratio', () => {
      // Both ask for 2 replicas from 1; the event loop is further over its target.
      const advice = adviseScaling({ cpuUtilisation: 0.7, eventLoopUtilisation: 0.9, p95Ms: null, pool: null }, { ...POLICY, currentReplicas: 1 });
      expect(input(advice, 'cpu').desired).toBe(2);
      expect(input(advice, 'eventLoop').desired).toBe(2);
      expect(advice.driver).toBe('eventLoop');
    });

    it('scales down only as far as the busiest input allows', () => {
      const advice = adviseScaling({ cpuUtilisation: 0.15, eventLoopUtilisation: 0.3, p95Ms: 30, pool: { meanWaiting: 0, max: 10 } }, { ...POLICY, currentReplicas: 8 });
      expect(advice).toMatchObject({ driver: 'poolWaits', recommendedReplicas: 8, direction: 'keep' });
      const withoutPool = adviseScaling({ cpuUtilisation: 0.15, eventLoopUtilisation: 0.3, p95Ms: 30, pool: null }, { ...POLICY, currentReplicas: 8 });
      expect(withoutPool).toMatchObject({ driver: 'eventLoop', recommendedReplicas: 4, direction: 'down' });
      expect(withoutPool.reason).toMatch(/^Scale down from 8 to 4: even the busiest input, event-loop utilisation 0\.30 is 0\.50× the 0\.6 target\.$/);
    });

    it('never asks for fewer than one replica from an idle input', () => {
      const advice = adviseScaling({ cpuUtilisation: 0, eventLoopUtilisation: 0, p95Ms: null, pool: null }, { ...POLICY, minReplicas: 0, currentReplicas: 3 });
      expect(advice.inputs.filter((one) => one.available).map((one) => one.desired)).toEqual([1, 1]);
      expect(advice.recommendedReplicas).toBe(1);
    });
  });

  describe('pool waits', () => {
    it('reads callers waiting for a connection as demand beyond the pool: 1 + waiting / size', () => {
      const advice = adviseScaling({ ...ON_TARGET, pool: { meanWaiting: 5, max: 10 } }, POLICY);
      expect(input(advice, 'poolWaits')).toMatchObject({ observed: 1.5, target: 1, ratio: 1.5, desired: 6 });
      expect(advice).toMatchObject({ driver: 'poolWaits', recommendedReplicas: 6 });
      expect(advice.reason).toContain('database pool demand is 1.50× its size');
    });

    it('ignores brief waits that average out within the tolerance', () => {
      const advice = adviseScaling({ ...ON_TARGET, pool: { meanWaiting: 0.5, max: 10 } }, POLICY);
      expect(input(advice, 'poolWaits')).toMatchObject({ withinTolerance: true, desired: 4 });
    });

    it('never argues for fewer replicas', () => {
      const advice = adviseScaling({ ...NOTHING, pool: { meanWaiting: 0, max: 10 } }, POLICY);
      expect(advice).toMatchObject({ recommendedReplicas: 4, direction: 'keep', driver: 'poolWaits' });
    });

    it('is unavailable without a pool size', () => {
      expect(input(adviseScaling({ ...ON_TARGET, pool: { meanWaiting: 3, max: 0 } }, POLICY), 'poolWaits').available).toBe(false);
    });
  });

  describe('clamps', () => {
    it('holds the recommendation at maxReplicas and says what the inputs asked for', () => {
      const advice = adviseScaling({ ...ON_TARGET, p95Ms: 3_000 }, { ...POLICY, maxReplicas: 10 });
      expect(input(advice, 'latency').desired).toBe(40);
      expect(advice).toMatchObject({ recommendedReplicas: 10, direction: 'up', driver: 'latency' });
      expect(advice.reason).toContain('Held to maxReplicas 10 (the inputs asked for 40).');
    });

    it('holds the recommendation at minReplicas', () => {
      const advice = adviseScaling({ cpuUtilisation: 0.06, eventLoopUtilisation: 0.06, p95Ms: 5, pool: null }, { ...POLICY, minReplicas: 3 });
      expect(advice).toMatchObject({ recommendedReplicas: 3, direction: 'down' });
      expect(advice.reason).toContain('Held to minReplicas 3 (the inputs asked for 1).');
    });

    it('keeps the current count at maxReplicas when more are asked for', () => {
      const advice = adviseScaling({ ...ON_TARGET, cpuUtilisation: 1.2 }, { ...POLICY, currentReplicas: 20 });
      expect(advice).toMatchObject({ recommendedReplicas: 20, direction: 'keep', driver: 'cpu' });
      expect(advice.reason).toMatch(/^Keep 20 replicas: .* Held to maxReplicas 20 \(the inputs asked for 40\)\.$/);
    });
  });

  describe('no data', () => {
    it('marks every input unavailable and keeps the current count', () => {
      const advice = adviseScaling(NOTHING, POLICY);
      expect(advice.inputs.map((one) => [one.name, one.available, one.ratio, one.desired])).toEqual([
        ['cpu', false, null, null],
        ['eventLoop', false, null, null],
        ['latency', false, null, null],
        ['poolWaits', false, null, null],
      ]);
      expect(advice).toMatchObject({ recommendedReplicas: 4, currentReplicas: 4, direction: 'keep', driver: null });
      expect(advice.reason).toBe('No input had data (no traffic or runtime samples in the window): keeping 4 replicas.');
    });

    it('still brings a count below minReplicas up to it', () => {
      const advice = adviseScaling(NOTHING, { ...POLICY, currentReplicas: 1, minReplicas: 2 });
      expect(advice).toMatchObject({ recommendedReplicas: 2, direction: 'up', driver: null });
      expect(advice.reason).toContain('Held to minReplicas 2 (the current count is 1).');
    });

    it('decides on the inputs that have data', () => {
      const advice = adviseScaling({ ...NOTHING, cpuUtilisation: 1.2 }, POLICY);
      expect(input(advice, 'latency').available).toBe(false);
      expect(advice).toMatchObject({ driver: 'cpu', recommendedReplicas: 8 });
    });

    it('treats a non-positive target as no data rather than dividing by it', () => {
      const advice = adviseScaling(ON_TARGET, { ...POLICY, sloP95Ms: 0 });
      expect(input(advice, 'latency')).toMatchObject({ available: false, desired: null });
    });
  });
});
