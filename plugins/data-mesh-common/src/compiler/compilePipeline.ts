import type { SqlDialect } from '../expression';
import type { PathSegment, PipelineFile } from '../project';
import { generateSql } from './codegen';
import type { MaskTemplates } from './codegen/maskTemplates';
import { hasErrors } from './diagnostics';
import { lowerPipeline } from './lower';
import { propagateSchemas } from './propagate';
import type {
  CompilerDiagnostic,
  PropagationContext,
  SchemaPropagation,
} from './types';

/**
 * Options of {@link compilePipeline}.
 *
 * @public
 */
export interface CompilePipelineOptions {
  readonly dialect: SqlDialect;
  /** The table a dataset is read from or written to; see `GenerateSqlOptions.tables`. */
  readonly tables?: (dataset: string) => string;
  /** The platform's Mask templates; see `GenerateSqlOptions.maskTemplates`. */
  readonly maskTemplates?: MaskTemplates;
}

/**
 * The result of {@link compilePipeline}.
 *
 * @public
 */
export interface CompiledPipeline {
  /** The SQL script, when there are no errors. */
  readonly sql?: string;
  /** The schemas and lineage of the pipeline as written (not lowered). */
  readonly propagation: SchemaPropagation;
  /** Every problem, with paths into the pipeline as written. */
  readonly diagnostics: readonly CompilerDiagnostic[];
}

/**
 * Compiles a pipeline to SQL of a dialect: propagates its schemas (whose
 * diagnostics and lineage point into the author's file), and if there are
 * no errors lowers it to primitive gems ({@link lowerPipeline}) and
 * generates SQL from the lowered pipeline. A problem found on a lowered
 * node is reported on the node it came from (an inlined subgraph's nodes
 * on the Subgraph node, a lowered rule on the BusinessRule node).
 *
 * @public
 */
export function compilePipeline(
  pipeline: PipelineFile,
  context: PropagationContext,
  options: CompilePipelineOptions,
): CompiledPipeline {
  const propagation = propagateSchemas(pipeline, context);
  if (hasErrors(propagation.diagnostics)) {
    return { propagation, diagnostics: propagation.diagnostics };
  }
  const warnings = propagation.diagnostics;
  const lowered = lowerPipeline(pipeline, context);
  const toOriginal = originalLocation(
    pipeline,
    lowered.pipeline,
    lowered.origins,
  );
  if (hasErrors(lowered.diagnostics)) {
    return {
      propagation,
      diagnostics: [...warnings, ...lowered.diagnostics],
    };
  }
  // Lowering only rewrites Subgraph and BusinessRule nodes; without them the
  // lowered pipeline is the original, and so is its propagation.
  const loweredPropagation = pipeline.nodes.some(
    n => n.type === 'Subgraph' || n.type === 'BusinessRule',
  )
    ? propagateSchemas(lowered.pipeline, context)
    : propagation;
  if (hasErrors(loweredPropagation.diagnostics)) {
    // The original checks, so this is the compiler's mistake.
    return {
      propagation,
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
  const generated = generateSql(lowered.pipeline, loweredPropagation, options);
  return {
    sql: generated.sql,
    propagation,
    diagnostics: [...warnings, ...generated.diagnostics.map(toOriginal)],
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
