import {
  parseProjectFile,
  PipelineFile,
  SubgraphFile,
} from '@meshwork/data-mesh-common';
import type { DraftProjectFile } from './draftCheck';

/** Where a subgraph's inputs arrive and its outputs leave, in its edges. */
const INPUT = '$input';
const OUTPUT = '$output';
const STEP = 240;

/** The subgraph file named `name`, parsed; undefined when it is missing or invalid. */
export function findSubgraph(
  projectFiles: readonly DraftProjectFile[],
  name: string,
): SubgraphFile | undefined {
  const path = `subgraphs/${name}.subgraph.yaml`;
  const file = projectFiles.find(f => f.path === path);
  return file ? parseProjectFile('subgraph', path, file.text).value : undefined;
}

/**
 * A subgraph drawn like a pipeline: its gems, with its inputs as one node
 * on the left and its outputs as one on the right, their ports named as
 * the subgraph names them.
 */
export function subgraphCanvas(subgraph: SubgraphFile): PipelineFile {
  const xs = subgraph.nodes.map(node => node.position?.x ?? 0);
  const ys = subgraph.nodes.map(node => node.position?.y ?? 0);
  const middle = ys.length ? (Math.min(...ys) + Math.max(...ys)) / 2 : 0;
  return {
    formatVersion: 1,
    name: subgraph.name,
    nodes: [
      {
        id: INPUT,
        type: 'Input',
        label: 'Subgraph inputs',
        position: { x: Math.min(0, ...xs) - STEP, y: middle },
      },
      ...subgraph.nodes,
      {
        id: OUTPUT,
        type: 'Output',
        label: 'Subgraph outputs',
        position: { x: Math.max(0, ...xs) + STEP, y: middle },
      },
    ],
    edges: subgraph.edges,
  } as unknown as PipelineFile;
}
