import type { GraphProto, NodeProto } from '../../onnx/onnx-proto.js';

export interface VisitedGraph {
  graph: GraphProto;
  /** 0 for the main graph, 1 for an If/Loop/Scan body, and so on. */
  depth: number;
}

/** Control-flow bodies a node carries in its attributes (`g` and `graphs`). */
export function subgraphsOf(node: NodeProto): GraphProto[] {
  return (node.attribute ?? []).flatMap((attribute) => [...(attribute.g ? [attribute.g] : []), ...(attribute.graphs ?? [])]);
}

/** The main graph and every nested subgraph, depth first. */
export function walkGraphs(graph: GraphProto, depth = 0): VisitedGraph[] {
  return [{ graph, depth }, ...(graph.node ?? []).flatMap((node) => subgraphsOf(node).flatMap((sub) => walkGraphs(sub, depth + 1)))];
}
