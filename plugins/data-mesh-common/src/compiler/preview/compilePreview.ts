import {
  formatSqlType,
  quoteIdentifier,
  SqlDialect,
  suggestNames,
} from '../../expression';
import {
  nodePorts,
  PathSegment,
  PipelineFile,
  PipelineNode,
} from '../../project';
import { generateGem } from '../codegen/generate';
import { CodegenProblem, tableName } from '../codegen/gems';
import type { MaskTemplates } from '../codegen/maskTemplates';
import { comment, indent, selectList } from '../codegen/text';
import { hasErrors } from '../diagnostics';
import { topologicalOrder, upstreamNodes } from '../graph';
import { lowerPipeline } from '../lower';
import { propagateSchemas } from '../propagate';
import type {
  CompilerDiagnostic,
  PropagationContext,
  SchemaPropagation,
} from '../types';
import {
  DatasetClassifications,
  findPiiColumns,
  PreviewPiiColumn,
} from './piiColumns';
import { pipelinePrefix } from './previewPrefix';

/**
 * Options of {@link compilePreview}.
 *
 * @public
 */
export interface CompilePreviewOptions {
  readonly dialect: SqlDialect;
  /**
   * The output port previewed: for a Subgraph node one of its subgraph's
   * outputs (default: the first); other gems have only `out`, and a Target
   * previews the columns it writes.
   */
  readonly port?: string;
  /** The table a dataset is read from; see `GenerateSqlOptions.tables`. */
  readonly tables?: (dataset: string) => string;
  /** The platform's Mask templates; see `GenerateSqlOptions.maskTemplates`. */
  readonly maskTemplates?: MaskTemplates;
  /** Ends the query with `LIMIT limit` (a non-negative integer). */
  readonly limit?: number;
  /**
   * The column classifications of a dataset (from its contract), which
   * tell which previewed columns carry personal data. Without it no
   * column is reported as `pii`.
   */
  readonly classifications?: (
    dataset: string,
  ) => DatasetClassifications | undefined;
}

/**
 * A column of a preview: its name and Spark SQL type name
 * (`decimal(18,2)`), whatever the dialect.
 *
 * @public
 */
export interface PreviewColumn {
  readonly name: string;
  readonly type: string;
}

/**
 * The result of {@link compilePreview}.
 *
 * @public
 */
export interface CompiledPreview {
  /** The query, when there are no errors. */
  readonly sql?: string;
  /** The columns the query returns, in order, when there are no errors. */
  readonly columns?: readonly PreviewColumn[];
  /** The columns that carry personal data (see {@link PreviewPiiColumn}). */
  readonly piiColumns: readonly PreviewPiiColumn[];
  /**
   * Problems of the node and of what it reads, with paths into the
   * pipeline as written; an unknown node id or port is reported at
   * `['nodeId']` or `['port']`.
   */
  readonly diagnostics: readonly CompilerDiagnostic[];
}

/** Feeds the previewed output while lowering, so that lowering says which gem writes it. */
const PROBE_ID = '$preview';

const DIALECT_NAMES: Record<SqlDialect, string> = {
  spark: 'Spark SQL',
  duckdb: 'DuckDB SQL',
};

/**
 * Compiles the query that shows the data leaving one node of a pipeline:
 * the CTEs of the gems it depends on (as `generateSql` writes them), then
 * `SELECT <its columns> FROM <its CTE>`, optionally limited. Works on the
 * lowered pipeline: a Subgraph node is previewed through the inlined gem
 * feeding the output port, a BusinessRule node through the Reformat it
 * becomes, and a Target through the gem feeding it (the columns it writes).
 *
 * Only the node and what is upstream of it are compiled, so problems in
 * other branches do not stop the preview. Never throws for bad input.
 *
 * @public
 */
