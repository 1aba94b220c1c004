import { sqlDialect, SqlDialectName } from '../../dialect';
import { formatSqlType, suggestNames } from '../../expression';
import {
  nodePorts,
  PathSegment,
  PipelineFile,
  PipelineNode,
} from '../../project';
import { checkPipeline, runBackEnd } from '../checkPipeline';
import type { ParameterValue } from '../parameters';
import { unknownReferences } from '../references';
import { checkSourcesVisible, cteQuery } from '../codegen/cteQuery';
import { CodegenDiagnostics, gemGraph } from '../codegen/gemGraph';
import { generateGem } from '../codegen/generate';
import type { MaskTemplates } from '../codegen/maskTemplates';
import { comment } from '../codegen/text';
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
  readonly dialect: SqlDialectName;
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
  /**
   * Values of the pipeline's parameters; the others take their defaults.
   * A preview runs as it is compiled, so each parameter is a typed
   * literal, whatever the dialect.
   */
  readonly parameters?: Readonly<Record<string, ParameterValue>>;
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

/**
 * Reads the previewed output in the checked pipeline, so that lowering
 * says which gem writes it (inside a Subgraph, the gem feeding the output).
 */
const PROBE: PipelineNode = {
  id: '$preview',
  type: 'Limit',
  position: { x: 0, y: 0 },
  config: { count: 0 },
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
  // Only what the node reads is checked (for a Target without input, the
  // Target alone), with the probe reading the previewed output so that
  // lowering says which gem writes it.
  const prefix = pipelinePrefix(
    pipeline,
    'unfed' in output ? node.id : output.node,
  );
  const relocate = wholePipelineLocation(pipeline, prefix.edgeIndices);
  const located = (diagnostics: readonly CompilerDiagnostic[]) =>
    diagnostics.flatMap(d => {
      const moved = relocate(d);
      return moved ? [moved] : [];
    });
  // As `meshwork validate` does, a pipeline naming a dataset, rule or
  // subgraph the project lacks is not compiled further.
  const read = new Set(prefix.pipeline.nodes.map(n => n.id));
  const unknown = unknownReferences(pipeline.nodes, {
    datasets: Object.keys(context.datasets),
    rules: Object.keys(context.rules ?? {}),
    subgraphs: Object.keys(context.subgraphs ?? {}),
  }).filter(({ path }) => read.has(pipeline.nodes[path[1] as number].id));
  if (unknown.length > 0) {
    return fail(
      unknown.map(({ path, message }) =>
        request([...path], 'unknown-reference', message),
      ),
    );
  }
  const lowering = { parameterValues: options.parameters ?? {} };
  if ('unfed' in output) {
    // What checking the whole pipeline says of the Target: its input has no edge.
    return fail(
      located(checkPipeline(prefix.pipeline, context, lowering).diagnostics),
    );
  }
  const checked = checkPipeline(
    {
      ...prefix.pipeline,
      nodes: [...prefix.pipeline.nodes, PROBE],
      edges: [
        ...prefix.pipeline.edges,
        { from: output, to: { node: PROBE.id, port: 'in' } },
      ],
    },
    context,
    lowering,
  );
  const { generated, diagnostics } = runBackEnd(checked, (lowered, schemas) =>
    previewQuery(lowered, schemas, nodeId, output.port, options),
  );
  const preview = generated?.preview;
  if (!preview) return fail(located(diagnostics));
  const what =
    node.type === 'Target'
      ? `the columns Target "${node.id}" writes`
      : `node "${node.id}" (${node.type}${
          node.type === 'Subgraph' ? `, output ${output.port}` : ''
        })`;
  const header = comment(
    `Preview of ${what} in pipeline ${pipeline.name}: ${
      sqlDialect(options.dialect).sqlName
    }, generated by meshwork.`,
  );
  return {
    ...preview,
    sql: `${header}\n${preview.sql}\n`,
    diagnostics: located(diagnostics),
  };
}

/** A problem with the request, or with the pipeline rather than one of its nodes. */
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
):
  | { node: string; port: string }
  | { diagnostic: CompilerDiagnostic }
  /** A Target with no edge into it. */
  | { unfed: true } {
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
    return feed?.from ?? { unfed: true };
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
 * Moves a diagnostic on the checked prefix to the pipeline as written:
 * node and edge indices of the whole pipeline. A problem on the probe, or
 * on its edge, follows from one on the node it reads and is dropped.
 */
function wholePipelineLocation(
  pipeline: PipelineFile,
  edgeIndices: readonly number[],
) {
  return (diagnostic: CompilerDiagnostic): CompilerDiagnostic | undefined => {
    const { nodeId, path } = diagnostic;
    if (nodeId === PROBE.id) return undefined;
    if (nodeId === undefined) {
      if (path[0] !== 'edges' || typeof path[1] !== 'number') {
        return diagnostic;
      }
      const index = edgeIndices[path[1]];
      return index === undefined
        ? undefined
        : { ...diagnostic, path: ['edges', index, ...path.slice(2)] };
    }
    const index = pipeline.nodes.findIndex(n => n.id === nodeId);
    const inside = path[0] === 'nodes' ? path.slice(2) : [];
    return index < 0
      ? diagnostic
      : { ...diagnostic, path: ['nodes', index, ...inside] };
  };
}

/**
 * The preview back end, over the checked prefix with its probe:
 * `WITH <one CTE per gem the probe reads, in graph order> SELECT <columns>
 * FROM <the gem feeding the probe>`, the CTEs written as in the
 * pipeline's own SQL; and which of the columns carry personal data.
 */
function previewQuery(
  lowered: PipelineFile,
  propagation: SchemaPropagation,
  nodeId: string,
  port: string,
  options: CompilePreviewOptions,
): {
  preview?: Required<Omit<CompiledPreview, 'diagnostics'>>;
  diagnostics: CompilerDiagnostic[];
} {
  const { dialect, limit } = options;
  const feed = lowered.edges.find(e => e.to.node === PROBE.id)?.from;
  if (!feed) {
    const message = `nothing inside node "${nodeId}" feeds its output "${port}"`;
    return { diagnostics: [request(['port'], 'invalid-port', message)] };
  }
  const columns = propagation.ports.get(feed.node)?.[feed.port]?.columns;
  if (!columns) {
    const message = `the lowered node "${feed.node}" has no schema on "${feed.port}"`;
    return { diagnostics: [request(['nodeId'], 'internal-error', message)] };
  }
  const graph = gemGraph(pipelinePrefix(lowered, feed.node).pipeline);
  const problems = new CodegenDiagnostics(graph);
  const ctes = graph.order.flatMap(id => {
    const lines = problems.attempt(id, () =>
      generateGem(
        graph.nodes.get(id)!,
        graph.upstreamOf.get(id) ?? {},
        propagation,
        options,
      ),
    );
    return lines ? [{ id, lines }] : [];
  });
  problems.attempt(feed.node, () =>
    checkSourcesVisible(ctes, graph.nodes, dialect, options.tables),
  );
  if (problems.diagnostics.length) return problems;
  const names = columns.map(c => c.name);
  const sql = [
    ...cteQuery(ctes, names, feed.node, dialect),
    ...(limit !== undefined ? [`LIMIT ${limit}`] : []),
  ];
  return {
    preview: {
      sql: sql.join('\n'),
      columns: columns.map(c => ({
        name: c.name,
        type: formatSqlType(c.type),
      })),
      piiColumns: findPiiColumns(
        graph.nodes,
        propagation,
        feed,
        names,
        options.classifications ?? (() => undefined),
      ),
    },
    diagnostics: [],
  };
}
