import type { ManifestLineageStep, ProjectManifest } from '../manifest';

/**
 * A compiled data project as the lineage graph reads it.
 *
 * @public
 */
export interface LineageProjectInput {
  /** The data project's name (its catalog Component's `metadata.name`). */
  readonly name: string;
  readonly manifest: ProjectManifest;
  /**
   * The catalog namespace of the project's DataProducts: its Component's
   * (`default` when not given).
   */
  readonly namespace?: string;
}

/**
 * A dataset of a data project in the lineage graph.
 *
 * @public
 */
export interface LineageDataset {
  readonly kind: 'dataset';
  /** `dataset:<project>/<dataset>`, see {@link lineageDatasetId}. */
  readonly id: string;
  readonly project: string;
  /** The dataset's name in its project. */
  readonly name: string;
  /** The table the embedded engine writes (`schema.table`). */
  readonly table: string;
  readonly layer: 'bronze' | 'silver' | 'gold';
  readonly visibility: 'internal' | 'published';
  readonly owner: string;
  /** The DataProduct entity of the dataset, e.g. `dataproduct:default/total-sales`. */
  readonly entityRef: string;
  /** Its columns: the contract's, then any lineage names that the contract lacks. */
  readonly columns: readonly string[];
  /** The id of the pipeline that writes it; none for a source (bronze) table. */
  readonly producedBy?: string;
}

/**
 * A pipeline of a data project in the lineage graph.
 *
 * @public
 */
export interface LineagePipeline {
  readonly kind: 'pipeline';
  /** `pipeline:<project>/<pipeline>`. */
  readonly id: string;
  readonly project: string;
  readonly name: string;
}

/**
 * A job of a data project in the lineage graph.
 *
 * @public
 */
export interface LineageJob {
  readonly kind: 'job';
  /** `job:<project>/<job>`. */
  readonly id: string;
  readonly project: string;
  readonly name: string;
}

/**
 * A node of the lineage graph.
 *
 * @public
 */
export type LineageNode = LineageDataset | LineagePipeline | LineageJob;

/**
 * How two nodes of the lineage graph are related: a pipeline `reads` a
 * dataset and `writes` one, a job `runs` a pipeline, and a dataset of one
 * project is the `sameTable` as the source another project reads.
 * `derives` links two datasets when the manifest names no pipeline.
 *
 * @public
 */
export type LineageEdgeKind =
  | 'reads'
  | 'writes'
  | 'runs'
  | 'sameTable'
  | 'derives';

/**
 * An edge of the lineage graph, from upstream to downstream (a job to the
 * pipeline it runs).
 *
 * @public
 */
export interface LineageEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: LineageEdgeKind;
}

/**
 * A dataset reached from another, with how many dataset hops away it is.
 *
 * @public
 */
export interface LineageReach {
  readonly dataset: LineageDataset;
  readonly depth: number;
}

/**
 * The datasets up to some depth upstream and downstream of one dataset, with
 * the pipelines between them, the jobs that run those pipelines, and the
 * edges among all of these.
 *
 * @public
 */
export interface LineageNeighbourhood {
  readonly focus: LineageDataset;
  readonly depth: number;
  readonly upstream: readonly LineageReach[];
  readonly downstream: readonly LineageReach[];
  /** The focus, the datasets reached, their pipelines and jobs, in id order. */
  readonly nodes: readonly LineageNode[];
  readonly edges: readonly LineageEdge[];
}

/**
 * A column of a dataset of a project.
 *
 * @public
 */
export interface LineageColumnRef {
  readonly project: string;
  readonly dataset: string;
  readonly column: string;
}

/**
 * A column reached from another through column-level lineage.
 *
 * @public
 */
export interface LineageColumnReach extends LineageColumnRef {
  /** Its formula over its inputs; none for a column of a source table. */
  readonly formula?: string;
  /** How many column hops away it is. */
  readonly depth: number;
}

/**
 * One column-level edge: `to` is computed from `from` (among others) by
 * `formula`, in a pipeline, or is the same column of the same table read
 * by another project (`sameTable`).
 *
 * @public
 */
export interface LineageColumnEdge {
  readonly from: LineageColumnRef;
  readonly to: LineageColumnRef;
  readonly kind: 'derived' | 'sameTable';
  /** The formula of `to`; the column's name for `sameTable`. */
  readonly formula: string;
  /** The pipeline that computes `to`, for `derived` edges. */
  readonly pipeline?: string;
}

/**
 * Where a column comes from: its own formula and steps (from the
 * manifest), every upstream column with its formula, and the edges among
 * them, across projects.
 *
 * @public
 */
export interface ColumnLineageResult extends LineageColumnRef {
  readonly formula?: string;
  /** The computations from the column back to its project's sources. */
  readonly steps: readonly ManifestLineageStep[];
  /** True when a SQL gem hides how it is computed. */
  readonly opaque?: boolean;
  readonly inputs: readonly LineageColumnReach[];
  readonly edges: readonly LineageColumnEdge[];
}

/**
 * A team subscribed to a dataset that a change would reach.
 *
 * @public
 */
export interface ImpactSubscriber {
  /** The subscribing team's entity ref. */
  readonly team: string;
  /** The id of the dataset it subscribes to. */
  readonly dataset: string;
}

/**
 * Finds the subscribers of datasets (the subscriptions issue plugs its
 * store in here). `columns` are the changed column and every column it
 * reaches, so that a lookup can keep to the teams granted one of them;
 * the changed column's dataset is among theirs but not in `datasets`,
 * which are the datasets downstream.
 *
 * @public
 */
export type ImpactSubscriberLookup = (
  datasets: readonly LineageDataset[],
  columns: readonly LineageColumnRef[],
) => Promise<readonly ImpactSubscriber[]>;

/**
 * What changing a column reaches: every downstream column, the datasets
 * holding them, the pipelines computing them, the jobs running those
 * pipelines, and the teams subscribed to those datasets.
 *
 * @public
 */
export interface ColumnImpact extends LineageColumnRef {
  readonly columns: readonly LineageColumnReach[];
  readonly datasets: readonly LineageDataset[];
  readonly pipelines: readonly LineagePipeline[];
  readonly jobs: readonly LineageJob[];
  /**
   * The teams subscribed to the changed dataset or to those reached;
   * empty until a subscriber lookup fills it (see `withImpactSubscribers`).
   */
  readonly subscribers: readonly ImpactSubscriber[];
}
