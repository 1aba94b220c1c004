import type { LoggerService } from '@backstage/backend-plugin-api';
import type { TypedRouter } from '@backstage/backend-openapi-utils';
import { NotFoundError } from '@backstage/errors';
import {
  dataProjectReadPermission,
  ImpactSubscriberLookup,
  LineageGraph,
  lineageDatasetId,
  LineageNode,
  withImpactSubscribers,
} from '@meshwork/data-mesh-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { EndpointMap } from '../../schema/openapi/generated';
import { LineageGraphCache } from '../lineage/LineageGraphCache';
import type { DataProjectAuthorizer } from '../permissions/DataProjectAuthorizer';
import {
  CompiledProjects,
  repositoryCompiledProjects,
} from '../projects/compiledProjects';
import { ProjectRepository } from '../projects/ProjectRepository';
import { parseInput } from './parseInput';

export interface LineageRouterOptions {
  projects: ProjectRepository;
  authorizer: DataProjectAuthorizer;
  logger?: LoggerService;
  /** The compiled projects the graph is built from; default every project of `projects`. */
  compiledProjects?: CompiledProjects;
  /** Who subscribes to the datasets a change reaches (the subscriptions' store). */
  subscribers?: ImpactSubscriberLookup;
}

/** The default and the largest number of dataset hops, as the contract says. */
export const LINEAGE_DEPTH = { default: 3, max: 10 } as const;

const lineageQuery = z.object({
  depth: z.coerce
    .number()
    .int()
    .min(1)
    .max(LINEAGE_DEPTH.max)
    .default(LINEAGE_DEPTH.default),
});

/**
 * `GET /projects/:project/datasets/:dataset/lineage` and
 * `GET /projects/:project/datasets/:dataset/columns/:column/impact`: the
 * lineage graph around a dataset and what changing a column reaches,
 * across every data project, for anyone who may read the dataset's
 * project. Whatever belongs to a project the caller may not read is left
 * out, and the answer says how much was.
 */
export function createLineageRouter(
  options: LineageRouterOptions,
): express.Router {
  const { projects, authorizer } = options;
  const graphs = new LineageGraphCache(
    options.compiledProjects ??
      repositoryCompiledProjects(projects, options.logger),
  );
  const router = Router() as TypedRouter<EndpointMap>;

  /** The caller, the graph, the dataset's id and the projects the caller may read. */
  const readDataset = async (
    req: Parameters<DataProjectAuthorizer['credentials']>[0],
    project: string,
    dataset: string,
  ) => {
    const credentials = await authorizer.credentials(req, 'user-or-service');
    await authorizer.authorize(credentials, dataProjectReadPermission, project);
    const graph = await graphs.graph();
    const id = lineageDatasetId(project, dataset);
    if (!graph.dataset(id)) {
      throw new NotFoundError(
        `No dataset named '${dataset}' in the data project '${project}'`,
      );
    }
    const readable = new Set(await authorizer.readableProjects(credentials));
    return { graph, id, readable };
  };

  router.get(
    '/projects/:project/datasets/:dataset/lineage',
    async (req, res) => {
      const { depth } = parseInput(lineageQuery, req.query, 'query');
      const { project, dataset } = req.params;
      const { graph, id, readable } = await readDataset(req, project, dataset);
      const around = graph.neighbourhood(id, depth);
      const depths = new Map<string, number>([[id, 0]]);
      for (const r of around.upstream) depths.set(r.dataset.id, -r.depth);
      for (const r of around.downstream) depths.set(r.dataset.id, r.depth);

      const nodes = around.nodes.filter(n => readable.has(n.project));
      const kept = new Set(nodes.map(n => n.id));
      res.json({
        dataset: id,
        depth,
        nodes: nodes.map(node => nodeToApi(node, depths.get(node.id))),
        edges: around.edges.filter(e => kept.has(e.from) && kept.has(e.to)),
        omitted: around.nodes.length - nodes.length,
      });
    },
  );

  router.get(
    '/projects/:project/datasets/:dataset/columns/:column/impact',
    async (req, res) => {
      const { project, dataset } = req.params;
      const { graph, id, readable } = await readDataset(req, project, dataset);
      const column = graph.column(id, req.params.column);
      if (column === undefined) {
        throw new NotFoundError(
          `No column named '${req.params.column}' in the dataset '${dataset}' of the data project '${project}'`,
        );
      }
      res.json(
        await readableImpact(graph, id, column, readable, options.subscribers),
      );
    },
  );

  return router;
}

/** A column's lineage and impact, without what the caller may not read. */
async function readableImpact(
  graph: LineageGraph,
  id: string,
  column: string,
  readable: ReadonlySet<string>,
  subscribers: ImpactSubscriberLookup | undefined,
) {
  const lineage = graph.columnLineage(id, column)!;
  const impact = await withImpactSubscribers(
    graph.impactOfColumn(id, column)!,
    subscribers,
  );
  let omitted = 0;
  const keep = <T>(items: readonly T[], projectOf: (item: T) => string) => {
    const kept = items.filter(item => readable.has(projectOf(item)));
    omitted += items.length - kept.length;
    return kept;
  };
  const byProject = (item: { project: string }) => item.project;
  const inputs = keep(lineage.inputs, byProject);
  const edges = lineage.edges.filter(
    e => readable.has(e.from.project) && readable.has(e.to.project),
  );
  const columns = keep(impact.columns, byProject);
  const datasets = keep(impact.datasets, byProject);
  const pipelines = keep(impact.pipelines, byProject);
  const jobs = keep(impact.jobs, byProject);
  // A subscription names its dataset; who subscribes to a dataset the
  // caller may not see is not the caller's to know either.
  const subscribed = impact.subscribers.filter(s => {
    const project = graph.dataset(s.dataset)?.project;
    return project !== undefined && readable.has(project);
  });
  return {
    project: impact.project,
    dataset: impact.dataset,
    column: impact.column,
    lineage: {
      ...(lineage.formula !== undefined && { formula: lineage.formula }),
      steps: lineage.steps.map(step => ({ ...step })),
      ...(lineage.opaque && { opaque: true }),
      inputs,
      edges,
    },
    columns,
    datasets: datasets.map(d => nodeToApi(d)),
    pipelines: pipelines.map(p => nodeToApi(p)),
    jobs: jobs.map(j => nodeToApi(j)),
    subscribers: subscribed,
    omitted,
  };
}

/** A node as the contract's `LineageNode`. */
function nodeToApi(node: LineageNode, depth?: number) {
  const at = depth !== undefined ? { depth } : {};
  if (node.kind === 'dataset') {
    return { ...node, columns: [...node.columns], ...at };
  }
  return { ...node, ...at };
}
