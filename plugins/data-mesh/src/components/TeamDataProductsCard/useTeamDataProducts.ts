import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_DATA_PROJECT,
  ANNOTATION_DATASET,
} from '@meshwork/data-mesh-common';
import useAsync from 'react-use/esm/useAsync';
import {
  Budget,
  dataMeshApiRef,
  DataMeshApi,
  DatasetFreshness,
} from '../../api';
import {
  currentMonth,
  latestQualitySummary,
  QualitySummary,
} from '../DataProjectEntity';

/** How many quality results of a dataset are read to find each rule's latest. */
const QUALITY_WINDOW = 200;

/** One of the team's data products with its health and cost. */
export interface TeamDataProduct {
  entity: Entity;
  project?: string;
  dataset?: string;
  /** False when the viewer may not read the product's project. */
  readable: boolean;
  freshness?: DatasetFreshness;
  quality?: QualitySummary;
  /** DBUs this month of the pipeline that writes the product. */
  cost?: { dbus: number; estimated: boolean; pipeline: string };
}

export interface TeamDataProducts {
  products: TeamDataProduct[];
  /** This month's DBUs charged to the team, in the projects the viewer may read. */
  teamCost: { dbus: number; estimated: boolean };
  budget?: Budget;
}

/** Undefined for a 403 or 404 answer; any other error is thrown on. */
function unlessNotReadable(error: unknown): undefined {
  const status = (error as { statusCode?: number }).statusCode;
  if (status === 403 || status === 404) return undefined;
  throw error;
}

interface ProjectFacts {
  freshness: Map<string, DatasetFreshness>;
  /** DBUs this month by the dataset the pipeline writes. */
  costByDataset: Map<
    string,
    { dbus: number; estimated: boolean; pipeline: string }
  >;
}

async function projectFacts(
  api: DataMeshApi,
  project: string,
  month: string,
): Promise<ProjectFacts> {
  const [structure, freshness, cost] = await Promise.all([
    api.getProject(project),
    api.listFreshness({ project, limit: 500 }),
    api.getCostRollup({
      groupBy: 'pipeline',
      project,
      from: month,
      to: month,
      limit: 500,
    }),
  ]);
  const costByPipeline = new Map(
    cost.items
      .filter(row => row.pipeline)
      .map(row => [row.pipeline as string, row]),
  );
  const costByDataset = new Map<
    string,
    { dbus: number; estimated: boolean; pipeline: string }
  >();
  for (const pipeline of structure.pipelines) {
    const row = costByPipeline.get(pipeline.name);
    for (const dataset of pipeline.writes) {
      costByDataset.set(dataset, {
        dbus: row?.dbus ?? 0,
        estimated: row?.estimated ?? false,
        pipeline: pipeline.name,
      });
    }
  }
  return {
    freshness: new Map(freshness.items.map(f => [f.dataset, f])),
    costByDataset,
  };
}

/**
 * The data products a team owns (from the catalog), each with its freshness,
 * latest quality and this month's cost; and the team's cost and budget.
 */
export function useTeamDataProducts(group: Entity) {
  const catalogApi = useApi(catalogApiRef);
  const api = useApi(dataMeshApiRef);
  const groupRef = stringifyEntityRef(group);
  return useAsync(async (): Promise<TeamDataProducts> => {
    const month = currentMonth();
    // Catalog files may name the owner in full or, in its namespace, by name.
    const { items } = await catalogApi.getEntities({
      filter: [
        { kind: 'DataProduct', 'spec.owner': groupRef },
        { kind: 'DataProduct', 'spec.owner': group.metadata.name },
      ],
    });
    const entities = [...items].sort((a, b) =>
      (a.metadata.title ?? a.metadata.name).localeCompare(
        b.metadata.title ?? b.metadata.name,
      ),
    );
    const projects = [
      ...new Set(
        entities
          .map(e => e.metadata.annotations?.[ANNOTATION_DATA_PROJECT])
          .filter((p): p is string => Boolean(p)),
      ),
    ];
    const [factsByProject, teamCost, budgets] = await Promise.all([
      Promise.all(
        projects.map(async project => {
          // A project the viewer may not read (or the backend no longer
          // knows) is left without figures rather than failing the card.
          const facts = await projectFacts(api, project, month).catch(
            unlessNotReadable,
          );
          return [project, facts] as const;
        }),
      ).then(entries => new Map(entries)),
      api.getCostRollup({
        groupBy: 'team',
        team: groupRef,
        from: month,
        to: month,
      }),
      api
        .getBudgets({ team: groupRef })
        .catch(e => unlessNotReadable(e) ?? { items: [] }),
    ]);
    const products = await Promise.all(
      entities.map(async (entity): Promise<TeamDataProduct> => {
        const annotations = entity.metadata.annotations ?? {};
        const project = annotations[ANNOTATION_DATA_PROJECT];
        const dataset = annotations[ANNOTATION_DATASET];
        const facts = project ? factsByProject.get(project) : undefined;
        if (!project || !dataset || !facts) {
          return { entity, project, dataset, readable: false };
        }
        const quality = await api.listQualityResults({
          dataset,
          project,
          limit: QUALITY_WINDOW,
        });
        return {
          entity,
          project,
          dataset,
          readable: true,
          freshness: facts.freshness.get(dataset),
          quality: latestQualitySummary(quality.items),
          cost: facts.costByDataset.get(dataset),
        };
      }),
    );
    const teamRow = teamCost.items[0];
    return {
      products,
      teamCost: {
        dbus: teamRow?.dbus ?? 0,
        estimated: teamRow?.estimated ?? false,
      },
      budget: budgets.items.find(
        b => b.scope === 'team' && b.name === groupRef,
      ),
    };
  }, [catalogApi, api, groupRef, group.metadata.name]);
}