export function compilePreview(
  pipeline: PipelineFile,
  context: PropagationContext,
  nodeId: string,
  options: CompilePreviewOptions,
): CompiledPreview {
  const fail = (diagnostics: readonly CompilerDiagnostic[]) => ({
    diagnostics,
    piiColumns: [],
  });
  const node = pipeline.nodes.find(n => n.id === nodeId);
  if (!node) {
    const [guess] = suggestNames(
      nodeId,
      pipeline.nodes.map(n => n.id),
      1,
    );
    return fail([
      request(
        ['nodeId'],
        'unknown-node',
        `pipeline "${pipeline.name}" has no node "${nodeId}"${
          guess ? ` (did you mean "${guess}"?)` : ''
        }`,
      ),
    ]);
  }
  const { limit } = options;
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) {
    return fail([
      request(
        ['limit'],
        'not-supported',
        `the row limit must be a non-negative integer, not ${limit}`,
      ),
    ]);
  }
  const output = previewedOutput(pipeline, node, context, options.port);
  if ('diagnostic' in output) return fail([output.diagnostic]);

  const prefix = pipelinePrefix(pipeline, output.node);
  const located = locator(pipeline, prefix.edgeIndices);
  const propagation = propagateSchemas(prefix.pipeline, context);
  const warnings = propagation.diagnostics
    .filter(d => d.severity === 'warning')
    .map(d => located(d));
  if (hasErrors(propagation.diagnostics)) {
    return fail(propagation.diagnostics.map(d => located(d)));
  }

  const probed: PipelineFile = {
    ...prefix.pipeline,
    nodes: [
      ...prefix.pipeline.nodes,
      {
        id: PROBE_ID,
        type: 'Limit',
        position: { x: 0, y: 0 },
        config: { count: 0 },
      },
    ],
    edges: [
      ...prefix.pipeline.edges,
      { from: output, to: { node: PROBE_ID, port: 'in' } },
    ],
  };
  const lowered = lowerPipeline(probed, context);
  const loweredNodes = new Map(lowered.pipeline.nodes.map(n => [n.id, n]));
  const fromLowered = (d: CompilerDiagnostic) =>
    located(d, lowered.origins, loweredNodes);
  if (hasErrors(lowered.diagnostics)) {
    return fail([...warnings, ...lowered.diagnostics.map(fromLowered)]);
  }
  const feed = lowered.pipeline.edges.find(e => e.to.node === PROBE_ID)?.from;
  if (!feed) {
    return fail([
      ...warnings,
      request(
        ['port'],
        'invalid-port',
        `nothing inside node "${nodeId}" feeds its output "${output.port}"`,
      ),
    ]);
  }
  loweredNodes.delete(PROBE_ID);
  const graph = pipelinePrefix(
    {
      ...lowered.pipeline,
      nodes: [...loweredNodes.values()],
      edges: lowered.pipeline.edges.filter(e => e.to.node !== PROBE_ID),
    },
    feed.node,
  ).pipeline;
  const loweredPropagation = propagateSchemas(graph, context);
  const columns = loweredPropagation.ports.get(feed.node)?.[feed.port]?.columns;
  if (hasErrors(loweredPropagation.diagnostics) || !columns) {
    // The prefix checks as written, so this is the compiler's mistake.
    return fail([
      ...warnings,
      ...loweredPropagation.diagnostics
        .filter(d => d.severity === 'error')
        .map(d => ({
          ...fromLowered(d),
          code: 'internal-error' as const,
          message: `the lowered pipeline does not check: ${d.message}`,
        })),
      ...(columns
        ? []
        : [
            request(
              ['nodeId'],
              'internal-error',
              `the lowered node "${feed.node}" has no schema on "${feed.port}"`,
            ),
          ]),
    ]);
  }

  const generated = previewQuery(
    graph,
    loweredPropagation,
    feed.node,
    columns.map(c => c.name),
    options,
  );
  if ('problems' in generated) {
    return fail([...warnings, ...generated.problems.map(fromLowered)]);
  }
  const what =
    node.type === 'Target'
      ? `the columns Target "${node.id}" writes`
      : `node "${node.id}" (${node.type}${
          node.type === 'Subgraph' ? `, output ${output.port}` : ''
        })`;
  const header = comment(
    `Preview of ${what} in pipeline ${pipeline.name}: ${
      DIALECT_NAMES[options.dialect]
    }, generated by meshwork.`,
  );
  return {
    sql: `${header}\n${generated.sql}\n`,
    columns: columns.map(c => ({ name: c.name, type: formatSqlType(c.type) })),
    piiColumns: findPiiColumns(
      loweredNodes,
      loweredPropagation,
      feed,
      columns.map(c => c.name),
      options.classifications ?? (() => undefined),
    ),
    diagnostics: warnings,
  };
}

/** A problem with the request rather than with a node of the pipeline. */
function request(
  path: PathSegment[],
  code: CompilerDiagnostic['code'],
  message: string,
): CompilerDiagnostic {
  return { severity: 'error', code, path, message };
}

/**
 * The output port whose data the preview shows, as an edge's `from`: the
 * node's own, or for a Target the one feeding it.
 */
function previewedOutput(
  pipeline: PipelineFile,
  node: PipelineNode,
  context: PropagationContext,
  port: string | undefined,
): { node: string; port: string } | { diagnostic: CompilerDiagnostic } {
  const unknownPort = (known: readonly string[]) => ({
    diagnostic: request(
      ['port'],
      'invalid-port',
      `node "${node.id}" has no output "${port}"; its outputs: ${
        known.join(', ') || 'none'
      }`,
    ),
  });
  if (node.type === 'Target') {
    if (port !== undefined && port !== 'in') return unknownPort([]);
    const feed = pipeline.edges.find(
      e => e.to.node === node.id && e.to.port === 'in',
    );
    if (!feed) {
      return {
        diagnostic: request(
          ['nodeId'],
          'missing-input',
          `Target "${node.id}" has no input to preview`,
        ),
      };
    }
    return feed.from;
  }
  const outputs =
    node.type === 'Subgraph'
      ? context.subgraphs?.[node.config.subgraph]?.outputs.map(o => o.name)
      : nodePorts(node).outputs;
  // An unknown subgraph is reported by propagation, on the node.
  if (!outputs) return { node: node.id, port: port ?? 'out' };
  if (port !== undefined && !outputs.includes(port)) {
    return unknownPort(outputs);
  }
  return { node: node.id, port: port ?? outputs[0] };
}

