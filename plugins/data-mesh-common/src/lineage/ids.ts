/**
 * The lineage graph's id of a dataset of a project: `dataset:<project>/<dataset>`.
 *
 * @public
 */
export function lineageDatasetId(project: string, dataset: string): string {
  return `dataset:${project}/${dataset}`;
}

/**
 * The lineage graph's id of a pipeline of a project: `pipeline:<project>/<pipeline>`.
 *
 * @public
 */
export function lineagePipelineId(project: string, pipeline: string): string {
  return `pipeline:${project}/${pipeline}`;
}

/**
 * The lineage graph's id of a job of a project: `job:<project>/<job>`.
 *
 * @public
 */
export function lineageJobId(project: string, job: string): string {
  return `job:${project}/${job}`;
}

/** Code-unit order: the same on every machine, unlike `localeCompare`. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : Number(a > b);
}
