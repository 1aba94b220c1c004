import {
  DEFAULT_NAMESPACE,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { ManifestColumnLineage } from '../manifest';
import { dataProductEntityName } from '../entity/dataProductEntityName';
import {
  compareCodeUnits,
  lineageDatasetId,
  lineageJobId,
  lineagePipelineId,
} from './ids';
import type {
  ColumnImpact,
  ColumnLineageResult,
  ImpactSubscriberLookup,
  LineageColumnEdge,
  LineageColumnReach,
  LineageColumnRef,
  LineageDataset,
  LineageEdge,
  LineageJob,
  LineageNeighbourhood,
  LineageNode,
  LineagePipeline,
  LineageProjectInput,
  LineageReach,
} from './types';

/** A dataset's neighbour: through a pipeline, or the same table in another project. */
interface DatasetLink {
  readonly dataset: number;
  readonly kind: 'pipeline' | 'sameTable' | 'derives';
  readonly pipeline?: string;
}

/** A column's neighbour in column-level lineage. */
interface ColumnLink {
  readonly column: number;
  readonly kind: 'derived' | 'sameTable';
  readonly pipeline?: string;
}

/** A dataset while the graph is being built: its columns still grow. */
interface DatasetDraft extends LineageDataset {
  readonly columns: string[];
}

const byId = <T extends { id: string }>(a: T, b: T) =>
  compareCodeUnits(a.id, b.id);

/**
 * Dataset and column lineage across data projects, built once from their
 * compiled manifests and indexed both ways, so that each query costs what
 * it visits.
 *
 * Datasets of one project connect through the pipelines that read and
 * write them (the manifest's `upstream` and `producedBy`); a source table
 * of one project connects to the dataset of another project that writes
 * the same physical table (its `table` or any target's fully qualified
 * name), and so do their columns of the same name. Columns connect to the
 * source columns the manifest's column lineage names, with its formula.
 * Every result is ordered by depth, then by id, so equal graphs answer
 * equally.
 *
 * @public
 */
export class LineageGraph {
  /** Builds the graph of these projects' manifests. */
  static build(projects: readonly LineageProjectInput[]): LineageGraph {
    return new LineageGraph(projects);
  }

  private readonly datasets: DatasetDraft[] = [];
  private readonly datasetIndex = new Map<string, number>();
  /** Each dataset's fully qualified tables on the deployment targets. */
  private readonly targetTables: string[][] = [];
  private readonly upLinks: DatasetLink[][] = [];
  private readonly downLinks: DatasetLink[][] = [];
  private readonly pipelines = new Map<string, LineagePipeline>();
  private readonly jobs = new Map<string, LineageJob>();
  private readonly jobsOfPipeline = new Map<string, string[]>();

  private readonly columnDataset: number[] = [];
  private readonly columnName: string[] = [];
  private readonly lineageOfColumn: (ManifestColumnLineage | undefined)[] = [];
  private readonly columnUp: ColumnLink[][] = [];
  private readonly columnDown: ColumnLink[][] = [];
  /** Each dataset's columns by lower-case name. */
  private readonly columnsOf: Map<string, number>[] = [];

  private constructor(projects: readonly LineageProjectInput[]) {
    const ordered = [...projects].sort((a, b) =>
      compareCodeUnits(a.name, b.name),
    );
    for (const project of ordered) this.addProject(project);
    this.connectProjects();
    for (const jobs of this.jobsOfPipeline.values()) jobs.sort();
  }

  /** How many datasets, pipelines, jobs, columns and edges the graph holds. */
  get size() {
    let datasetEdges = 0;
    for (const links of this.upLinks) datasetEdges += links.length;
    let columnEdges = 0;
    for (const links of this.columnUp) columnEdges += links.length;
    return {
      datasets: this.datasets.length,
      pipelines: this.pipelines.size,
      jobs: this.jobs.size,
      columns: this.columnName.length,
      datasetEdges,
      columnEdges,
    };
  }

  /** The dataset of this id (see {@link lineageDatasetId}). */
  dataset(id: string): LineageDataset | undefined {
    const index = this.datasetIndex.get(id);
    return index === undefined ? undefined : this.datasets[index];
  }

  /**
   * The column of the dataset of this name, as the dataset spells it
   * (names compare without regard to case), if it has one.
   */
  column(datasetId: string, column: string): string | undefined {
    const dataset = this.datasetIndex.get(datasetId);
    if (dataset === undefined) return undefined;
    const index = this.columnsOf[dataset].get(column.toLowerCase());
    return index === undefined ? undefined : this.columnName[index];
  }

  /** The datasets upstream of a dataset, up to `depth` hops. */
  upstream(datasetId: string, depth: number): LineageReach[] {
    return this.walkDatasets(this.require(datasetId), depth, this.upLinks)
      .reached;
  }

  /** The datasets downstream of a dataset, up to `depth` hops. */
  downstream(datasetId: string, depth: number): LineageReach[] {
    return this.walkDatasets(this.require(datasetId), depth, this.downLinks)
      .reached;
  }

  /**
   * The datasets up to `depth` hops upstream and downstream of a dataset,
   * the pipelines between them and the jobs running those pipelines.
   */
  neighbourhood(datasetId: string, depth: number): LineageNeighbourhood {
    const start = this.require(datasetId);
    const up = this.walkDatasets(start, depth, this.upLinks);
    const down = this.walkDatasets(start, depth, this.downLinks);
    const nodes = new Map<string, LineageNode>();
    const edges = new Map<string, LineageEdge>();
    const addEdge = (edge: LineageEdge) =>
      edges.set(`${edge.from}\u0000${edge.to}\u0000${edge.kind}`, edge);
    const addNode = (node: LineageNode) => nodes.set(node.id, node);

    addNode(this.datasets[start]);
    for (const { dataset } of [...up.reached, ...down.reached]) {
      addNode(dataset);
    }
    const link = (upstream: number, downstream: number, via: DatasetLink) => {
      const from = this.datasets[upstream].id;
      const to = this.datasets[downstream].id;
      if (via.kind === 'pipeline' && via.pipeline) {
        addNode(this.pipelines.get(via.pipeline)!);
        addEdge({ from, to: via.pipeline, kind: 'reads' });
        addEdge({ from: via.pipeline, to, kind: 'writes' });
      } else {
        addEdge({
          from,
          to,
          kind: via.kind === 'pipeline' ? 'derives' : via.kind,
        });
      }
    };
    for (const step of up.steps) link(step.to, step.from, step.link);
    for (const step of down.steps) link(step.from, step.to, step.link);
    for (const node of [...nodes.values()]) {
      if (node.kind !== 'pipeline') continue;
      for (const jobId of this.jobsOfPipeline.get(node.id) ?? []) {
        addNode(this.jobs.get(jobId)!);
        addEdge({ from: jobId, to: node.id, kind: 'runs' });
      }
    }
    return {
      focus: this.datasets[start],
      depth,
      upstream: up.reached,
      downstream: down.reached,
      nodes: [...nodes.values()].sort(byId),
      edges: [...edges.values()].sort(
        (a, b) =>
          compareCodeUnits(a.from, b.from) ||
          compareCodeUnits(a.to, b.to) ||
          compareCodeUnits(a.kind, b.kind),
      ),
    };
  }

  /**
   * Where a column comes from, transitively and across projects: every
   * upstream column with its formula, and the edges among them. Undefined
   * when the dataset has no such column.
   */
  columnLineage(
    datasetId: string,
    column: string,
  ): ColumnLineageResult | undefined {
    const start = this.findColumn(datasetId, column);
    if (start === undefined) return undefined;
    const walk = this.walkColumns(start, this.columnUp);
    const own = this.lineageOfColumn[start];
    return {
      ...this.columnRef(start),
      ...(own && { formula: own.formula }),
      steps: own?.steps ?? [],
      ...(own?.opaque && { opaque: true }),
      inputs: walk.reached,
      edges: walk.steps
        .map(({ from, to, link }) => this.columnEdge(to, from, link))
        .sort(byColumnEdge),
    };
  }

  /**
   * What changing a column reaches, transitively and across projects: the
   * downstream columns, their datasets, the pipelines computing them and
   * the jobs running those pipelines. `subscribers` is empty; see
   * {@link withImpactSubscribers}. Undefined when the dataset has no such
   * column.
   */
  impactOfColumn(datasetId: string, column: string): ColumnImpact | undefined {
    const start = this.findColumn(datasetId, column);
    if (start === undefined) return undefined;
    const walk = this.walkColumns(start, this.columnDown);
    const datasets = new Map<number, number>();
    const pipelines = new Set<string>();
    for (const { to, link, depth } of walk.steps) {
      const dataset = this.columnDataset[to];
      const known = datasets.get(dataset);
      if (known === undefined || depth < known) datasets.set(dataset, depth);
      if (link.pipeline) pipelines.add(link.pipeline);
    }
    const jobs = new Set<string>();
    for (const pipeline of pipelines) {
      for (const job of this.jobsOfPipeline.get(pipeline) ?? []) jobs.add(job);
    }
    return {
      ...this.columnRef(start),
      columns: walk.reached,
      datasets: [...datasets]
        .sort(
          ([a, da], [b, db]) =>
            da - db || byId(this.datasets[a], this.datasets[b]),
        )
        .map(([index]) => this.datasets[index]),
      pipelines: [...pipelines].sort().map(id => this.pipelines.get(id)!),
      jobs: [...jobs].sort().map(id => this.jobs.get(id)!),
      subscribers: [],
    };
  }

  private require(datasetId: string): number {
    const index = this.datasetIndex.get(datasetId);
    if (index === undefined) {
      throw new Error(`No dataset '${datasetId}' in the lineage graph`);
    }
    return index;
  }

  private findColumn(datasetId: string, column: string): number | undefined {
    const dataset = this.datasetIndex.get(datasetId);
    if (dataset === undefined) return undefined;
    return this.columnsOf[dataset].get(column.toLowerCase());
  }

  /** Breadth first over dataset links, up to `depth` hops. */
  private walkDatasets(
    start: number,
    depth: number,
    links: readonly DatasetLink[][],
  ) {
    const seen = new Map<number, number>([[start, 0]]);
    const steps: { from: number; to: number; link: DatasetLink }[] = [];
    let frontier = [start];
    for (let hop = 1; hop <= depth && frontier.length > 0; hop++) {
      const next: number[] = [];
      for (const from of frontier) {
        for (const link of links[from]) {
          steps.push({ from, to: link.dataset, link });
          if (seen.has(link.dataset)) continue;
          seen.set(link.dataset, hop);
          next.push(link.dataset);
        }
      }
      frontier = next;
    }
    seen.delete(start);
    const reached = [...seen]
      .map(([index, hops]) => ({ dataset: this.datasets[index], depth: hops }))
      .sort((a, b) => a.depth - b.depth || byId(a.dataset, b.dataset));
    return { reached, steps };
  }

  /** Breadth first over column links, as far as they go. */
  private walkColumns(start: number, links: readonly ColumnLink[][]) {
    const seen = new Map<number, number>([[start, 0]]);
    const steps: {
      from: number;
      to: number;
      link: ColumnLink;
      depth: number;
    }[] = [];
    let frontier = [start];
    for (let hop = 1; frontier.length > 0; hop++) {
      const next: number[] = [];
      for (const from of frontier) {
        for (const link of links[from]) {
          steps.push({ from, to: link.column, link, depth: hop });
          if (seen.has(link.column)) continue;
          seen.set(link.column, hop);
          next.push(link.column);
        }
      }
      frontier = next;
    }
    seen.delete(start);
    const reached: LineageColumnReach[] = [...seen]
      .map(([index, depth]) => {
        const formula = this.lineageOfColumn[index]?.formula;
        return {
          ...this.columnRef(index),
          ...(formula !== undefined && { formula }),
          depth,
        };
      })
      .sort((a, b) => a.depth - b.depth || compareColumnRefs(a, b));
    return { reached, steps };
  }

  private columnRef(index: number): LineageColumnRef {
    const dataset = this.datasets[this.columnDataset[index]];
    return {
      project: dataset.project,
      dataset: dataset.name,
      column: this.columnName[index],
    };
  }

  /** The edge from upstream column `from` to downstream column `to`. */
  private columnEdge(
    from: number,
    to: number,
    link: ColumnLink,
  ): LineageColumnEdge {
    return {
      from: this.columnRef(from),
      to: this.columnRef(to),
      kind: link.kind,
      formula:
        link.kind === 'derived'
          ? this.lineageOfColumn[to]?.formula ?? this.columnName[to]
          : this.columnName[to],
      ...(link.pipeline && { pipeline: link.pipeline }),
    };
  }

  private addProject(input: LineageProjectInput): void {
    const { name: project, manifest } = input;
    const namespace = input.namespace ?? DEFAULT_NAMESPACE;
    const local = new Map<string, number>();
    const pipelineOf = (name: string) => {
      const id = lineagePipelineId(project, name);
      if (!this.pipelines.has(id)) {
        this.pipelines.set(id, { kind: 'pipeline', id, project, name });
      }
      return id;
    };

    for (const dataset of manifest.datasets) {
      const id = lineageDatasetId(project, dataset.name);
      if (this.datasetIndex.has(id)) continue;
      const index = this.datasets.length;
      this.datasets.push({
        kind: 'dataset',
        id,
        project,
        name: dataset.name,
        table: dataset.table,
        layer: dataset.layer,
        visibility: dataset.visibility,
        owner: dataset.owner,
        entityRef: stringifyEntityRef({
          kind: 'DataProduct',
          namespace,
          name: dataProductEntityName(dataset.name),
        }),
        columns: [],
        ...(dataset.producedBy && {
          producedBy: pipelineOf(dataset.producedBy.pipeline),
        }),
      });
      this.datasetIndex.set(id, index);
      this.targetTables.push(Object.values(dataset.tables));
      this.upLinks.push([]);
      this.downLinks.push([]);
      this.columnsOf.push(new Map());
      local.set(dataset.name, index);
      for (const column of dataset.contract.columns) {
        this.addColumn(index, column.name);
      }
    }
    for (const pipeline of manifest.pipelines) pipelineOf(pipeline.name);

    for (const dataset of manifest.datasets) {
      const to = local.get(dataset.name)!;
      const pipeline = this.datasets[to].producedBy;
      for (const name of new Set(dataset.upstream)) {
        const from = local.get(name);
        if (from === undefined) continue;
        this.linkDatasets(
          from,
          to,
          pipeline ? 'pipeline' : 'derives',
          pipeline,
        );
      }
      for (const lineage of dataset.lineage) {
        const column = this.addColumn(to, lineage.column);
        this.lineageOfColumn[column] ??= lineage;
        const via = lineage.via[0] ?? dataset.producedBy?.pipeline;
        const computedBy = via === undefined ? undefined : pipelineOf(via);
        for (const source of lineage.sources) {
          const dot = source.indexOf('.');
          const from = local.get(source.slice(0, dot));
          if (from === undefined) continue;
          const read = this.addColumn(from, source.slice(dot + 1));
          this.linkColumns(read, column, 'derived', computedBy);
        }
      }
    }

    for (const job of manifest.jobs) {
      const id = lineageJobId(project, job.name);
      this.jobs.set(id, { kind: 'job', id, project, name: job.name });
      for (const task of job.tasks) {
        const pipeline = pipelineOf(task.pipeline);
        const jobs = this.jobsOfPipeline.get(pipeline) ?? [];
        if (!jobs.includes(id)) jobs.push(id);
        this.jobsOfPipeline.set(pipeline, jobs);
      }
    }
  }

  /**
   * Links each source table of a project to the datasets other projects
   * write to the same physical table, and their columns of the same name.
   */
  private connectProjects(): void {
    const writers = new Map<string, number[]>();
    const physicalNames = (index: number, dataset: DatasetDraft) => {
      const names = new Set([dataset.table.toLowerCase()]);
      for (const table of this.targetTables[index]) {
        names.add(table.toLowerCase());
      }
      return names;
    };
    this.datasets.forEach((dataset, index) => {
      if (!dataset.producedBy) return;
      for (const name of physicalNames(index, dataset)) {
        writers.set(name, [...(writers.get(name) ?? []), index]);
      }
    });
    this.datasets.forEach((source, index) => {
      if (source.producedBy) return;
      const matches = new Set<number>();
      for (const name of physicalNames(index, source)) {
        for (const writer of writers.get(name) ?? []) {
          if (this.datasets[writer].project !== source.project) {
            matches.add(writer);
          }
        }
      }
      for (const writer of [...matches].sort((a, b) =>
        byId(this.datasets[a], this.datasets[b]),
      )) {
        this.linkDatasets(writer, index, 'sameTable');
        for (const column of source.columns) {
          const name = column.toLowerCase();
          const from = this.columnsOf[writer].get(name);
          const to = this.columnsOf[index].get(name);
          if (from !== undefined && to !== undefined) {
            this.linkColumns(from, to, 'sameTable');
          }
        }
      }
    });
  }

  private addColumn(dataset: number, name: string): number {
    const columns = this.columnsOf[dataset];
    const key = name.toLowerCase();
    const known = columns.get(key);
    if (known !== undefined) return known;
    const index = this.columnName.length;
    columns.set(key, index);
    this.columnDataset.push(dataset);
    this.columnName.push(name);
    this.lineageOfColumn.push(undefined);
    this.columnUp.push([]);
    this.columnDown.push([]);
    this.datasets[dataset].columns.push(name);
    return index;
  }

  private linkDatasets(
    from: number,
    to: number,
    kind: DatasetLink['kind'],
    pipeline?: string,
  ): void {
    if (this.upLinks[to].some(l => l.dataset === from && l.kind === kind)) {
      return;
    }
    this.upLinks[to].push({ dataset: from, kind, pipeline });
    this.downLinks[from].push({ dataset: to, kind, pipeline });
  }

  private linkColumns(
    from: number,
    to: number,
    kind: ColumnLink['kind'],
    pipeline?: string,
  ): void {
    if (this.columnUp[to].some(l => l.column === from)) return;
    this.columnUp[to].push({ column: from, kind, pipeline });
    this.columnDown[from].push({ column: to, kind, pipeline });
  }
}

function compareColumnRefs(a: LineageColumnRef, b: LineageColumnRef): number {
  return (
    compareCodeUnits(a.project, b.project) ||
    compareCodeUnits(a.dataset, b.dataset) ||
    compareCodeUnits(a.column, b.column)
  );
}

function byColumnEdge(a: LineageColumnEdge, b: LineageColumnEdge): number {
  return compareColumnRefs(a.to, b.to) || compareColumnRefs(a.from, b.from);
}

/**
 * The impact with its `subscribers` filled by `lookup` (the subscriptions'
 * store); the impact as it is without one.
 *
 * @public
 */
export async function withImpactSubscribers(
  impact: ColumnImpact,
  lookup?: ImpactSubscriberLookup,
): Promise<ColumnImpact> {
  if (!lookup) return impact;
  // The changed column's own subscribers are the first a change meets.
  const changed = {
    project: impact.project,
    dataset: impact.dataset,
    column: impact.column,
  };
  const columns = [changed, ...impact.columns.map(columnRefOf)];
  const subscribers = [...(await lookup(impact.datasets, columns))].sort(
    (a, b) =>
      compareCodeUnits(a.dataset, b.dataset) ||
      compareCodeUnits(a.team, b.team),
  );
  return { ...impact, subscribers };
}

function columnRefOf(reach: LineageColumnRef): LineageColumnRef {
  return {
    project: reach.project,
    dataset: reach.dataset,
    column: reach.column,
  };
}
