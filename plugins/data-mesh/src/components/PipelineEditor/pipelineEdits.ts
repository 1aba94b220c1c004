import {
  GemType,
  nodePorts,
  PipelineEdge,
  PipelineFile,
  PipelineNode,
} from '@meshwork/data-mesh-common';

type Position = { x: number; y: number };

/** A deep copy of plain data (a parsed pipeline file is JSON). */
function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

/** A gem's place in the palette: its group and the config a new one starts with. */
export interface GemStarter {
  readonly type: GemType;
  readonly group: PaletteGroup;
  readonly label: string;
  readonly config: Record<string, unknown>;
}

/** A gem of the palette with its own label and config: a platform standard. */
export interface GemPreset {
  readonly label: string;
  readonly config: Record<string, unknown>;
}

export type PaletteGroup =
  | 'Sources and targets'
  | 'Transform'
  | 'Join and split'
  | 'Custom';

/**
 * The gems of the palette, each with a config that parses: a new gem is on
 * the canvas at once, and the compiler's checks name what to fill in (the
 * dataset to read, the columns to keep).
 */
export const GEM_STARTERS: readonly GemStarter[] = [
  {
    type: 'Source',
    group: 'Sources and targets',
    label: 'Source',
    config: { dataset: 'choose_a_dataset' },
  },
  {
    type: 'Target',
    group: 'Sources and targets',
    label: 'Target',
    config: { dataset: 'choose_a_dataset', mode: 'overwrite' },
  },
  {
    type: 'Filter',
    group: 'Transform',
    label: 'Filter',
    config: { condition: '1 = 1' },
  },
  {
    type: 'Reformat',
    group: 'Transform',
    label: 'Reformat',
    config: { columns: [], passThrough: true },
  },
  {
    type: 'Aggregate',
    group: 'Transform',
    label: 'Aggregate',
    config: { aggregates: [{ name: 'row_count', expression: 'count(*)' }] },
  },
  {
    type: 'OrderBy',
    group: 'Transform',
    label: 'Order by',
    config: { orderBy: [{ expression: 'id' }] },
  },
  {
    type: 'Deduplicate',
    group: 'Transform',
    label: 'Deduplicate',
    config: { keys: ['id'], keep: 'first' },
  },
  {
    type: 'Limit',
    group: 'Transform',
    label: 'Limit',
    config: { count: 100 },
  },
  {
    type: 'Window',
    group: 'Transform',
    label: 'Window',
    config: {
      orderBy: [{ expression: 'id' }],
      columns: [{ name: 'row_number', expression: 'row_number()' }],
    },
  },
  {
    type: 'Mask',
    group: 'Transform',
    label: 'Mask',
    config: { column: 'email', method: 'hash' },
  },
  {
    type: 'Join',
    group: 'Join and split',
    label: 'Join',
    config: {
      inputs: [
        { alias: 'left' },
        { alias: 'right', type: 'inner', condition: 'left.id = right.id' },
      ],
    },
  },
  {
    type: 'Union',
    group: 'Join and split',
    label: 'Union',
    config: { mode: 'byName', inputs: 2 },
  },
  {
    type: 'SQL',
    group: 'Custom',
    label: 'SQL',
    config: {
      inputs: ['input'],
      sql: 'SELECT * FROM input',
      schema: [{ name: 'id', type: 'bigint' }],
    },
  },
  {
    type: 'BusinessRule',
    group: 'Custom',
    label: 'Business rule',
    config: {
      rule: 'choose_a_rule',
      outputColumn: 'classification',
      bindings: {},
    },
  },
  {
    type: 'Subgraph',
    group: 'Custom',
    label: 'Subgraph',
    config: { subgraph: 'choose_a_subgraph' },
  },
];

/** A node's ports: as its gem declares them, else as its edges use them. */
export function portsOf(
  pipeline: PipelineFile,
  node: PipelineNode,
): { inputs: string[]; outputs: string[] } {
  let declared: { inputs?: readonly string[]; outputs?: readonly string[] } =
    {};
  try {
    declared = nodePorts(node);
  } catch {
    // A config the gem does not accept yet: its edges tell the ports.
  }
  const used = (side: 'from' | 'to') => [
    ...new Set(
      pipeline.edges
        .filter(edge => edge[side].node === node.id)
        .map(edge => edge[side].port),
    ),
  ];
  return {
    inputs: [...(declared.inputs ?? used('to'))],
    outputs: [...(declared.outputs ?? used('from'))],
  };
}

/** `filter_1`, `filter_2`, …: the first id of the gem type not taken. */
function freshId(pipeline: PipelineFile, base: string): string {
  const taken = new Set(pipeline.nodes.map(node => node.id));
  const stem = base.replace(/[^A-Za-z0-9_]/g, '_').toLowerCase();
  for (let n = 1; ; n++) {
    const id = `${stem}_${n}`;
    if (!taken.has(id)) return id;
  }
}

/** Right of everything on the canvas, so a new gem covers none. */
export function freePosition(pipeline: PipelineFile): Position {
  if (pipeline.nodes.length === 0) return { x: 0, y: 0 };
  const xs = pipeline.nodes.map(node => node.position?.x ?? 0);
  return { x: Math.max(...xs) + 240, y: 0 };
}

function starterOf(type: GemType): GemStarter {
  const starter = GEM_STARTERS.find(s => s.type === type);
  if (!starter) throw new Error(`no gem '${type}' in the palette`);
  return starter;
}

