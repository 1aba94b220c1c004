import { suggestNames } from '../../expression/suggest';
import type { ProjectIssue } from '../diagnostics';
import { gemDefinitions } from '../gems';
import type { GemDefinition } from '../gems/types';
import type { PipelineEdge, PipelineNode } from '../schema/graph';
import { SUBGRAPH_INPUT_NODE, SUBGRAPH_OUTPUT_NODE } from '../schema/subgraph';
import { findCycle } from './cycles';

/**
 * The ports a node exposes; `undefined` when another file declares them.
 *
 * @public
 */
export interface NodePorts {
  readonly inputs: readonly string[] | undefined;
  readonly outputs: readonly string[] | undefined;
}

/**
 * The ports of a (valid) node, as its gem type declares them.
 *
 * @public
 */
export function nodePorts(node: PipelineNode): NodePorts {
  // The node has passed validation, so its config matches its gem's schema.
  const gem = gemDefinitions[node.type] as unknown as GemDefinition<
    string,
    any
  >;
  return {
    inputs: gem.inputPorts(node.config),
    outputs: gem.outputPorts(node.config),
  };
}

/** The subgraph's own ports, for checking a subgraph's edges. */
export interface SubgraphBoundary {
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
}

function listOf(names: readonly string[]): string {
  return names.length ? names.join(', ') : 'none';
}

function didYouMean(name: string, candidates: Iterable<string>): string {
  const [suggestion] = suggestNames(name, candidates, 1);
  return suggestion ? ` (did you mean "${suggestion}"?)` : '';
}

/**
 * Checks the graph of a validated pipeline or subgraph: each gem's
 * cross-field rules, unique node ids, edges between existing nodes and
 * ports, every input filled once, and no cycles.
 */
export function checkGraph(
  graph: { nodes: readonly PipelineNode[]; edges: readonly PipelineEdge[] },
  boundary?: SubgraphBoundary,
): ProjectIssue[] {
  const issues: ProjectIssue[] = [];
  const nodes = new Map<string, { node: PipelineNode; ports: NodePorts }>();

  graph.nodes.forEach((node, index) => {
    const gem = gemDefinitions[node.type] as unknown as GemDefinition<
      string,
      any
    >;
    for (const issue of gem.checkConfig?.(node.config) ?? []) {
      issues.push({
        path: ['nodes', index, 'config', ...issue.path],
        message: issue.message,
        code: 'invalid-value',
      });
    }
    if (nodes.has(node.id)) {
      issues.push({
        path: ['nodes', index, 'id'],
        message: `node id "${node.id}" is already used by an earlier node`,
        code: 'duplicate-id',
      });
      return;
    }
    nodes.set(node.id, { node, ports: nodePorts(node) });
  });

  // Only edges whose ends both exist take part in the port and cycle checks,
  // so that one wrong node id gives one diagnostic.
  const validEdges: Array<{ edge: PipelineEdge; index: number }> = [];
  const filledInputs = new Map<string, number>();

  graph.edges.forEach((edge, index) => {
    let ok = true;
    for (const end of ['from', 'to'] as const) {
      const endpoint = edge[end];
      const boundaryNode =
        end === 'from' ? SUBGRAPH_INPUT_NODE : SUBGRAPH_OUTPUT_NODE;
      if (boundary && endpoint.node === boundaryNode) {
        const ports = end === 'from' ? boundary.inputs : boundary.outputs;
        if (!ports.includes(endpoint.port)) {
          issues.push({
            path: ['edges', index, end, 'port'],
            message: `the subgraph has no ${
              end === 'from' ? 'input' : 'output'
            } "${endpoint.port}"${didYouMean(
              endpoint.port,
              ports,
            )}; it has ${listOf(ports)}`,
            code: 'invalid-port',
          });
          ok = false;
        }
        continue;
      }
      const target = nodes.get(endpoint.node);
      if (!target) {
        issues.push({
          path: ['edges', index, end, 'node'],
          message: `no node has id "${endpoint.node}"${didYouMean(
            endpoint.node,
            nodes.keys(),
          )}`,
          code: 'unknown-reference',
        });
        ok = false;
        continue;
      }
      const ports = end === 'from' ? target.ports.outputs : target.ports.inputs;
      if (ports && !ports.includes(endpoint.port)) {
        const direction = end === 'from' ? 'output' : 'input';
        issues.push({
          path: ['edges', index, end, 'port'],
          message: `node "${endpoint.node}" (${
            target.node.type
          }) has no ${direction} port "${endpoint.port}"${didYouMean(
            endpoint.port,
            ports,
          )}; its ${direction} ports are ${listOf(ports)}`,
          code: 'invalid-port',
        });
        ok = false;
      }
    }
    if (!ok) return;
    const inputKey = `${edge.to.node}\u0000${edge.to.port}`;
    const earlier = filledInputs.get(inputKey);
    if (earlier !== undefined) {
      issues.push({
        path: ['edges', index, 'to'],
        message: `input port "${edge.to.port}" of node "${edge.to.node}" already has an edge (edges[${earlier}]); an input takes one edge`,
        code: 'invalid-port',
      });
      return;
    }
    filledInputs.set(inputKey, index);
    validEdges.push({ edge, index });
  });

  // An unconnected input is usually the other end of a broken edge; only
  // mention it once the edges themselves are right.
  const edgesValid = validEdges.length === graph.edges.length;
  for (const [id, { ports }] of edgesValid ? nodes : []) {
    const index = graph.nodes.findIndex(node => node.id === id);
    for (const port of ports.inputs ?? []) {
      if (!filledInputs.has(`${id}\u0000${port}`)) {
        issues.push({
          path: ['nodes', index, 'id'],
          message: `input port "${port}" of node "${id}" has no edge`,
          code: 'unconnected-port',
          severity: 'warning',
        });
      }
    }
  }

  const internal = validEdges.filter(
    ({ edge }) => nodes.has(edge.from.node) && nodes.has(edge.to.node),
  );
  const cycle = findCycle(
    [...nodes.keys()],
    internal.map(({ edge, index }) => ({
      from: edge.from.node,
      to: edge.to.node,
      index,
    })),
  );
  if (cycle) {
    issues.push({
      path: ['edges', cycle.closingIndex],
      message: `this edge closes a cycle: ${cycle.path.join(
        ' → ',
      )}; a pipeline must be acyclic`,
      code: 'cycle',
    });
  }
  return issues;
}
