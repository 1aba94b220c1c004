import {
  ColumnLineage,
  propagateSchemas,
  SchemaPropagation,
} from '../compiler';
import { lookupLineage } from '../compiler/lineage';
import { suggestNames } from '../expression';
import type { PipelineFile, PipelineNode } from '../project';
import type { LoadedProject } from './types';

/**
 * A column of a dataset that no pipeline of the project writes (a bronze
 * table): where lineage ends.
 *
 * @public
 */
export interface LineageSourceColumn {
  readonly dataset: string;
  readonly column: string;
}

/**
 * One computation on the way from the sources to a dataset column: a gem
 * whose formula is more than passing a column through.
 *
 * @public
 */
export interface LineageStep {
  readonly pipeline: string;
  readonly node: string;
  /** The gem type, e.g. `Aggregate`, `Subgraph`, `BusinessRule`. */
  readonly gem: string;
  /** The subgraph or business rule the gem applies, if it applies one. */
  readonly uses?: string;
  /** The formula in Spark SQL over the gem's inputs. */
  readonly formula: string;
}

/**
 * Where one column of a dataset comes from, across every pipeline that
 * leads to it.
 *
 * @public
 */
export interface DatasetColumnLineage {
  readonly column: string;
  /** The formula nearest the dataset that computes it; the source column's name when it is copied. */
  readonly formula: string;
  /** Every computation, from the dataset back towards the sources. */
  readonly steps: readonly LineageStep[];
  /** The columns of source datasets it derives from. */
  readonly sources: readonly LineageSourceColumn[];
  /** The pipelines it flows through, the one writing the dataset first. */
  readonly via: readonly string[];
  /** True when a SQL gem hides how it is computed (sources over-approximate). */
  readonly opaque?: boolean;
}

/**
 * The lineage of a dataset written by a pipeline of the project.
 *
 * @public
 */
export interface DatasetLineage {
  readonly dataset: string;
  readonly table: string;
  /** The pipeline that writes it. */
  readonly pipeline: string;
  readonly columns: readonly DatasetColumnLineage[];
}

/**
 * A pipeline reads dataset `from` to write dataset `to`.
 *
 * @public
 */
export interface DatasetLineageEdge {
  readonly from: string;
  readonly to: string;
  readonly pipeline: string;
}

/**
 * Column-level lineage of a whole project: for each dataset a pipeline
 * writes, each column's formula and the source columns it derives from,
 * composed through the datasets that pipelines write and others read.
 *
 * @public
 */
export interface ProjectLineage {
  readonly datasets: readonly DatasetLineage[];
  readonly edges: readonly DatasetLineageEdge[];
}

/** The schemas and lineage of every pipeline that can be propagated. */
export function propagateProject(
  loaded: LoadedProject,
): Map<string, SchemaPropagation> {
  const result = new Map<string, SchemaPropagation>();
  for (const [name, file] of [...loaded.pipelines].sort(byKey)) {
    if (loaded.brokenPipelines.has(name)) continue;
    result.set(name, propagateSchemas(file.value, loaded.context));
  }
  return result;
}

/** Code-unit order: the same on every machine, unlike `localeCompare`. */
function compare(a: string, b: string): number {
  return a < b ? -1 : Number(a > b);
}

function byKey<T>(a: [string, T], b: [string, T]): number {
  return compare(a[0], b[0]);
}

