import { buildMlpModel } from '@app/testing';

import { GpuException } from '../../gpu.exception.js';
import { inspectModel } from './inspect-model.js';
import { assertModelUsable, danglingInputs } from './validate-model.js';

describe(assertModelUsable.name, () => {
  const check = (model: ReturnType<typeof buildMlpModel>): void => assertModelUsable(model, inspectModel(model));

  it('accepts a well-formed MLP', () => {
    expect(() => check(buildMlpModel())).not.toThrow();
  });

  it('refuses a model without opsets, naming the field', () => {
    const model = buildMlpModel();
    model.opsetImport = [];
    expect(() => check(model)).toThrow(expect.objectContaining({ code: 'GPU.INVALID_MODEL', status: 422, message: expect.stringContaining('opset_import') as string }) as Error);
  });

  it('refuses a graph without nodes', () => {
    const model = buildMlpModel();
    model.graph!.node = [];
    expect(() => check(model)).toThrow(GpuException);
  });

  it('refuses external weights, naming the tensor', () => {
    const model = buildMlpModel({ widths: [2, 2] });
    model.graph!.initializer![1] = { name: 'b0', dims: [2], dataType: 1, dataLocation: 1 };
    expect(() => check(model)).toThrow(expect.objectContaining({ message: expect.stringContaining('b0') as string }) as Error);
  });
});

describe(danglingInputs.name, () => {
  it('names inputs nothing produces, ignoring omitted optional inputs', () => {
    const model = buildMlpModel({ widths: [2, 2] });
    model.graph!.node![0]!.input = ['input', 'w_missing', ''];
    expect(danglingInputs(model.graph!)).toEqual(['w_missing']);
  });

  it('lets a subgraph read names from its outer scope, but not undefined ones', () => {
    const model = buildMlpModel({ widths: [2, 2] });
    const branch = (input: string): { name: string; node: { opType: string; input: string[]; output: string[] }[]; output: { name: string }[] } => ({
      name: 'branch',
      node: [{ opType: 'Identity', input: [input], output: ['inner'] }],
      output: [{ name: 'inner' }],
    });
    model.graph!.node!.push({ opType: 'If', input: ['cond'], output: ['picked'], attribute: [{ name: 'then_branch', g: branch('w0') }, { name: 'else_branch', g: branch('nowhere') }] });
    model.graph!.input!.push({ name: 'cond' });
    expect(danglingInputs(model.graph!)).toEqual(['nowhere']);
  });
});
