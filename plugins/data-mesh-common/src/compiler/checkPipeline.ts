import type { PathSegment, PipelineFile } from '../project';
import { hasErrors } from './diagnostics';
import { LowerOptions, lowerPipeline } from './lower';
import { propagateSchemas } from './propagate';
import type {
  CompilerDiagnostic,
  PropagationContext,
  SchemaPropagation,
} from './types';

/**
 * A pipeline checked by {@link checkPipeline}: what every back end (Spark
 * SQL, DuckDB SQL, PySpark, a preview) starts from, so that all of them
 * report the same problems at the same places.
 */
export interface CheckedPipeline {
  /** The pipeline as written. */
  readonly pipeline: PipelineFile;
  /** The schemas and lineage of the pipeline as written. */
  readonly propagation: SchemaPropagation;
  /**
   * The pipeline rewritten into primitive gems ({@link lowerPipeline}),
   * present only when there are no errors.
   */
  readonly lowered?: PipelineFile;
  /** The schemas of `lowered`, present with it. */
  readonly loweredPropagation?: SchemaPropagation;
  /**
   * Maps a diagnostic on a node of `lowered` to the node as written that
   * it came from (see {@link originalLocation}).
   */
  readonly toOriginal: (diagnostic: CompilerDiagnostic) => CompilerDiagnostic;
  /** Every problem found while checking, with paths into the pipeline as written. */
  readonly diagnostics: readonly CompilerDiagnostic[];
}

/**
 * The compiler's front end: propagates a pipeline's schemas (whose
 * diagnostics and lineage point into the author's file) and, if there are
 * no errors, lowers it to primitive gems and propagates the lowered
 * pipeline, each once. A problem found on a lowered node is reported on
 * the node it came from (an inlined subgraph's nodes on the Subgraph node,
 * a lowered rule on the BusinessRule node).
 */
export function checkPipeline(
  pipeline: PipelineFile,
  context: PropagationContext,
  options: LowerOptions = {},
): CheckedPipeline {
  const propagation = propagateSchemas(pipeline, context);
  const unchecked = {
    pipeline,
    propagation,
    toOriginal: (d: CompilerDiagnostic) => d,
  };
  if (hasErrors(propagation.diagnostics)) {
    return { ...unchecked, diagnostics: propagation.diagnostics };
  }
  const warnings = propagation.diagnostics;
  // Lowering reports its own problems on the nodes as written.
  const lowered = lowerPipeline(pipeline, context, options);
  if (hasErrors(lowered.diagnostics)) {
    return { ...unchecked, diagnostics: [...warnings, ...lowered.diagnostics] };
  }
  const toOriginal = originalLocation(
    pipeline,
    lowered.pipeline,
    lowered.origins,
  );
  // Lowering only rewrites Subgraph and BusinessRule nodes and parameter
  // markers, and inlines standard functions; without them the lowered
  // pipeline is the original, and so is its propagation.
  const loweredPropagation =
    pipeline.parameters?.length ||
    context.standardFunctions?.size ||
    pipeline.nodes.some(n => n.type === 'Subgraph' || n.type === 'BusinessRule')
      ? propagateSchemas(lowered.pipeline, context)
      : propagation;
  if (hasErrors(loweredPropagation.diagnostics)) {
    // The original checks, so this is the compiler's mistake.
    return {
      ...unchecked,
      toOriginal,
      diagnostics: [
        ...warnings,
        ...loweredPropagation.diagnostics
          .filter(d => d.severity === 'error')
          .map(d => ({
            ...toOriginal(d),
            code: 'internal-error' as const,
            message: `the lowered pipeline does not check: ${d.message}`,
          })),
      ],
    };
  }
  return {
    pipeline,
    propagation,
    lowered: lowered.pipeline,
    loweredPropagation,
    toOriginal,
    diagnostics: warnings,
  };
}

/**
 * Runs a back end over the lowered pipeline of a checked one, when it
 * checked. `generated` is what the back end returned; `diagnostics` are the
 * checker's and the back end's, the latter moved from lowered nodes to the
 * nodes as written, once each.
 */
export function runBackEnd<
  R extends { diagnostics: readonly CompilerDiagnostic[] },
>(
  checked: CheckedPipeline,
  generate: (lowered: PipelineFile, propagation: SchemaPropagation) => R,
): { generated?: R; diagnostics: readonly CompilerDiagnostic[] } {
  const { lowered, loweredPropagation } = checked;
  if (!lowered || !loweredPropagation) {
    return { diagnostics: checked.diagnostics };
  }
  const generated = generate(lowered, loweredPropagation);
  return {
    generated,
    diagnostics: [
      ...checked.diagnostics,
      ...uniqueDiagnostics(generated.diagnostics.map(checked.toOriginal)),
    ],
  };
}

/**
 * Maps a diagnostic on the lowered pipeline to the node of the original it
 * came from: same node, same path inside its config when the node was kept
 * as it is; otherwise the node itself, the lowered node named in the message.
 */
function originalLocation(
  original: PipelineFile,
  lowered: PipelineFile,
  origins: ReadonlyMap<string, string>,
): (diagnostic: CompilerDiagnostic) => CompilerDiagnostic {
  return diagnostic => {
    const { nodeId } = diagnostic;
    if (nodeId === undefined) return diagnostic;
    const originId = origins.get(nodeId) ?? nodeId;
    const index = original.nodes.findIndex(n => n.id === originId);
    if (index < 0) return diagnostic;
    const before = original.nodes[index];
    const after = lowered.nodes.find(n => n.id === nodeId);
    const kept = originId === nodeId && before.type === after?.type;
    const inside: PathSegment[] =
      kept && diagnostic.path[0] === 'nodes' ? diagnostic.path.slice(2) : [];
    let where = '';
    if (originId !== nodeId) {
      const name = before.type === 'Subgraph' ? before.config.subgraph : '';
      where = `in node "${nodeId.slice(
        originId.length + 2,
      )}" of subgraph "${name}": `;
    } else if (!kept) {
      where = `in the ${after?.type ?? 'gem'} this ${before.type} becomes: `;
    }
    // A position inside an expression of another node's text would mislead.
    const { expression, ...rest } = diagnostic;
    return {
      ...rest,
      nodeId: originId,
      path: ['nodes', index, ...inside],
      message: `${where}${diagnostic.message}`,
      ...(kept && expression && { expression }),
    };
  };
}

/** A problem found on several lowered nodes of one gem is reported once. */
function uniqueDiagnostics(
  diagnostics: readonly CompilerDiagnostic[],
): CompilerDiagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter(d => {
    const key = JSON.stringify([d.code, d.path, d.message, d.expression]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
