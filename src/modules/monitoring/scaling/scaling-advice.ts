/** The inputs of the advice, in the order they are shown and win ties. */
export const SCALING_INPUTS = ['cpu', 'eventLoop', 'latency', 'poolWaits'] as const;
export type ScalingInputName = (typeof SCALING_INPUTS)[number];

/** HPA's default: a ratio within 1 ± 0.1 of the target keeps the current count, so noise does not flap replicas. */
export const SCALING_TOLERANCE = 0.1;

export const SCALING_FORMULA =
  'desired = ceil(currentReplicas × observed / target) per input, kept at currentReplicas while observed / target is within 1 ± 0.1; ' +
  'recommended = clamp(max over inputs with data, minReplicas, maxReplicas)';

/** What this instance observed over the window; null where there was nothing to observe. */
export interface ScalingObservations {
  /** Mean CPU time per second (1 = one core busy). */
  cpuUtilisation: number | null;
  /** Mean share of time the event loop was busy (0–1). */
  eventLoopUtilisation: number | null;
  /** p95 over all routes; null when too few requests for a percentile to mean anything. */
  p95Ms: number | null;
  /** Mean callers waiting for a database connection, and the pool's size. */
  pool: { meanWaiting: number; max: number } | null;
}

export interface ScalingPolicy {
  currentReplicas: number;
  minReplicas: number;
  maxReplicas: number;
  targetUtilisation: number;
  sloP95Ms: number;
}

export interface ScalingInput {
  name: ScalingInputName;
  /** What `observed` and `target` measure. */
  measures: string;
  available: boolean;
  observed: number | null;
  target: number;
  /** observed / target. */
  ratio: number | null;
  /** The replica count this input alone asks for; null without data. */
  desired: number | null;
  withinTolerance: boolean | null;
}

export interface ScalingAdvice {
  formula: string;
  tolerance: number;
  currentReplicas: number;
  recommendedReplicas: number;
  minReplicas: number;
  maxReplicas: number;
  direction: 'up' | 'down' | 'keep';
  /** The input whose desired count decided (the largest); null when no input had data. */
  driver: ScalingInputName | null;
  reason: string;
  inputs: ScalingInput[];
}

const MEASURES: Record<ScalingInputName, string> = {
  cpu: 'CPU time per second, mean over the window (1 = one core), against MONITORING_SCALING_TARGET_UTILISATION',
  eventLoop: 'share of time the event loop was busy, mean over the window, against MONITORING_SCALING_TARGET_UTILISATION',
  latency: 'p95 latency over all routes in ms, against MONITORING_SLO_P95_MS',
  poolWaits:
    'database pool demand: 1 + mean callers waiting for a connection / pool size, against 1 (nobody waiting); ' +
    'each replica brings its own pool, so only helps while Postgres accepts more connections',
};

/** HPA-style replica advice: each input asks for a count, the largest wins, bounded by min and max. */
export function adviseScaling(observations: ScalingObservations, policy: ScalingPolicy): ScalingAdvice {
  const inputs = SCALING_INPUTS.map((name) => toInput(name, observedOf(name, observations), targetOf(name, policy), policy.currentReplicas));
  const driver = pickDriver(inputs);
  const wanted = driver?.desired ?? policy.currentReplicas;
  const recommendedReplicas = Math.min(policy.maxReplicas, Math.max(policy.minReplicas, wanted));
  const direction = recommendedReplicas > policy.currentReplicas ? 'up' : recommendedReplicas < policy.currentReplicas ? 'down' : 'keep';
  return {
    formula: SCALING_FORMULA,
    tolerance: SCALING_TOLERANCE,
    currentReplicas: policy.currentReplicas,
    recommendedReplicas,
    minReplicas: policy.minReplicas,
    maxReplicas: policy.maxReplicas,
    direction,
    driver: driver?.name ?? null,
    reason: explain(driver, wanted, recommendedReplicas, policy),
    inputs,
  };
}