/**
 * Maps a diagnostic on the prefix, or on its lowered form, to the pipeline
 * as written: node and edge indices of the whole pipeline, and a problem
 * on a lowered node on the node it came from (as `compilePipeline` does).
 */
function locator(pipeline: PipelineFile, edgeIndices: readonly number[]) {
  return (
    diagnostic: CompilerDiagnostic,
    origins: ReadonlyMap<string, string> = new Map(),
    lowered?: ReadonlyMap<string, PipelineNode>,
  ): CompilerDiagnostic => {
    const { nodeId, path } = diagnostic;
    if (nodeId === undefined) {
      return path[0] === 'edges' && typeof path[1] === 'number'
        ? {
            ...diagnostic,
            path: ['edges', edgeIndices[path[1]] ?? path[1], ...path.slice(2)],
          }
        : diagnostic;
    }
    const originId = origins.get(nodeId) ?? nodeId;
    const index = pipeline.nodes.findIndex(n => n.id === originId);
    if (index < 0) return diagnostic;
    const before = pipeline.nodes[index];
    const after = lowered?.get(nodeId);
    const kept = originId === nodeId && (!after || after.type === before.type);
    let where = '';
    if (originId !== nodeId) {
      where = `in node "${nodeId.slice(originId.length + 2)}" of subgraph "${
        before.type === 'Subgraph' ? before.config.subgraph : ''
      }": `;
    } else if (!kept) {
      where = `in the ${after?.type ?? 'gem'} this ${before.type} becomes: `;
    }
    const inside = kept && path[0] === 'nodes' ? path.slice(2) : [];
    // A position inside another node's expression would mislead.
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

/**
 * `WITH <one CTE per gem, in graph order> SELECT <columns> FROM <node>`,
 * the CTEs written by the same generators as the pipeline's own SQL.
 */
function previewQuery(
  graph: PipelineFile,
  propagation: SchemaPropagation,
  last: string,
  columns: readonly string[],
  options: CompilePreviewOptions,
): { sql: string } | { problems: CompilerDiagnostic[] } {
  const { dialect } = options;
  const nodes = new Map(graph.nodes.map(n => [n.id, n]));
  const upstreamOf = upstreamNodes(graph.edges);
  const { order } = topologicalOrder(
    graph.nodes.map(n => n.id),
    graph.edges.map(e => ({ from: e.from.node, to: e.to.node })),
  );
  const problems: CompilerDiagnostic[] = [];
  const problem = (at: string, error: CodegenProblem) => {
    const id = error.nodeId ?? at;
    problems.push({
      severity: 'error',
      code: error.code,
      nodeId: id,
      path: [
        'nodes',
        graph.nodes.findIndex(n => n.id === id),
        ...(error.field.length ? ['config', ...error.field] : []),
      ],
      message: error.message,
    });
  };

  const ctes: Array<{ id: string; lines: string[] }> = [];
  for (const id of order) {
    const node = nodes.get(id)!;
    try {
      const lines = generateGem(
        node,
        upstreamOf.get(id) ?? {},
        propagation,
        options,
      );
      if (node.type === 'Source') {
        const read = tableName(node.config, dialect, options.tables);
        const shadow = ctes.find(
          c =>
            quoteIdentifier(c.id, dialect).toLowerCase() === read.toLowerCase(),
        );
        if (shadow) {
          throw new CodegenProblem(
            `Source "${id}" reads table ${read}, which the CTE of node "${shadow.id}" would hide; qualify the table (schema.table) or rename the node`,
            'not-supported',
          );
        }
      }
      ctes.push({ id, lines });
    } catch (error) {
      if (!(error instanceof CodegenProblem)) throw error;
      problem(id, error);
    }
  }
  if (problems.length) return { problems };
  return {
    sql: [
      ...ctes.flatMap(({ id, lines }, i) => [
        `${i === 0 ? 'WITH ' : ''}${quoteIdentifier(id, dialect)} AS (`,
        ...indent(lines),
        i < ctes.length - 1 ? '),' : ')',
      ]),
      ...selectList(columns.map(c => quoteIdentifier(c, dialect))),
      `FROM ${quoteIdentifier(last, dialect)}`,
      ...(options.limit !== undefined ? [`LIMIT ${options.limit}`] : []),
    ].join('\n'),
  };
}
