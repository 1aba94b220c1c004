import { parseProjectFile, PipelineFile } from '@meshwork/data-mesh-common';

/** A change of what the pipeline writes that its datasets' consumers notice. */
export interface WriteChange {
  readonly dataset: string;
  readonly description: string;
}

/** The pipeline as the default branch has it, if it has a valid one. */
export function runningPipeline(
  text: string | null | undefined,
): PipelineFile | undefined {
  return text
    ? parseProjectFile('pipeline', 'running.yaml', text).value
    : undefined;
}

/** The datasets the pipeline's Targets write, with how. */
function datasetWrites(pipeline: PipelineFile): Map<string, string> {
  const writes = new Map<string, string>();
  for (const node of pipeline.nodes) {
    if (node.type !== 'Target' || !node.config.dataset) continue;
    writes.set(node.config.dataset, node.config.mode);
  }
  return writes;
}

/**
 * How the draft changes what the pipeline writes, against the version on
 * the default branch, which is what runs and what consumers read: a
 * dataset it no longer writes goes stale, and a dataset appended to
 * instead of replaced (or the other way round) changes its rows. The
 * columns cannot change here: a Target writes its dataset's contract.
 */
export function writeChanges(
  running: PipelineFile | undefined,
  draft: PipelineFile | undefined,
): WriteChange[] {
  if (!running || !draft) return [];
  const before = datasetWrites(running);
  const after = datasetWrites(draft);
  const changes: WriteChange[] = [];
  for (const [dataset, mode] of before) {
    const now = after.get(dataset);
    if (now === undefined) {
      changes.push({
        dataset,
        description: `${dataset} is no longer written by this pipeline, so it goes stale`,
      });
    } else if (now !== mode) {
      changes.push({
        dataset,
        description: `${dataset} is written with mode ${now} instead of ${mode}`,
      });
    }
  }
  return changes;
}
