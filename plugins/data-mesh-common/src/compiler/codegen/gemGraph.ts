import type { PipelineNode } from '../../project';
import type { NodeOf } from '../gems/gem';
import { Graph, topologicalOrder, upstreamNodes } from '../graph';
import type { CompilerDiagnostic } from '../types';
import { CodegenProblem } from './codegenProblem';

/**
 * A lowered pipeline's graph as every back end (SQL, PySpark, preview)
 * walks it: gems in an order where each comes after what it reads.
 */
export interface GemGraph {
  /** Each node by id; of a repeated id (which validation reports), the first. */
  readonly nodes: ReadonlyMap<string, PipelineNode>;
  /** Each node's index in the pipeline's `nodes`, for diagnostics. */
  readonly indexOf: ReadonlyMap<string, number>;
  /** For each node, the node feeding each of its input ports. */
  readonly upstreamOf: ReadonlyMap<string, Record<string, string>>;
  /** Node ids, every edge going forward. */
  readonly order: readonly string[];
  /** The Target gems, in `order`. */
  readonly targets: readonly NodeOf<'Target'>[];
}

/** Indexes and orders the gems of a (lowered) pipeline for a back end. */
export function gemGraph(graph: Graph): GemGraph {
  const indexOf = new Map<string, number>();
  graph.nodes.forEach((node, index) => {
    if (!indexOf.has(node.id)) indexOf.set(node.id, index);
  });
  const nodes = new Map(
    [...indexOf].map(([id, index]) => [id, graph.nodes[index]]),
  );
  const { order } = topologicalOrder(
    [...nodes.keys()],
    graph.edges.map(e => ({ from: e.from.node, to: e.to.node })),
  );
  return {
    nodes,
    indexOf,
    upstreamOf: upstreamNodes(graph.edges),
    order,
    targets: order
      .map(id => nodes.get(id)!)
      .filter((n): n is NodeOf<'Target'> => n.type === 'Target'),
  };
}

/** Reported by a back end that writes Targets when there is none. */
export const NO_TARGET: CompilerDiagnostic = {
  severity: 'error',
  code: 'not-supported',
  path: ['nodes'],
  message: 'the pipeline has no Target gem, so there is nothing to write',
};

/**
 * The problems a back end finds while writing the gems of a graph, on the
 * lowered nodes they concern.
 */
export class CodegenDiagnostics {
  readonly diagnostics: CompilerDiagnostic[] = [];

  constructor(private readonly graph: GemGraph) {}

  /**
   * Runs `write` for node `id`. A {@link CodegenProblem} it throws becomes
   * a diagnostic on that node (or the one the problem names), once per
   * node and message however many Targets share the gem, and the result
   * is `undefined`.
   */
  attempt<T>(id: string, write: () => T): T | undefined {
    try {
      return write();
    } catch (error) {
      if (!(error instanceof CodegenProblem)) throw error;
      const at = error.nodeId ?? id;
      const known = this.diagnostics.some(
        d => d.nodeId === at && d.message === error.message,
      );
      if (!known) {
        this.diagnostics.push({
          severity: 'error',
          code: error.code,
          nodeId: at,
          path: [
            'nodes',
            this.graph.indexOf.get(at)!,
            ...(error.field.length ? ['config', ...error.field] : []),
          ],
          message: error.message,
        });
      }
      return undefined;
    }
  }
}

/**
 * The gems a back end writes one by one: those a lowered pipeline is made
 * of (`lowerPipeline` rewrites Subgraph and BusinessRule gems into them),
 * but Target, which each back end writes as its statement.
 */
export type PrimitiveGemType = Exclude<
  PipelineNode['type'],
  'Subgraph' | 'BusinessRule' | 'Target'
>;

/**
 * A back end's writer of every primitive gem, given a context `C` about
 * its node: a table by gem type, which the type checker keeps complete.
 */
export type GemWriters<C, R> = {
  readonly [T in PrimitiveGemType]: (context: C & { node: NodeOf<T> }) => R;
};

/** A back end's writer of a node's gem, which must be a primitive one. */
export function generatorFor<C, R>(
  generators: GemWriters<C, R>,
  node: PipelineNode,
): (context: C) => R {
  const generate = (
    generators as Partial<Record<PipelineNode['type'], (context: C) => R>>
  )[node.type];
  if (!generate) {
    throw new CodegenProblem(
      `${node.type} gems are written as the gems they lower to: lower the pipeline first (lowerPipeline)`,
      'not-supported',
    );
  }
  return generate;
}
