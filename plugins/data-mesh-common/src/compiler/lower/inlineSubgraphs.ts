import {
  PipelineEdge,
  PipelineNode,
  SUBGRAPH_INPUT_NODE,
  SUBGRAPH_OUTPUT_NODE,
} from '../../project';
import {
  Expression,
  ParameterSchema,
  sqlTypesEqual,
  SqlTypes,
} from '../../expression';
import type { Graph } from '../graph';
import {
  checkParameterValue,
  DeclaredParameter,
  declareParameters,
  parameterLiteral,
  parameterReference,
  ParameterValue,
  replaceParameterMarkers,
  sameParameter,
  typedMarker,
} from '../parameters';
import type { CompilerDiagnostic, PropagationContext } from '../types';
import { mapAllExpressions, requalify } from './requalify';

/** Deeper nesting than this is taken for a subgraph that uses itself (as in propagation). */
const MAX_SUBGRAPH_DEPTH = 16;

/** Separates a Subgraph node's id from the ids of the nodes inlined for it. */
export const INLINED_ID_SEPARATOR = '__';

/** A graph with its Subgraph nodes replaced by the nodes they run. */
export interface InlinedGraph {
  readonly nodes: PipelineNode[];
  readonly edges: PipelineEdge[];
  /** Inlined node id → the id of the Subgraph node of the outer graph it came from. */
  readonly origins: ReadonlyMap<string, string>;
  readonly diagnostics: readonly CompilerDiagnostic[];
}

type Port = PipelineEdge['from'];

/**
 * Replaces every Subgraph node of a graph by the subgraph's nodes, with
 * ids `<subgraph node id>__<inner id>` (nested subgraphs first, so ids
 * compose: `enrich__prices__lookup`). Edges from the subgraph's inputs are
 * rewired to what feeds the Subgraph node, and edges leaving the Subgraph
 * node to what feeds the subgraph's outputs.
 */
