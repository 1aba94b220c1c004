import fs from 'fs';
import path from 'path';
import {
  DatasetFile,
  parseProjectFile,
  PipelineFile,
  projectFileKindOf,
  RuleFile,
  SubgraphFile,
} from '../../../project';
import type { PropagationContext } from '../../types';

/** A project directory read into the propagation context and its pipelines. */
export interface LoadedProject {
  readonly context: PropagationContext;
  readonly pipelines: Readonly<Record<string, PipelineFile>>;
}

function walk(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(directory, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

/**
 * Reads every file of a project; a dataset's schema is its contract. Extra
 * datasets describe tables a fixture reads but has no file for (and win
 * over the files).
 */
export function loadProject(
  root: string,
  extraDatasets: PropagationContext['datasets'] = {},
): LoadedProject {
  const datasets: Record<string, PropagationContext['datasets'][string]> = {};
  const rules: Record<string, RuleFile> = {};
  const subgraphs: Record<string, SubgraphFile> = {};
  const pipelines: Record<string, PipelineFile> = {};
  for (const full of walk(root)) {
    const fileName = path.relative(root, full).split(path.sep).join('/');
    const kind = projectFileKindOf(fileName);
    if (!kind) continue;
    const { value } = parseProjectFile(
      kind,
      fileName,
      fs.readFileSync(full, 'utf8'),
    );
    if (!value) throw new Error(`${fileName} does not parse`);
    if (kind === 'dataset') {
      const dataset = value as DatasetFile;
      datasets[dataset.name] = {
        table: dataset.table,
        columns: dataset.contract.columns,
      };
    } else if (kind === 'rule') {
      rules[(value as RuleFile).name] = value as RuleFile;
    } else if (kind === 'subgraph') {
      subgraphs[(value as SubgraphFile).name] = value as SubgraphFile;
    } else if (kind === 'pipeline') {
      pipelines[(value as PipelineFile).name] = value as PipelineFile;
    }
  }
  return {
    context: { datasets: { ...datasets, ...extraDatasets }, rules, subgraphs },
    pipelines,
  };
}

export const HELLO_WORLD = path.resolve(
  __dirname,
  '../../../../../../examples/hello-world',
);
export const VALID_FIXTURE = path.resolve(
  __dirname,
  '../../../project/__fixtures__/valid',
);
