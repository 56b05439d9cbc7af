import { OPTIMIZATION_LEVELS, OptimizationLevel } from '../../passes/optimization-levels.constants.js';
import { PassName } from '../../passes/pass.types.js';
import { CANDIDATES, candidateSteps, REFERENCE_CANDIDATE } from './candidates.js';

describe('tuning candidates', () => {
  it('offers the original, every level and every pass', () => {
    expect(CANDIDATES).toEqual(['fp32', 'basic', 'advanced', 'ultra', ...Object.values(PassName)]);
  });

  it('maps the original to no pass, a level to its bundle and a pass to itself with default options', () => {
    expect(candidateSteps(REFERENCE_CANDIDATE)).toEqual([]);
    expect(candidateSteps('ultra')).toBe(OPTIMIZATION_LEVELS[OptimizationLevel.ULTRA]);
    expect(candidateSteps('int4-blocked')).toEqual([{ options: { blockSize: 32 }, pass: PassName.INT4_BLOCKED }]);
    expect(candidateSteps('prune-structured')).toEqual([{ options: { sparsity: 0.25 }, pass: PassName.PRUNE_STRUCTURED }]);
  });
});
