import {
  bindExpression,
  isExpressionError,
  parseExpression,
} from '../expression';
import { nodePorts, PathSegment, PipelineFile, PipelineNode } from '../project';
import { gemPropagators } from './gems';
import { declareParameters } from './parameters';
import type {
  GemEnvironment,
  GemInput,
  GemPropagator,
  OutputColumn,
} from './gems/gem';
import { Graph, topologicalOrder } from './graph';
import { composeSources, LineageTable } from './lineage';
import { propagateSubgraph } from './subgraph';
import type {
  ColumnLineage,
  CompilerDiagnostic,
  InputColumnRef,
  PortSchema,
  PropagationContext,
  SchemaPropagation,
} from './types';

/** Where an input port's edge comes from. */
interface Incoming {
  readonly node: string;
  readonly port: string;
  readonly edgeIndex: number;
}

/**
 * What a graph receives from outside: a subgraph's `$input` ports, with
 * the lineage of the columns the calling pipeline feeds them.
 */
export interface GraphBoundary {
  readonly inputNode: string;
  readonly outputNode: string;
  readonly inputs: Readonly<Record<string, readonly ColumnLineage[]>>;
  readonly schemas: Readonly<Record<string, PortSchema>>;
  /** How deep subgraphs are nested, to stop a subgraph that uses itself. */
  readonly depth: number;
}

/** A propagated graph plus, for a subgraph, what reaches its `$output` ports. */
export interface GraphPropagation extends SchemaPropagation {
  readonly outputs: ReadonlyMap<string, Incoming>;
}

/** The input ports of a node, `undefined` when they cannot be known. */
function inputPortsOf(
  node: PipelineNode,
  context: PropagationContext,
): readonly string[] | undefined {
  if (node.type === 'Subgraph') {
    return context.subgraphs?.[node.config.subgraph]?.inputs.map(i => i.name);
  }
  return nodePorts(node).inputs;
}

/**
 * Propagates schemas and lineage through any graph of gems: a pipeline's,
 * or a subgraph's given its boundary.
 */
export function propagateGraph(
  graph: Graph,
  context: PropagationContext,
  boundary?: GraphBoundary,
): GraphPropagation {
  const diagnostics: CompilerDiagnostic[] = [];
  const ports = new Map<string, Record<string, PortSchema>>();
  const inputSchemas = new Map<string, Record<string, PortSchema>>();
  const lineage: LineageTable = new Map();
  const written = new Map<string, PortSchema>();
  const outputs = new Map<string, Incoming>();

  const nodes = new Map<string, { node: PipelineNode; index: number }>();
  graph.nodes.forEach((node, index) => {
    if (!nodes.has(node.id)) nodes.set(node.id, { node, index });
  });
  if (boundary) {
    ports.set(boundary.inputNode, boundary.schemas);
    lineage.set(boundary.inputNode, boundary.inputs);
  }

  const incoming = collectEdges(
    graph,
    context,
    nodes,
    boundary,
    diagnostics,
    outputs,
  );
  // Only edges that passed the checks order the nodes, so that a bad edge
  // is reported once, not also as a cycle.
  const { order, cyclic } = topologicalOrder(
    [...nodes.keys()],
    [...incoming].flatMap(([to, byPort]) =>
      [...byPort.values()].map(from => ({ from: from.node, to })),
    ),
  );
  if (cyclic.length) {
    diagnostics.push({
      severity: 'error',
      code: 'cycle',
      path: ['edges'],
      message: `nodes ${cyclic.join(
        ', ',
      )} lie on or after a cycle; their schemas are unknown`,
    });
  }

  for (const id of order) {
    const { node, index } = nodes.get(id)!;
    const base: PathSegment[] = ['nodes', index];
    const report: GemEnvironment['report'] = ({ field, ...rest }) =>
      diagnostics.push({
        ...rest,
        nodeId: id,
        path: [...base, 'config', ...field],
      });

    const gemInputs = gatherInputs(
      node,
      base,
      context,
      incoming.get(id),
      ports,
      diagnostics,
    );
    if (!gemInputs) continue;
    inputSchemas.set(
      id,
      Object.fromEntries(
        Object.values(gemInputs).map(i => [i.port, { columns: i.columns }]),
      ),
    );

    const env: GemEnvironment = {
      node,
      inputs: gemInputs,
      context,
      report,
      bind: (expression, field, scope, options) => {
        try {
          const parsed =
            typeof expression === 'string'
              ? parseExpression(expression)
              : expression;
          return bindExpression(
            parsed,
            { inputs: scope, parameters: context.parameters ?? [] },
            { functions: context.functions, ...options },
          );
        } catch (error) {
          if (!isExpressionError(error)) throw error;
          report({
            severity: 'error',
            code: 'invalid-expression',
            field,
            message: error.reason,
            expression: {
              line: error.line,
              column: error.column,
              offset: error.offset,
              length: error.length,
              code: error.code,
              suggestions: error.suggestions,
            },
          });
          return undefined;
        }
      },
    };

    let result: Record<string, readonly OutputColumn[]>;
    try {
      if (node.type === 'Subgraph') {
        result = propagateSubgraph(
          env as never,
          boundary?.depth ?? 0,
          lineageOfInputs(incoming.get(id), lineage),
        );
      } else {
        const propagate = gemPropagators[node.type] as
          | GemPropagator
          | undefined;
        result = propagate ? propagate(env) : {};
      }
    } catch (error) {
      // A bug must not take the editor down with it: report it on the node.
      report({
        severity: 'error',
        code: 'internal-error',
        field: [],
        message: `internal compiler error: ${String(error)}`,
      });
      continue;
    }
    // No output at all means the gem could not type its outputs and said
    // why; leaving the node out keeps the nodes after it quiet.
    if (Object.keys(result).length === 0 && node.type !== 'Target') continue;
    record(
      id,
      result,
      incoming.get(id),
      ports,
      lineage,
      node.type === 'Target',
    );
    // A Target's result is what it writes, under its input port.
    if (node.type === 'Target' && result.in) {
      written.set(id, {
        columns: result.in.map(c => ({ name: c.name, type: c.type })),
      });
    }
  }

  return {
    ports,
    inputs: inputSchemas,
    lineage,
    written,
    diagnostics,
    outputs,
  };
}

