import { useApi } from '@backstage/frontend-plugin-api';
import {
  ANNOTATION_DATA_PROJECT,
  ANNOTATION_DATASET,
  DataProductEntity,
} from '@meshwork/data-mesh-common';
import useAsync from 'react-use/esm/useAsync';
import { dataMeshApiRef, DatasetFreshness, QualityResult } from '../../api';

/** The dataset in its data project that a DataProduct publishes. */
export interface ProjectDataset {
  project: string;
  dataset: string;
}

/** Read from the provider's annotations; absent on hand-written entities. */
export function projectDatasetOf(
  entity: DataProductEntity,
): ProjectDataset | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const project = annotations[ANNOTATION_DATA_PROJECT];
  const dataset = annotations[ANNOTATION_DATASET];
  return project && dataset ? { project, dataset } : undefined;
}

/** What the runs measured: the last write, and each rule's latest result. */
export interface MeasuredHealth {
  freshness?: DatasetFreshness;
  latestResults: Map<string, QualityResult>;
}

// One page of results reaches far enough back for every rule's latest one
// unless a dataset has hundreds of rules.
const RESULTS_PAGE = 200;
// The freshness report lists a project's datasets; a project has far fewer.
const FRESHNESS_PAGE = 500;

/** Fetches the freshness report and latest quality results of a dataset. */
export function useMeasuredHealth(target: ProjectDataset | undefined) {
  const api = useApi(dataMeshApiRef);
  const project = target?.project;
  const dataset = target?.dataset;
  return useAsync(async (): Promise<MeasuredHealth | undefined> => {
    if (!project || !dataset) {
      return undefined;
    }
    const [freshness, results] = await Promise.all([
      api.listFreshness({ project, limit: FRESHNESS_PAGE }),
      api.listQualityResults({ project, dataset, limit: RESULTS_PAGE }),
    ]);
    const latestResults = new Map<string, QualityResult>();
    // Newest first, so the first result of a rule is its latest.
    for (const result of results.items) {
      if (!latestResults.has(result.ruleKey)) {
        latestResults.set(result.ruleKey, result);
      }
    }
    return {
      freshness: freshness.items.find(item => item.dataset === dataset),
      latestResults,
    };
  }, [api, project, dataset]);
}
