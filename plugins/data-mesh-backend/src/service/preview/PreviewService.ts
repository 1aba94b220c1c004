import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { compilePreview, hasErrors } from '@meshwork/data-mesh-common';
import {
  QueryCancelledError,
  QuerySyntaxError,
  QueryTimeoutError,
  QueryValue,
  WarehouseEngine,
} from '@meshwork/data-mesh-node';
import type { FactsStore } from '../../database';
import type { EngineRegistry } from '../EngineRegistry';
import type { ProjectRepository } from '../projects/ProjectRepository';
import { CompiledPreviewCache } from './CompiledPreviewCache';
import { EstimatedCost, PipelineCostEstimator } from './estimatePipelineCost';
import { LoadedProjectCache } from './LoadedProjectCache';
import { previewCompileError, PreviewRequest } from './parsePreviewRequest';
import { PreviewAccessPolicy, PreviewViewer } from './PreviewAccessPolicy';
import { previewEngine } from './previewEngine';
import type { PreviewConfig } from './readPreviewConfig';

/**
 * How long what a pipeline's last runs cost is reused for the estimate of
 * its previews: a run that just finished shows up in estimates this late.
 */
const COST_MAX_AGE_MS = 30_000;

/** What a masked value reads as. SQL NULL stays null: it carries no personal data. */
export const MASKED_VALUE = '••••';

/** The warehouse did not answer within the preview timeout: HTTP 504. */
export class PreviewTimeoutError extends Error {
  name = 'PreviewTimeoutError';
  readonly statusCode = 504;
}

/** A column of a preview response. */
export interface PreviewResponseColumn {
  readonly name: string;
  /** The Spark SQL type name. */
  readonly type: string;
  /** Derives from a dataset column classified `pii`, unmasked by the pipeline. */
  readonly pii: boolean;
  /** Its values are hidden from this user. */
  readonly masked: boolean;
}

/** The body of a successful `POST /preview`. */
export interface PreviewResponse {
  readonly node: string;
  readonly port?: string;
  readonly columns: PreviewResponseColumn[];
  readonly rows: QueryValue[][];
  readonly truncated: boolean;
  readonly timing: {
    readonly compileMs: number;
    readonly queryMs: number;
    readonly totalMs: number;
  };
  readonly engine: string;
  readonly estimatedCost: EstimatedCost;
}

/**
 * Shows the data after a node of a pipeline, saved or not: compiles the
 * prefix of the graph up to the node, runs it on the warehouse with a row
 * limit and a timeout, and masks personal data the user may not see.
 */
export class PreviewService {
  private readonly projects: LoadedProjectCache;
  private readonly costs: PipelineCostEstimator;
  private readonly compiled = new CompiledPreviewCache();

  constructor(
    private readonly options: {
      readonly engines: EngineRegistry;
      readonly projects: ProjectRepository;
      readonly facts: FactsStore;
      readonly config: PreviewConfig;
      readonly logger: LoggerService;
      readonly access?: PreviewAccessPolicy;
      readonly now?: () => number;
    },
  ) {
    this.projects = new LoadedProjectCache(options.projects);
    this.costs = new PipelineCostEstimator({
      facts: options.facts,
      dbusPerHour: options.config.dbusPerHour,
      maxAgeMs: COST_MAX_AGE_MS,
      now: options.now ?? (() => performance.now()),
    });
  }

