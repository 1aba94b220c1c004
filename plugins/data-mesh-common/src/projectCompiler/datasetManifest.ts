import type {
  ManifestDataset,
  ManifestDatasetDeclaration,
  ManifestProject,
} from '../manifest';
import type { DatasetFile, ProjectFile } from '../project';
import type { LoadedFile, LoadedProject } from './types';

/**
 * What a project's manifest says that its `meshwork.yaml` and dataset files
 * alone decide: no pipeline is checked to get it, so it costs next to
 * nothing once the project is loaded. The full manifest of
 * {@link compileProject} starts from it, so the two cannot disagree.
 *
 * @public
 */
export interface DatasetManifest {
  /** The project's settings; absent when `meshwork.yaml` does not parse. */
  readonly project?: ManifestProject;
  /** Every dataset file that parsed, sorted by name. */
  readonly datasets: readonly ManifestDatasetDeclaration[];
}

type ProjectTarget = ProjectFile['engine']['targets'][string];

/** Code-unit order: the same on every machine, unlike `localeCompare`. */
function compare(a: string, b: string): number {
  return a < b ? -1 : Number(a > b);
}

/**
 * A table as a target's catalog and schema resolve it: the generated code
 * switches to the target's catalog (and, in PySpark, its schema) before it
 * names `schema.table` or `table`.
 */
function qualifiedTable(table: string, target: ProjectTarget): string {
  const parts = table.split('.').length;
  if (parts >= 3) return table;
  if (parts === 2) return `${target.catalog}.${table}`;
  return `${target.catalog}.${target.schema}.${table}`;
}

function manifestProject(project: ProjectFile): ManifestProject {
  const { defaultDialect, targets } = project.engine;
  return {
    name: project.name,
    title: project.title,
    owner: project.owner,
    domain: project.domain,
    system: project.system,
    standardsVersion: project.standardsVersion,
    engine: { defaultDialect, targets },
  };
}

function datasetDeclaration(
  file: LoadedFile<DatasetFile>,
  project: ProjectFile | undefined,
): ManifestDatasetDeclaration {
  const dataset = file.value;
  const tables: ManifestDataset['tables'] = {};
  for (const [name, target] of Object.entries(project?.engine.targets ?? {})) {
    tables[name] = qualifiedTable(dataset.table, target);
  }
  return {
    name: dataset.name,
    file: file.path,
    table: dataset.table,
    tables,
    layer: dataset.layer,
    visibility: dataset.visibility,
    owner: dataset.owner,
    description: dataset.description,
    contract: dataset.contract,
  };
}

/**
 * The project and its datasets as the manifest describes them, without
 * what only compiling the pipelines tells (producers, neighbours, lineage):
 * for readers that need a dataset's tables, contract or owner while the
 * project is being edited, such as the preview.
 *
 * @public
 */
export function datasetManifest(loaded: LoadedProject): DatasetManifest {
  const project = loaded.project?.value;
  return {
    ...(project && { project: manifestProject(project) }),
    datasets: [...loaded.datasets]
      .sort((a, b) => compare(a[0], b[0]))
      .map(([, file]) => datasetDeclaration(file, project)),
  };
}