function observedOf(name: ScalingInputName, observations: ScalingObservations): number | null {
  switch (name) {
    case 'cpu':
      return observations.cpuUtilisation;
    case 'eventLoop':
      return observations.eventLoopUtilisation;
    case 'latency':
      return observations.p95Ms;
    case 'poolWaits': {
      // A full pool serves `max` callers while `meanWaiting` queue: demand is (max + waiting) / max of one pool.
      const pool = observations.pool;
      return pool === null || pool.max <= 0 ? null : 1 + pool.meanWaiting / pool.max;
    }
  }
}

function targetOf(name: ScalingInputName, policy: ScalingPolicy): number {
  switch (name) {
    case 'cpu':
    case 'eventLoop':
      return policy.targetUtilisation;
    case 'latency':
      return policy.sloP95Ms;
    case 'poolWaits':
      return 1;
  }
}

function toInput(name: ScalingInputName, observed: number | null, target: number, currentReplicas: number): ScalingInput {
  const measures = MEASURES[name];
  if (observed === null || !Number.isFinite(observed) || target <= 0) {
    return { name, measures, available: false, observed, target, ratio: null, desired: null, withinTolerance: null };
  }
  const ratio = observed / target;
  // The epsilon keeps a ratio of exactly 1.1 inside the band despite floating point (0.66 / 0.6 is 1.1000000000000003).
  const withinTolerance = Math.abs(ratio - 1) <= SCALING_TOLERANCE + 1e-9;
  // An idle instance (ratio 0) still needs itself: never ask for fewer than one replica.
  const desired = withinTolerance ? currentReplicas : Math.max(1, Math.ceil(currentReplicas * ratio));
  return { name, measures, available: true, observed, target, ratio, desired, withinTolerance };
}

/** The input asking for the most replicas; ties go to the higher ratio, then to the earlier input. */
function pickDriver(inputs: readonly ScalingInput[]): ScalingInput | null {
  let best: ScalingInput | null = null;
  for (const input of inputs) {
    if (!input.available) {
      continue;
    }
    if (best === null || input.desired! > best.desired! || (input.desired === best.desired && input.ratio! > best.ratio!)) {
      best = input;
    }
  }
  return best;
}

function explain(driver: ScalingInput | null, wanted: number, recommended: number, policy: ScalingPolicy): string {
  const current = policy.currentReplicas;
  const limit = wanted > policy.maxReplicas ? `maxReplicas ${policy.maxReplicas}` : `minReplicas ${policy.minReplicas}`;
  const bound = recommended === wanted ? '' : ` Held to ${limit} (${driver === null ? 'the current count is' : 'the inputs asked for'} ${wanted}).`;
  if (driver === null) {
    return `No input had data (no traffic or runtime samples in the window): keeping ${current} replicas.${bound}`;
  }
  const why = describe(driver);
  if (recommended > current) {
    return `Scale up from ${current} to ${recommended}: ${why}.${bound}`;
  }
  if (recommended < current) {
    return `Scale down from ${current} to ${recommended}: even the busiest input, ${why}.${bound}`;
  }
  const tolerance = driver.withinTolerance === true ? ` (within the ±${SCALING_TOLERANCE * 100}% tolerance)` : '';
  return `Keep ${current} replicas: the busiest input, ${why}${tolerance}.${bound}`;
}

function describe(input: ScalingInput): string {
  const times = `${input.ratio!.toFixed(2)}×`;
  switch (input.name) {
    case 'cpu':
      return `CPU at ${input.observed!.toFixed(2)} cores is ${times} the ${input.target} target`;
    case 'eventLoop':
      return `event-loop utilisation ${input.observed!.toFixed(2)} is ${times} the ${input.target} target`;
    case 'latency':
      return `p95 latency ${input.observed!.toFixed(1)} ms is ${times} the ${input.target} ms SLO`;
    case 'poolWaits':
      return `database pool demand is ${times} its size (callers waiting for a connection)`;
  }
}
