import { makeStyles, Typography } from '@material-ui/core';
import type { PipelineFile } from '@meshwork/data-mesh-common';
import {
  Background,
  Connection,
  Controls,
  Edge,
  Handle,
  MarkerType,
  Node,
  NodeProps,
  Position,
  ReactFlow,
  useNodesState,
  ReactFlowInstance,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { DragEvent, useEffect, useMemo, useRef, useState } from 'react';
import { droppedGem, PaletteGem, PALETTE_DRAG_TYPE } from './GemPalette';
import { portsOf } from './pipelineEdits';
import type { EditorDiagnostic } from './usePipelineEditor';

export const GEM_WIDTH = 180;
export const GEM_HEIGHT = 64;

type GemData = {
  label: string;
  type: string;
  problem?: string;
  selected: boolean;
  inputs: string[];
  outputs: string[];
};
type GemFlowNode = Node<GemData, 'gem'>;

const useStyles = makeStyles(theme => ({
  canvas: {
    height: 420,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
  gem: {
    width: GEM_WIDTH,
    height: GEM_HEIGHT,
    overflow: 'hidden',
    padding: theme.spacing(0.75, 1),
    boxSizing: 'border-box',
    borderRadius: theme.shape.borderRadius,
    border: `1px solid ${theme.palette.divider}`,
    background: theme.palette.background.paper,
    cursor: 'pointer',
  },
  selected: {
    border: `2px solid ${theme.palette.primary.main}`,
    background: theme.palette.action.selected,
  },
  invalid: {
    border: `2px solid ${theme.palette.error.main}`,
  },
}));

/**
 * The objects drawn for the last version, by id and what they were made
 * from: an object made from the same things is given again.
 */
class Reused<N, E> {
  private nodes = new Map<string, { key: string; value: N }>();
  private edges = new Map<string, { key: string; value: E }>();
  private usedNodes = new Set<string>();
  private usedEdges = new Set<string>();

  node(id: string, from: unknown, make: () => N): N {
    this.usedNodes.add(id);
    return Reused.get(this.nodes, id, from, make);
  }

  edge(id: string, from: unknown, make: () => E): E {
    this.usedEdges.add(id);
    return Reused.get(this.edges, id, from, make);
  }

  private lastNodes: N[] = [];
  private lastEdges: E[] = [];

  /**
   * The last list of nodes when this one holds the very same objects: an
   * edit of an expression changes no gem, and React Flow then has nothing
   * to compare.
   */
  sameNodes(nodes: N[]): N[] {
    this.lastNodes = Reused.same(this.lastNodes, nodes);
    return this.lastNodes;
  }

  /** The last list of edges when this one holds the very same objects. */
  sameEdges(edges: E[]): E[] {
    this.lastEdges = Reused.same(this.lastEdges, edges);
    return this.lastEdges;
  }

  forgetUnused(): void {
    for (const id of this.nodes.keys()) {
      if (!this.usedNodes.has(id)) this.nodes.delete(id);
    }
    for (const id of this.edges.keys()) {
      if (!this.usedEdges.has(id)) this.edges.delete(id);
    }
    this.usedNodes.clear();
    this.usedEdges.clear();
  }

  private static same<T>(last: T[], next: T[]): T[] {
    return last.length === next.length && last.every((v, i) => v === next[i])
      ? last
      : next;
  }

  private static get<T>(
    cache: Map<string, { key: string; value: T }>,
    id: string,
    from: unknown,
    make: () => T,
  ): T {
    const key = JSON.stringify(from);
    const known = cache.get(id);
    if (known?.key === key) return known.value;
    const value = make();
    cache.set(id, { key, value });
    return value;
  }
}

/** Which node a diagnostic's path (`nodes[2].config.condition`) is about. */
export function nodeIndexOfPath(path: string): number | undefined {
  const match = /^nodes\[(\d+)\]/.exec(path);
  return match ? Number(match[1]) : undefined;
}

/** Where the i-th of n handles sits along a side of a gem. */
const handleOffset = (index: number, count: number) =>
  `${((index + 1) / (count + 1)) * 100}%`;

/** One handle per port, inputs on the left and outputs on the right. */
const PortHandles = (props: {
  ports: readonly string[];
  type: 'source' | 'target';
}) => (
  <>
    {props.ports.map((port, index) => (
      <Handle
        key={port}
        id={port}
        type={props.type}
        position={props.type === 'target' ? Position.Left : Position.Right}
        title={port}
        style={{ top: handleOffset(index, props.ports.length) }}
      />
    ))}
  </>
);

const GemNode = ({ data }: NodeProps<GemFlowNode>) => {
  const classes = useStyles();
  const className = [
    classes.gem,
    data.selected && classes.selected,
    data.problem && classes.invalid,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      className={className}
      role="button"
      aria-pressed={data.selected}
      aria-label={`${data.type} ${data.label}${
        data.problem ? `: ${data.problem}` : ''
      }`}
      title={data.problem}
    >
      <PortHandles ports={data.inputs} type="target" />
      <Typography variant="caption" color="textSecondary" display="block">
        {data.type}
      </Typography>
      <Typography variant="body2" noWrap>
        {data.label}
      </Typography>
      {data.problem && (
        <Typography variant="caption" color="error" display="block" noWrap>
          {data.problem}
        </Typography>
      )}
      <PortHandles ports={data.outputs} type="source" />
    </div>
  );
};

const nodeTypes = { gem: GemNode };

/** What the user changed on the canvas. */
export interface CanvasChanges {
  onMove(id: string, position: { x: number; y: number }): void;
  onConnect(
    from: { node: string; port: string },
    to: { node: string; port: string },
  ): void;
  onDelete(selection: { nodes: string[]; edges: number[] }): void;
  /** A gem dragged from the palette, dropped where it should go. */
  onDropGem(gem: PaletteGem, position?: { x: number; y: number }): void;
}

/**
 * The pipeline's gems and the edges between them, where the pipeline file
 * puts them; a gem with a problem is marked with the first one's message.
 * With `changes`, gems can be dragged, connected port to port and deleted.
 */
export const PipelineCanvas = (props: {
  pipeline: PipelineFile;
  diagnostics: readonly EditorDiagnostic[];
  selected?: string;
  selectedEdge?: number;
  onSelect: (nodeId: string) => void;
  onSelectEdge?: (edgeIndex: number | undefined) => void;
  /** Opens a gem that has a graph inside: a subgraph. */
  onOpen?: (nodeId: string) => void;
  changes?: CanvasChanges;
}) => {
  const classes = useStyles();
  const { pipeline, diagnostics, selected, selectedEdge, changes } = props;
  // Every edit gives a new pipeline; the gems it left as they were keep
  // their objects, so React Flow redraws only what changed.
  const reuse = useRef(new Reused<GemFlowNode, Edge>());
  const { nodes, edges } = useMemo(() => {
    const problems = new Map<number, string>();
    for (const diagnostic of diagnostics) {
      const index = nodeIndexOfPath(diagnostic.path);
      if (
        index !== undefined &&
        diagnostic.severity === 'error' &&
        !problems.has(index)
      ) {
        problems.set(index, diagnostic.message);
      }
    }
    const flowNodes: GemFlowNode[] = pipeline.nodes.map((node, index) => {
      const data: GemData = {
        label: node.label ?? node.id,
        type: node.type,
        problem: problems.get(index),
        selected: node.id === selected,
        ...portsOf(pipeline, node),
      };
      const position = node.position ?? {
        x: (index % 4) * 240,
        y: index * 40,
      };
      return reuse.current.node(node.id, [data, position], () => ({
        id: node.id,
        type: 'gem',
        position,
        // Fixed sizes: the canvas needs no measuring pass before it shows them.
        width: GEM_WIDTH,
        height: GEM_HEIGHT,
        selected: node.id === selected,
        data,
      }));
    });
    const flowEdges: Edge[] = pipeline.edges.map((edge, index) =>
      reuse.current.edge(`e${index}`, [edge, index === selectedEdge], () => ({
        id: `e${index}`,
        source: edge.from.node,
        sourceHandle: edge.from.port,
        target: edge.to.node,
        targetHandle: edge.to.port,
        selected: index === selectedEdge,
        ariaLabel: `Edge from ${edge.from.node} to ${edge.to.node}`,
        markerEnd: { type: MarkerType.ArrowClosed },
      })),
    );
    reuse.current.forgetUnused();
    return {
      nodes: reuse.current.sameNodes(flowNodes),
      edges: reuse.current.sameEdges(flowEdges),
    };
  }, [pipeline, diagnostics, selected, selectedEdge]);

  // React Flow moves a dragged gem in its own state; the file gets the
  // position when the drag ends.
  const [shownNodes, setShownNodes, onNodesChange] = useNodesState(nodes);
  useEffect(() => setShownNodes(nodes), [nodes, setShownNodes]);

  const [flow, setFlow] = useState<ReactFlowInstance<GemFlowNode>>();
  const onDragOver = (event: DragEvent) => {
    if (!changes || !event.dataTransfer.types.includes(PALETTE_DRAG_TYPE)) {
      return;
    }
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  };
  const onDrop = (event: DragEvent) => {
    const gem = droppedGem(event);
    if (!changes || !gem || !flow) return;
    event.preventDefault();
    const at = flow.screenToFlowPosition({
      x: event.clientX,
      y: event.clientY,
    });
    // The gem's middle goes where it is dropped; a canvas not laid out yet
    // has no such place, and the gem goes beside the pipeline.
    const x = at.x - GEM_WIDTH / 2;
    const y = at.y - GEM_HEIGHT / 2;
    changes.onDropGem(
      gem,
      Number.isFinite(x) && Number.isFinite(y) ? { x, y } : undefined,
    );
  };

  const connectPorts = (connection: Connection) => {
    if (!changes || !connection.sourceHandle || !connection.targetHandle) {
      return;
    }
    changes.onConnect(
      { node: connection.source, port: connection.sourceHandle },
      { node: connection.target, port: connection.targetHandle },
    );
  };

  return (
    <div
      className={classes.canvas}
      aria-label="Pipeline canvas"
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      <ReactFlow
        onInit={setFlow}
        nodes={shownNodes}
        onNodesChange={onNodesChange}
        edges={edges}
        nodeTypes={nodeTypes}
        nodesDraggable={changes !== undefined}
        nodesConnectable={changes !== undefined}
        edgesFocusable
        deleteKeyCode={null}
        onNodeClick={(_, node) => props.onSelect(node.id)}
        onNodeDoubleClick={(_, node) => props.onOpen?.(node.id)}
        onEdgeClick={(_, edge) =>
          props.onSelectEdge?.(Number(edge.id.slice(1)))
        }
        onPaneClick={() => props.onSelectEdge?.(undefined)}
        onNodeDragStop={(_, node) => changes?.onMove(node.id, node.position)}
        onConnect={connectPorts}
        fitView
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
};