  async preview(
    request: PreviewRequest,
    viewer: PreviewViewer,
    signal: AbortSignal,
  ): Promise<PreviewResponse> {
    const now = this.options.now ?? (() => performance.now());
    const { config, logger } = this.options;
    const access = this.options.access ?? new PreviewAccessPolicy();
    const started = now();
    const engine = this.engine();
    const project = await this.projects.load(request.project);
    const { context } = project.loaded;
    const limit = Math.min(request.limit ?? config.defaultRows, config.maxRows);
    // One more row than shown tells whether there are more.
    const fetched = limit + 1;
    const compiled = this.compiled.get(
      project.loaded,
      request.pipeline,
      {
        dialect: engine.dialect,
        nodeId: request.nodeId,
        port: request.port,
        limit: fetched,
        parameters: request.parameters,
      },
      () =>
        compilePreview(request.pipeline, context, request.nodeId, {
          dialect: engine.dialect,
          port: request.port,
          // The table as the dataset file names it: the engine's own
          // catalog and schema resolve it, as they do for the runner.
          tables: dataset => project.dataset(dataset)?.table ?? dataset,
          classifications: dataset =>
            Object.fromEntries(
              (project.dataset(dataset)?.contract.columns ?? []).map(c => [
                c.name,
                c.classification,
              ]),
            ),
          limit: fetched,
          ...(request.parameters && { parameters: request.parameters }),
        }),
    );
    if (hasErrors(compiled.diagnostics) || !compiled.sql || !compiled.columns) {
      throw previewCompileError(compiled.diagnostics, request);
    }
    const compileMs = now() - started;

    let resolveQueryMs!: (ms: number | undefined) => void;
    const queryMs = new Promise<number | undefined>(resolve => {
      resolveQueryMs = resolve;
    });
    const cost = this.costs
      .estimate({
        project: request.project,
        pipeline: request.pipeline.name,
        previewMs: () => queryMs,
      })
      .catch(error => {
        logger.warn(
          `Could not estimate the cost of ${request.pipeline.name}`,
          error,
        );
        return { dbus: null, basis: 'unknown', estimated: true } as const;
      });

    const masked = new Set<string>();
    const decisions = Promise.all(
      compiled.piiColumns.map(async pii => {
        const datasets = [...new Set(pii.sources.map(s => s.dataset))];
        const allowed = await Promise.all(
          datasets.map(name => {
            const dataset = project.dataset(name);
            // Unknown to the manifest: nobody is known to own it.
            if (!dataset) return false;
            return access.canSeeUnmasked({
              user: viewer,
              project: project.manifest.project,
              dataset,
            });
          }),
        );
        if (!allowed.every(Boolean)) masked.add(pii.column);
      }),
    );

    const queryStarted = now();
    let result;
    try {
      result = await engine.run(compiled.sql, {
        maxRows: limit,
        timeoutMs: config.timeoutMs,
        signal,
      });
    } catch (error) {
      resolveQueryMs(undefined);
      throw queryError(error, config.timeoutMs);
    }
    resolveQueryMs(now() - queryStarted);
    await decisions;

    const pii = new Set(compiled.piiColumns.map(p => p.column));
    const columns = compiled.columns.map(c => ({
      name: c.name,
      type: c.type,
      pii: pii.has(c.name),
      masked: masked.has(c.name),
    }));
    const hidden = columns.flatMap((c, i) => (c.masked ? [i] : []));
    const rows = hidden.length
      ? result.rows.map(row =>
          row.map((value, i) =>
            value !== null && hidden.includes(i) ? MASKED_VALUE : value,
          ),
        )
      : result.rows;
    const estimatedCost = await cost;
    return {
      node: request.nodeId,
      ...(request.port !== undefined && { port: request.port }),
      columns,
      rows,
      truncated: result.truncated,
      timing: {
        compileMs: round(compileMs),
        queryMs: round(result.elapsedMs),
        totalMs: round(now() - started),
      },
      engine: engine.id,
      estimatedCost,
    };
  }

  private engine(): WarehouseEngine {
    return previewEngine(this.options.engines, this.options.config.engine);
  }
}

/** Engine errors as HTTP errors: the SQL is ours, but what it reads is the warehouse's. */
function queryError(error: unknown, timeoutMs: number): Error {
  if (error instanceof QueryTimeoutError) {
    return new PreviewTimeoutError(
      `The preview did not finish within ${
        timeoutMs / 1000
      } s (dataMesh.preview.timeoutSeconds); preview a node closer to the sources or filter earlier`,
    );
  }
  if (error instanceof QuerySyntaxError) {
    return new InputError(
      `The warehouse rejected the preview query: ${error.message}`,
    );
  }
  if (error instanceof QueryCancelledError) return error;
  return error instanceof Error ? error : new Error(String(error));
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