/** Whether a formula only copies its column (`amount`, `o.amount`, `` `amount` ``). */
function isCopy(formula: string, column: string): boolean {
  const plain = formula.replace(/`/g, '').toLowerCase();
  const name = column.toLowerCase();
  return (
    plain === name || (plain.endsWith(`.${name}`) && /^\w+\.\w+$/.test(plain))
  );
}

interface WrittenColumn {
  readonly formula?: string;
  readonly steps: LineageStep[];
  readonly sources: { dataset: string; column: string }[];
  readonly opaque: boolean;
}

/** The subgraph or business rule a gem applies. */
function appliedFile(node: PipelineNode): string | undefined {
  if (node.type === 'Subgraph') return node.config.subgraph;
  if (node.type === 'BusinessRule') return node.config.rule;
  return undefined;
}

/** One column a Target writes, traced back through its own pipeline. */
function traceInPipeline(
  pipeline: PipelineFile,
  propagation: SchemaPropagation,
  start: ColumnLineage,
): WrittenColumn {
  const nodes = new Map(pipeline.nodes.map(n => [n.id, n]));
  const steps: LineageStep[] = [];
  const seen = new Set<ColumnLineage>();
  let opaque = Boolean(start.opaque);
  const visit = (lineage: ColumnLineage, node: PipelineNode | undefined) => {
    if (seen.has(lineage)) return;
    seen.add(lineage);
    if (lineage.opaque) opaque = true;
    if (
      node &&
      node.type !== 'Source' &&
      !isCopy(lineage.formula, lineage.column)
    ) {
      const uses = appliedFile(node);
      steps.push({
        pipeline: pipeline.name,
        node: node.id,
        gem: node.type,
        ...(uses !== undefined && { uses }),
        formula: lineage.formula,
      });
    }
    for (const ref of lineage.inputs) {
      const next = lookupLineage(
        propagation.lineage,
        ref.node,
        ref.port,
        ref.column,
      );
      if (next) visit(next, nodes.get(ref.node));
    }
  };
  visit(start, undefined);
  return {
    formula: steps[0]?.formula,
    steps,
    sources: start.sources.map(s => ({ dataset: s.dataset, column: s.column })),
    opaque,
  };
}

/**
 * Composes column lineage across the project's pipelines. Built from each
 * pipeline's Targets (their `in` port lineage), then a column read from a
 * dataset that another pipeline writes is followed into that pipeline, so
 * gold columns trace back through silver to bronze.
 *
 * @public
 */
export function projectLineage(
  loaded: LoadedProject,
  propagations: ReadonlyMap<string, SchemaPropagation> = propagateProject(
    loaded,
  ),
): ProjectLineage {
  // dataset → its writer's per-column lineage, inside the writing pipeline.
  const written = new Map<
    string,
    { pipeline: string; columns: Map<string, WrittenColumn>; order: string[] }
  >();
  const edges: DatasetLineageEdge[] = [];
  const edgeKeys = new Set<string>();

  for (const [name, propagation] of propagations) {
    const pipeline = loaded.pipelines.get(name)!.value;
    const upstreamOf = new Map<string, string[]>();
    for (const edge of pipeline.edges) {
      upstreamOf.set(edge.to.node, [
        ...(upstreamOf.get(edge.to.node) ?? []),
        edge.from.node,
      ]);
    }
    for (const node of pipeline.nodes) {
      if (node.type !== 'Target' || node.config.dataset === undefined) continue;
      const dataset = node.config.dataset;
      const columns = propagation.lineage.get(node.id)?.in;
      if (!columns || written.has(dataset)) continue;
      written.set(dataset, {
        pipeline: name,
        columns: new Map(
          columns.map(c => [
            c.column,
            traceInPipeline(pipeline, propagation, c),
          ]),
        ),
        order: columns.map(c => c.column),
      });
      for (const read of sourceDatasetsUpstream(
        pipeline,
        node.id,
        upstreamOf,
      )) {
        const key = `${read}\u0000${dataset}`;
        if (edgeKeys.has(key)) continue;
        edgeKeys.add(key);
        edges.push({ from: read, to: dataset, pipeline: name });
      }
    }
  }

  const composed = new Map<string, DatasetColumnLineage>();
  const compose = (
    dataset: string,
    column: string,
    visiting: Set<string>,
  ): DatasetColumnLineage | undefined => {
    const key = `${dataset}\u0000${column}`;
    const done = composed.get(key);
    if (done) return done;
    const writer = written.get(dataset);
    const own = writer?.columns.get(column);
    if (!writer || !own || visiting.has(key)) return undefined;
    visiting.add(key);
    const steps = [...own.steps];
    const via = [writer.pipeline];
    const sources: LineageSourceColumn[] = [];
    let opaque = own.opaque;
    const addSource = (source: LineageSourceColumn) => {
      if (
        !sources.some(
          s => s.dataset === source.dataset && s.column === source.column,
        )
      ) {
        sources.push(source);
      }
    };
    for (const source of own.sources) {
      const upstream = written.has(source.dataset)
        ? compose(source.dataset, source.column, visiting)
        : undefined;
      if (!upstream) {
        addSource(source);
        continue;
      }
      steps.push(...upstream.steps);
      for (const pipeline of upstream.via) {
        if (!via.includes(pipeline)) via.push(pipeline);
      }
      upstream.sources.forEach(addSource);
      opaque = opaque || Boolean(upstream.opaque);
    }
    visiting.delete(key);
    const result: DatasetColumnLineage = {
      column,
      formula: steps[0]?.formula ?? own.sources[0]?.column ?? column,
      steps,
      sources,
      via,
      ...(opaque && { opaque: true }),
    };
    composed.set(key, result);
    return result;
  };

  const datasets: DatasetLineage[] = [...written]
    .sort(byKey)
    .map(([dataset, writer]) => ({
      dataset,
      table: loaded.context.datasets[dataset]?.table ?? dataset,
      pipeline: writer.pipeline,
      columns: writer.order.flatMap(column => {
        const lineage = compose(dataset, column, new Set());
        return lineage ? [lineage] : [];
      }),
    }));
  edges.sort(
    (a, b) =>
      compare(a.to, b.to) ||
      compare(a.from, b.from) ||
      compare(a.pipeline, b.pipeline),
  );
  return { datasets, edges };
}

/** The datasets read by the Sources a Target depends on. */
function sourceDatasetsUpstream(
  pipeline: PipelineFile,
  target: string,
  upstreamOf: ReadonlyMap<string, readonly string[]>,
): string[] {
  const nodes = new Map(pipeline.nodes.map(n => [n.id, n]));
  const seen = new Set<string>();
  const stack = [target];
  const datasets: string[] = [];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const node = nodes.get(id);
    if (node?.type === 'Source' && node.config.dataset !== undefined) {
      if (!datasets.includes(node.config.dataset))
        datasets.push(node.config.dataset);
    }
    stack.push(...(upstreamOf.get(id) ?? []));
  }
  return datasets.sort();
}

/**
 * The outcome of {@link findColumnLineage}: the column's lineage, or the
 * names the caller may have meant.
 *
 * @public
 */
export type ColumnLineageLookup =
  | { found: true; dataset: string; lineage: DatasetColumnLineage }
  | { found: false; suggestions: string[] };

/**
 * The lineage of `<dataset>.<column>` (names compared without regard to
 * case), or up to three close `dataset.column` names when there is none.
 *
 * @public
 */
export function findColumnLineage(
  lineage: ProjectLineage,
  qualifiedName: string,
): ColumnLineageLookup {
  const wanted = qualifiedName.toLowerCase();
  const all = lineage.datasets.flatMap(d =>
    d.columns.map(c => ({ name: `${d.dataset}.${c.column}`, d, c })),
  );
  const hit = all.find(entry => entry.name.toLowerCase() === wanted);
  if (hit) return { found: true, dataset: hit.d.dataset, lineage: hit.c };
  return {
    found: false,
    suggestions: suggestNames(
      qualifiedName,
      all.map(entry => entry.name),
      3,
    ),
  };
}
