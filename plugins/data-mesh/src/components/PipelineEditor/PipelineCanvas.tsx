import { makeStyles, Typography } from '@material-ui/core';
import type { PipelineFile } from '@meshwork/data-mesh-common';
import {
  Background,
  Controls,
  Edge,
  Handle,
  MarkerType,
  Node,
  NodeProps,
  Position,
  ReactFlow,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import type { EditorDiagnostic } from './usePipelineEditor';

const GEM_WIDTH = 180;
const GEM_HEIGHT = 64;

type GemData = {
  label: string;
  type: string;
  problem?: string;
  selected: boolean;
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

/** Which node a diagnostic's path (`nodes[2].config.condition`) is about. */
export function nodeIndexOfPath(path: string): number | undefined {
  const match = /^nodes\[(\d+)\]/.exec(path);
  return match ? Number(match[1]) : undefined;
}

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
      <Handle type="target" position={Position.Left} />
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
      <Handle type="source" position={Position.Right} />
    </div>
  );
};

const nodeTypes = { gem: GemNode };

/**
 * The pipeline's gems and the edges between them, where the pipeline file
 * puts them; a gem with a problem is marked with the first one's message.
 */
export const PipelineCanvas = (props: {
  pipeline: PipelineFile;
  diagnostics: readonly EditorDiagnostic[];
  selected?: string;
  onSelect: (nodeId: string) => void;
}) => {
  const classes = useStyles();
  const { pipeline, diagnostics, selected } = props;
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
    const flowNodes: GemFlowNode[] = pipeline.nodes.map((node, index) => ({
      id: node.id,
      type: 'gem',
      position: node.position ?? { x: (index % 4) * 240, y: index * 40 },
      // Fixed sizes: the canvas needs no measuring pass before it shows them.
      width: GEM_WIDTH,
      height: GEM_HEIGHT,
      data: {
        label: node.label ?? node.id,
        type: node.type,
        problem: problems.get(index),
        selected: node.id === selected,
      },
    }));
    const flowEdges: Edge[] = pipeline.edges.map((edge, index) => ({
      id: `e${index}-${edge.from.node}-${edge.to.node}`,
      source: edge.from.node,
      target: edge.to.node,
      markerEnd: { type: MarkerType.ArrowClosed },
    }));
    return { nodes: flowNodes, edges: flowEdges };
  }, [pipeline, diagnostics, selected]);

  return (
    <div className={classes.canvas} aria-label="Pipeline canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        onNodeClick={(_, node) => props.onSelect(node.id)}
        fitView
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
};