/** Adds a gem of `type`; its id comes back with the new pipeline. */
export function addGem(
  pipeline: PipelineFile,
  type: GemType,
  position: Position = freePosition(pipeline),
  preset?: GemPreset,
): { pipeline: PipelineFile; id: string } {
  const starter = starterOf(type);
  const id = freshId(pipeline, type);
  const node = {
    id,
    type,
    label: preset?.label ?? starter.label,
    position: { x: Math.round(position.x), y: Math.round(position.y) },
    config: clone(preset?.config ?? starter.config),
  } as unknown as PipelineNode;
  return { pipeline: { ...pipeline, nodes: [...pipeline.nodes, node] }, id };
}

/**
 * Puts a new gem of `type` on an edge: the edge's source feeds the gem's
 * first input, and the gem's first output feeds the edge's target.
 */
export function insertOnEdge(
  pipeline: PipelineFile,
  edgeIndex: number,
  type: GemType,
): { pipeline: PipelineFile; id: string } {
  const edge = pipeline.edges[edgeIndex];
  if (!edge) throw new Error(`no edge ${edgeIndex}`);
  const at = (id: string) =>
    pipeline.nodes.find(node => node.id === id)?.position ?? { x: 0, y: 0 };
  const [from, to] = [at(edge.from.node), at(edge.to.node)];
  const added = addGem(pipeline, type, {
    x: (from.x + to.x) / 2,
    y: (from.y + to.y) / 2,
  });
  const gem = added.pipeline.nodes.find(node => node.id === added.id)!;
  const ports = portsOf(added.pipeline, gem);
  const edges = added.pipeline.edges.filter((_, index) => index !== edgeIndex);
  edges.push(
    { from: edge.from, to: { node: added.id, port: ports.inputs[0] ?? 'in' } },
    { from: { node: added.id, port: ports.outputs[0] ?? 'out' }, to: edge.to },
  );
  return { pipeline: { ...added.pipeline, edges }, id: added.id };
}

/** Connects an output to an input, replacing whatever fed that input. */
export function connect(
  pipeline: PipelineFile,
  from: PipelineEdge['from'],
  to: PipelineEdge['to'],
): PipelineFile {
  if (from.node === to.node) return pipeline;
  const edges = pipeline.edges.filter(
    edge => !(edge.to.node === to.node && edge.to.port === to.port),
  );
  return { ...pipeline, edges: [...edges, { from, to }] };
}

/** Removes nodes with their edges, and edges by index. */
export function remove(
  pipeline: PipelineFile,
  selection: { nodes?: readonly string[]; edges?: readonly number[] },
): PipelineFile {
  const nodes = new Set(selection.nodes ?? []);
  const edges = new Set(selection.edges ?? []);
  return {
    ...pipeline,
    nodes: pipeline.nodes.filter(node => !nodes.has(node.id)),
    edges: pipeline.edges.filter(
      (edge, index) =>
        !edges.has(index) &&
        !nodes.has(edge.from.node) &&
        !nodes.has(edge.to.node),
    ),
  };
}

/** Moves a node; positions are whole pixels, so diffs stay small. */
export function moveNode(
  pipeline: PipelineFile,
  id: string,
  position: Position,
): PipelineFile {
  return {
    ...pipeline,
    nodes: pipeline.nodes.map(node =>
      node.id === id
        ? {
            ...node,
            position: { x: Math.round(position.x), y: Math.round(position.y) },
          }
        : node,
    ),
  };
}

/** What a copy holds: some nodes and the edges between them. */
export interface PipelineClipboard {
  readonly nodes: readonly PipelineNode[];
  readonly edges: readonly PipelineEdge[];
}

export function copyNodes(
  pipeline: PipelineFile,
  ids: readonly string[],
): PipelineClipboard {
  const chosen = new Set(ids);
  return clone({
    nodes: pipeline.nodes.filter(node => chosen.has(node.id)),
    edges: pipeline.edges.filter(
      edge => chosen.has(edge.from.node) && chosen.has(edge.to.node),
    ),
  });
}

/** Pastes a copy with fresh ids, a little below and right of the original. */
export function pasteNodes(
  pipeline: PipelineFile,
  clipboard: PipelineClipboard,
  offset: Position = { x: 40, y: 40 },
): { pipeline: PipelineFile; ids: string[] } {
  let next = pipeline;
  const renamed = new Map<string, string>();
  for (const node of clipboard.nodes) {
    const id = freshId(next, node.type);
    renamed.set(node.id, id);
    const position = node.position ?? { x: 0, y: 0 };
    const copy = {
      ...clone(node),
      id,
      position: { x: position.x + offset.x, y: position.y + offset.y },
    } as PipelineNode;
    next = { ...next, nodes: [...next.nodes, copy] };
  }
  const edges = clipboard.edges.map(edge => ({
    from: { ...edge.from, node: renamed.get(edge.from.node)! },
    to: { ...edge.to, node: renamed.get(edge.to.node)! },
  }));
  return {
    pipeline: { ...next, edges: [...next.edges, ...edges] },
    ids: [...renamed.values()],
  };
}

/** Puts each gem at its place in `positions`, e.g. from an automatic layout. */
export function placeNodes(
  pipeline: PipelineFile,
  positions: ReadonlyMap<string, Position>,
): PipelineFile {
  return positions.size === 0
    ? pipeline
    : [...positions].reduce(
        (next, [id, position]) => moveNode(next, id, position),
        pipeline,
      );
}
