/**
 * Dataset and column lineage across data projects, built from their
 * compiled manifests: upstream and downstream datasets, where a column
 * comes from, and what changing it reaches.
 */
export { LineageGraph, withImpactSubscribers } from './LineageGraph';
export { lineageDatasetId, lineageJobId, lineagePipelineId } from './ids';
export type {
  ColumnImpact,
  ColumnLineageResult,
  ImpactSubscriber,
  ImpactSubscriberLookup,
  LineageColumnEdge,
  LineageColumnReach,
  LineageColumnRef,
  LineageDataset,
  LineageEdge,
  LineageEdgeKind,
  LineageJob,
  LineageNeighbourhood,
  LineageNode,
  LineagePipeline,
  LineageProjectInput,
  LineageReach,
} from './types';