/** The lineage of the columns arriving on each input port of a node. */
function lineageOfInputs(
  edges: ReadonlyMap<string, Incoming> | undefined,
  lineage: LineageTable,
): Record<string, readonly ColumnLineage[]> {
  const result: Record<string, readonly ColumnLineage[]> = {};
  for (const [port, from] of edges ?? []) {
    result[port] = lineage.get(from.node)?.[from.port] ?? [];
  }
  return result;
}

/** Stores a node's output schemas and their lineage, composed with the upstream lineage. */
function record(
  id: string,
  result: Record<string, readonly OutputColumn[]>,
  edges: ReadonlyMap<string, Incoming> | undefined,
  ports: Map<string, Record<string, PortSchema>>,
  lineage: LineageTable,
  isTarget: boolean,
) {
  const schemas: Record<string, PortSchema> = {};
  const columns: Record<string, ColumnLineage[]> = {};
  for (const [port, outputColumns] of Object.entries(result)) {
    schemas[port] = {
      columns: outputColumns.map(c => ({ name: c.name, type: c.type })),
    };
    columns[port] = outputColumns.map(column => {
      const inputs: InputColumnRef[] = column.reads.flatMap(read => {
        const from = edges?.get(read.port);
        return from
          ? [{ node: from.node, port: from.port, column: read.column }]
          : [];
      });
      return {
        column: column.name,
        formula: column.formula,
        inputs,
        sources: column.origin
          ? [column.origin]
          : column.sources ?? composeSources(lineage, inputs),
        ...(column.opaque && { opaque: true }),
      };
    });
  }
  // A Target's columns are on its input port, already in `inputs`.
  if (!isTarget) ports.set(id, schemas);
  lineage.set(id, columns);
}

/**
 * Checks every edge: known nodes, existing input ports, one edge per input.
 * Returns the valid edges by target node and port.
 */