export function inlineSubgraphs(
  graph: Graph,
  context: PropagationContext,
  depth = 0,
  callers: readonly ParameterSchema[] = [],
): InlinedGraph {
  const diagnostics: CompilerDiagnostic[] = [];
  const origins = new Map<string, string>();
  let nodes: PipelineNode[] = [...graph.nodes];
  let edges: PipelineEdge[] = [...graph.edges];

  for (const [index, node] of graph.nodes.entries()) {
    if (node.type !== 'Subgraph') continue;
    const problem = (message: string, code: CompilerDiagnostic['code']) =>
      diagnostics.push({
        severity: 'error',
        code,
        nodeId: node.id,
        path: ['nodes', index, 'config', 'subgraph'],
        message,
      });
    const name = node.config.subgraph;
    const subgraph = context.subgraphs?.[name];
    if (!subgraph) {
      problem(`no subgraph "${name}" in the project`, 'unknown-subgraph');
      continue;
    }
    if (depth >= MAX_SUBGRAPH_DEPTH) {
      problem(
        `subgraphs nest more than ${MAX_SUBGRAPH_DEPTH} deep; does "${name}" use itself?`,
        'cycle',
      );
      continue;
    }
    const declared = declareParameters(subgraph.parameters).parameters;
    const inner = inlineSubgraphs(subgraph, context, depth + 1, declared);
    if (inner.diagnostics.length) {
      for (const d of inner.diagnostics) {
        problem(`in subgraph "${name}": ${d.message}`, d.code);
      }
      continue;
    }

    const prefix = `${node.id}${INLINED_ID_SEPARATOR}`;
    const renamed = (id: string) => `${prefix}${id}`;
    const taken = new Set(nodes.map(n => n.id));
    const clash = inner.nodes.find(n => taken.has(renamed(n.id)));
    if (clash) {
      problem(
        `inlining subgraph "${name}" names a node "${renamed(
          clash.id,
        )}", which the pipeline already has; rename one of them`,
        'not-supported',
      );
      continue;
    }

    // What feeds each input of the Subgraph node, and each subgraph output.
    const fedBy = new Map<string, Port>();
    for (const edge of edges) {
      if (edge.to.node === node.id) fedBy.set(edge.to.port, edge.from);
    }
    const outside = (port: Port): Port | undefined =>
      port.node === SUBGRAPH_INPUT_NODE
        ? fedBy.get(port.port)
        : { node: renamed(port.node), port: port.port };
    const outputs = new Map<string, Port | undefined>();
    for (const edge of inner.edges) {
      if (edge.to.node === SUBGRAPH_OUTPUT_NODE) {
        outputs.set(edge.to.port, outside(edge.from));
      }
    }

    // Expressions name a single input after the node it comes from: when
    // an edge now comes from another node, they follow it.
    const moves = new Map<string, { before: string; after: string }>();
    const values = subgraphParameterValues(
      declared,
      node.config.parameters ?? {},
      callers,
    );
    const innerNodes = inner.nodes.map(n => ({
      ...mapAllExpressions(n, text =>
        replaceParameterMarkers(text, marker =>
          values.get(marker.toLowerCase()),
        ),
      ),
      id: renamed(n.id),
      label: `${node.label ?? name} › ${n.label ?? n.id}`,
      position: {
        x: node.position.x + n.position.x,
        y: node.position.y + n.position.y,
      },
    })) as PipelineNode[];
    const innerEdges: PipelineEdge[] = [];
    for (const edge of inner.edges) {
      if (edge.to.node === SUBGRAPH_OUTPUT_NODE) continue;
      const from = outside(edge.from);
      // An input with no edge into the Subgraph node: propagation says so.
      if (!from) continue;
      const to = { node: renamed(edge.to.node), port: edge.to.port };
      if (to.port === 'in') {
        moves.set(to.node, { before: edge.from.node, after: from.node });
      }
      innerEdges.push({ from, to });
    }
    const outerEdges: PipelineEdge[] = [];
    for (const edge of edges) {
      if (edge.to.node === node.id) continue;
      if (edge.from.node !== node.id) {
        outerEdges.push(edge);
        continue;
      }
      const from = outputs.get(edge.from.port);
      if (!from) continue; // an output the subgraph does not feed: reported by propagation
      if (edge.to.port === 'in') {
        moves.set(edge.to.node, { before: node.id, after: from.node });
      }
      outerEdges.push({ ...edge, from });
    }

    for (const n of innerNodes) origins.set(n.id, node.id);
    const at = nodes.indexOf(node);
    nodes = [...nodes.slice(0, at), ...innerNodes, ...nodes.slice(at + 1)].map(
      n => {
        const move = moves.get(n.id);
        return move ? requalify(n, move.before, move.after) : n;
      },
    );
    edges = [...outerEdges, ...innerEdges];
  }
  return { nodes, edges, origins, diagnostics };
}

/**
 * What each parameter of a subgraph reads as, lower-cased name → expression:
 * the literal the Subgraph node passes, the calling graph's marker it
 * names (`":as_of_date"`, cast when the types differ), or the default.
 * Values that do not check are left out: propagation reported them.
 */
function subgraphParameterValues(
  declared: readonly DeclaredParameter[],
  passed: Readonly<Record<string, ParameterValue>>,
  callers: readonly ParameterSchema[],
): Map<string, Expression> {
  const values = new Map<string, Expression>();
  for (const parameter of declared) {
    const key = Object.keys(passed).find(
      k => k.toLowerCase() === parameter.name.toLowerCase(),
    );
    const value = key === undefined ? parameter.default : passed[key];
    if (value === undefined) continue;
    const reference = parameterReference(value);
    const outer =
      reference === undefined ? undefined : sameParameter(callers, reference);
    if (outer) {
      values.set(
        parameter.name.toLowerCase(),
        sqlTypesEqual(outer.type, parameter.type)
          ? typedMarker(outer.name, SqlTypes.string)
          : typedMarker(outer.name, parameter.type),
      );
      continue;
    }
    const checked = checkParameterValue(value, parameter.type);
    if ('text' in checked) {
      values.set(
        parameter.name.toLowerCase(),
        parameterLiteral(checked.text, parameter.type),
      );
    }
  }
  return values;
}
