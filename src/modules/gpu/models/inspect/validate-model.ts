import { GpuException, GpuExceptionCode } from '../../gpu.exception.js';
import type { GraphProto, ModelProto } from '../../onnx/onnx-proto.js';
import { subgraphsOf } from './graph-walk.js';
import type { ModelReport } from './model-report.types.js';

const MAX_LISTED = 5;

/** Node inputs no graph input, initializer or node output provides; a subgraph also sees its outer scopes' names. */
export function danglingInputs(graph: GraphProto, outer: ReadonlySet<string> = new Set()): string[] {
  const known = new Set<string>(outer);
  for (const name of [...(graph.input ?? []).map((input) => input.name), ...(graph.initializer ?? []).map((tensor) => tensor.name)]) {
    known.add(name ?? '');
  }
  for (const node of graph.node ?? []) {
    for (const output of node.output ?? []) {
      known.add(output);
    }
  }
  return (graph.node ?? []).flatMap((node) => [
    // An empty name is ONNX's way of leaving an optional input out.
    ...(node.input ?? []).filter((input) => input !== '' && !known.has(input)),
    ...subgraphsOf(node).flatMap((sub) => danglingInputs(sub, known)),
  ]);
}

function invalid(detail: string): GpuException {
  return new GpuException(GpuExceptionCode.INVALID_MODEL, detail);
}

/**
 * Structural checks ahead of onnxruntime, with messages a person can act on: an opset to resolve ops against, every
 * node input defined, every weight in this one file.
 */
export function assertModelUsable(model: ModelProto, report: ModelReport): void {
  if ((model.opsetImport ?? []).length === 0) {
    throw invalid('The model declares no opset_import: its operators cannot be resolved.');
  }
  if ((model.graph?.node ?? []).length === 0) {
    throw invalid('The model graph has no nodes.');
  }
  const dangling = [...new Set(danglingInputs(model.graph ?? {}))];
  if (dangling.length > 0) {
    throw invalid(`Node inputs that nothing produces: ${dangling.slice(0, MAX_LISTED).join(', ')}${dangling.length > MAX_LISTED ? ` and ${dangling.length - MAX_LISTED} more` : ''}.`);
  }
  const external = report.flags.externalData;
  if (external.length > 0) {
    throw invalid(`Weights are stored in external data files (${external.slice(0, MAX_LISTED).join(', ')}); upload a model with its weights embedded (one file).`);
  }
}
