import { useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import {
  Budget,
  dataMeshApiRef,
  DataMeshApi,
  DatasetFreshness,
  DataProjectStructure,
} from '../../api';
import {
  currentMonth,
  latestQualitySummary,
  QualitySummary,
} from '../DataProjectEntity';

/** One dataset of the project with its latest measurements. */
export interface DatasetHealth {
  name: string;
  entityRef: string;
  freshness?: DatasetFreshness;
  quality?: QualitySummary;
}

export interface ProjectHealth {
  datasets: DatasetHealth[];
  /** DBUs of this month's runs, and whether any figure is an estimate. */
  cost: { dbus: number; estimated: boolean };
  /** The project's monthly budget, when one is set. */
  budget?: Budget;
}

/** How many quality results of a dataset are read to find each rule's latest. */
const QUALITY_WINDOW = 200;

/** The latest results of each dataset's rules, by dataset name. */
async function latestQuality(
  api: DataMeshApi,
  structure: DataProjectStructure,
): Promise<Map<string, QualitySummary | undefined>> {
  const entries = await Promise.all(
    structure.datasets.map(async dataset => {
      const page = await api.listQualityResults({
        dataset: dataset.name,
        project: structure.name,
        limit: QUALITY_WINDOW,
      });
      return [dataset.name, latestQualitySummary(page.items)] as const;
    }),
  );
  return new Map(entries);
}

/** The project's monthly budget, when the platform team set one. */
async function projectBudget(
  api: DataMeshApi,
  project: string,
): Promise<Budget | undefined> {
  const { items } = await api.getBudgets({ project });
  return items.find(b => b.scope === 'project' && b.name === project);
}

/** Freshness, quality and this month's cost of a data project's datasets. */
export function useProjectHealth(structure: DataProjectStructure | undefined) {
  const api = useApi(dataMeshApiRef);
  return useAsync(async (): Promise<ProjectHealth | undefined> => {
    if (!structure) return undefined;
    const project = structure.name;
    const month = currentMonth();
    const [freshness, quality, cost, budget] = await Promise.all([
      api.listFreshness({ project, limit: 500 }),
      latestQuality(api, structure),
      api.getCostRollup({
        groupBy: 'project',
        project,
        from: month,
        to: month,
      }),
      projectBudget(api, project),
    ]);
    const freshnessOf = new Map(freshness.items.map(f => [f.dataset, f]));
    const total = cost.items.find(row => row.project === project);
    return {
      datasets: structure.datasets.map(dataset => ({
        name: dataset.name,
        entityRef: dataset.entityRef,
        freshness: freshnessOf.get(dataset.name),
        quality: quality.get(dataset.name),
      })),
      cost: { dbus: total?.dbus ?? 0, estimated: total?.estimated ?? false },
      budget,
    };
  }, [api, structure]);
}