function collectEdges(
  graph: Graph,
  context: PropagationContext,
  nodes: ReadonlyMap<string, { node: PipelineNode; index: number }>,
  boundary: GraphBoundary | undefined,
  diagnostics: CompilerDiagnostic[],
  outputs: Map<string, Incoming>,
): Map<string, Map<string, Incoming>> {
  const incoming = new Map<string, Map<string, Incoming>>();
  graph.edges.forEach((edge, edgeIndex) => {
    const error = (
      code: CompilerDiagnostic['code'],
      path: PathSegment[],
      message: string,
    ) =>
      diagnostics.push({
        severity: 'error',
        code,
        path: ['edges', edgeIndex, ...path],
        message,
      });
    const fromBoundary = boundary?.inputNode === edge.from.node;
    if (!fromBoundary && !nodes.has(edge.from.node)) {
      error(
        'unknown-node',
        ['from', 'node'],
        `no node has id "${edge.from.node}"`,
      );
      return;
    }
    if (boundary?.outputNode === edge.to.node) {
      outputs.set(edge.to.port, {
        node: edge.from.node,
        port: edge.from.port,
        edgeIndex,
      });
      return;
    }
    const target = nodes.get(edge.to.node);
    if (!target) {
      error('unknown-node', ['to', 'node'], `no node has id "${edge.to.node}"`);
      return;
    }
    const declared = inputPortsOf(target.node, context);
    if (declared && !declared.includes(edge.to.port)) {
      error(
        'extra-input',
        ['to', 'port'],
        `node "${edge.to.node}" (${target.node.type}) has no input port "${
          edge.to.port
        }"; its inputs are ${declared.join(', ') || 'none'}`,
      );
      return;
    }
    const byPort = incoming.get(edge.to.node) ?? new Map<string, Incoming>();
    const earlier = byPort.get(edge.to.port);
    if (earlier) {
      error(
        'extra-input',
        ['to'],
        `input port "${edge.to.port}" of node "${edge.to.node}" already has an edge (edges[${earlier.edgeIndex}])`,
      );
      return;
    }
    byPort.set(edge.to.port, {
      node: edge.from.node,
      port: edge.from.port,
      edgeIndex,
    });
    incoming.set(edge.to.node, byPort);
  });
  return incoming;
}

/**
 * The schemas arriving on a node's input ports, or undefined when one is
 * missing. A missing edge is reported; an upstream node without a schema
 * has already reported why, so it is not reported again here.
 */
function gatherInputs(
  node: PipelineNode,
  base: PathSegment[],
  context: PropagationContext,
  edges: ReadonlyMap<string, Incoming> | undefined,
  ports: ReadonlyMap<string, Record<string, PortSchema>>,
  diagnostics: CompilerDiagnostic[],
): Record<string, GemInput> | undefined {
  const declared = inputPortsOf(node, context);
  if (!declared) return {}; // an unknown subgraph: the gem reports it
  const inputs: Record<string, GemInput> = {};
  let complete = true;
  for (const port of declared) {
    const from = edges?.get(port);
    if (!from) {
      diagnostics.push({
        severity: 'error',
        code: 'missing-input',
        nodeId: node.id,
        path: [...base, 'id'],
        message: `input port "${port}" of node "${node.id}" has no edge`,
      });
      complete = false;
      continue;
    }
    const upstream = ports.get(from.node);
    if (!upstream) {
      complete = false;
      continue;
    }
    const schema = upstream[from.port];
    if (!schema) {
      diagnostics.push({
        severity: 'error',
        code: 'invalid-port',
        nodeId: node.id,
        path: ['edges', from.edgeIndex, 'from', 'port'],
        message: `node "${from.node}" has no output port "${
          from.port
        }"; its outputs are ${Object.keys(upstream).join(', ') || 'none'}`,
      });
      complete = false;
      continue;
    }
    // A single input is named after the node it comes from, as a CTE would
    // be; numbered inputs keep their port names (Join renames them to its aliases).
    const alias = declared.length === 1 && port === 'in' ? from.node : port;
    inputs[port] = { port, alias, columns: schema.columns };
  }
  return complete ? inputs : undefined;
}

/**
 * Computes the typed schema of every port of a pipeline and the
 * column-level lineage of every output column, binding every expression
 * of every gem against the schemas of its inputs. Never throws for bad
 * input: every problem is a {@link CompilerDiagnostic}.
 *
 * @public
 */
export function propagateSchemas(
  pipeline: Pick<PipelineFile, 'nodes' | 'edges' | 'parameters'>,
  context: PropagationContext,
): SchemaPropagation {
  // Expressions read the pipeline's own parameters, typed as declared.
  const declared = declareParameters(pipeline.parameters);
  const { ports, inputs, lineage, written, diagnostics } = propagateGraph(
    pipeline,
    { ...context, parameters: declared.parameters },
  );
  return {
    ports,
    inputs,
    lineage,
    written,
    diagnostics: [...declared.diagnostics, ...diagnostics],
  };
}
