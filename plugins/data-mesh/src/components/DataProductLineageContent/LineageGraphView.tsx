import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { makeStyles, Typography } from '@material-ui/core';
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
import useAsync from 'react-use/esm/useAsync';
import type { LineageEdge, LineageNode } from '../../api';
import { drawnGraph, layoutLineage } from './layoutLineage';

type DatasetData = {
  node: LineageNode;
  focus: boolean;
  href?: string;
};
type PipelineData = { node: LineageNode };
type DatasetFlowNode = Node<DatasetData, 'dataset'>;
type PipelineFlowNode = Node<PipelineData, 'pipeline'>;

const useStyles = makeStyles(theme => ({
  canvas: {
    height: 480,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
  dataset: {
    width: 220,
    height: 64,
    padding: theme.spacing(1),
    boxSizing: 'border-box',
    borderRadius: theme.shape.borderRadius,
    border: `1px solid ${theme.palette.divider}`,
    background: theme.palette.background.paper,
    overflow: 'hidden',
  },
  focus: {
    border: `2px solid ${theme.palette.primary.main}`,
    background: theme.palette.action.selected,
  },
  pipeline: {
    width: 170,
    height: 36,
    padding: theme.spacing(0.5, 1),
    boxSizing: 'border-box',
    borderRadius: 18,
    border: `1px dashed ${theme.palette.text.secondary}`,
    background: theme.palette.background.default,
    textAlign: 'center',
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    textOverflow: 'ellipsis',
  },
  name: {
    fontWeight: theme.typography.fontWeightBold as number,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
}));

const DatasetNodeView = ({ data }: NodeProps<DatasetFlowNode>) => {
  const classes = useStyles();
  const { node, focus, href } = data;
  return (
    <div
      className={`${classes.dataset} ${focus ? classes.focus : ''}`}
      aria-current={focus ? 'page' : undefined}
    >
      <Handle type="target" position={Position.Left} />
      <Typography variant="body2" className={classes.name}>
        {href && !focus ? <Link to={href}>{node.name}</Link> : node.name}
      </Typography>
      <Typography variant="caption" color="textSecondary" component="div">
        {focus ? 'this data product · ' : ''}
        {node.project}
        {node.layer ? ` · ${node.layer}` : ''}
      </Typography>
      <Handle type="source" position={Position.Right} />
    </div>
  );
};

const PipelineNodeView = ({ data }: NodeProps<PipelineFlowNode>) => {
  const classes = useStyles();
  return (
    <div className={classes.pipeline} title={`Pipeline ${data.node.name}`}>
      <Handle type="target" position={Position.Left} />
      <Typography variant="caption">⚙ {data.node.name}</Typography>
      <Handle type="source" position={Position.Right} />
    </div>
  );
};

const nodeTypes = { dataset: DatasetNodeView, pipeline: PipelineNodeView };

/**
 * The lineage graph around a data product: its upstream and downstream
 * datasets (each linking to its DataProduct page) and the pipelines
 * between them, across projects, laid out by ELK; the product itself is
 * highlighted. Pan, zoom and drag to explore.
 */
export const LineageGraphView = (props: {
  focus: string;
  nodes: readonly LineageNode[];
  edges: readonly LineageEdge[];
}) => {
  const classes = useStyles();
  const entityRoute = useRouteRef(entityRouteRef);
  const graph = useMemo(
    () => drawnGraph(props.nodes, props.edges),
    [props.nodes, props.edges],
  );
  const layout = useAsync(
    () => layoutLineage(graph.nodes, graph.edges),
    [graph],
  );
  const hrefOf = (node: LineageNode) => {
    if (!node.entityRef || !entityRoute) return undefined;
    try {
      const ref = parseEntityRef(node.entityRef);
      return entityRoute({
        kind: ref.kind,
        namespace: ref.namespace,
        name: ref.name,
      });
    } catch {
      return undefined;
    }
  };

  if (layout.loading) return <Progress />;
  if (layout.error) return <ResponseErrorPanel error={layout.error} />;

  const nodes: (DatasetFlowNode | PipelineFlowNode)[] = (
    layout.value ?? []
  ).map(placed =>
    placed.node.kind === 'pipeline'
      ? {
          id: placed.node.id,
          type: 'pipeline',
          position: { x: placed.x, y: placed.y },
          data: { node: placed.node },
          connectable: false,
        }
      : {
          id: placed.node.id,
          type: 'dataset',
          position: { x: placed.x, y: placed.y },
          data: {
            node: placed.node,
            focus: placed.node.id === props.focus,
            href: hrefOf(placed.node),
          },
          connectable: false,
        },
  );
  const edges: Edge[] = graph.edges.map(edge => ({
    id: `${edge.from}->${edge.to}:${edge.kind}`,
    source: edge.from,
    target: edge.to,
    markerEnd: { type: MarkerType.ArrowClosed },
    ...(edge.kind === 'sameTable' && {
      label: 'same table',
      style: { strokeDasharray: '4 4' },
    }),
  }));

  return (
    <div className={classes.canvas} aria-label="Lineage graph" role="figure">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        minZoom={0.1}
        nodesConnectable={false}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
};
