import { InputError } from '@backstage/errors';
import {
  DatasetFile,
  dataProductEntityName,
  loadProject,
  odcsToDataset,
  OdcsImportNote,
  parseProjectFile,
  ProjectSourceFile,
  readOdcs,
  serializeProjectFile,
} from '@meshwork/data-mesh-common';
import { stringify } from 'yaml';

/** A dataset described field by field, as the template's form asks for it. */
export interface DatasetDescription {
  readonly name?: string;
  readonly description?: string;
  readonly table?: string;
  readonly layer?: DatasetFile['layer'];
  readonly visibility?: DatasetFile['visibility'];
  readonly owner?: string;
  readonly columns?: ReadonlyArray<Record<string, unknown>>;
  readonly quality?: ReadonlyArray<Record<string, unknown>>;
  readonly freshnessHours?: number;
}

/** The dataset to add, as its file, with what an ODCS import left out. */
export interface NewDataset {
  readonly name: string;
  readonly path: string;
  readonly text: string;
  readonly dataset: DatasetFile;
  readonly notes: readonly OdcsImportNote[];
}

/** A dataset's default table: `<layer>.<name>` in snake case. */
function defaultTable(name: string, layer: string): string {
  return `${layer}.${dataProductEntityName(name).replace(/-/g, '_')}`;
}

/** Drops undefined values, so that they neither serialize nor fail the schema. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}

/**
 * Checks a dataset built from input against the dataset file format; an
 * InputError naming each field (`columns.1.type: …`) when it does not fit,
 * else the file as Meshwork writes it.
 */
function datasetFile(value: object): { text: string; dataset: DatasetFile } {
  const name = (value as { name?: string }).name ?? 'dataset';
  const parsed = parseProjectFile(
    'dataset',
    `datasets/${name}.dataset.yaml`,
    stringify(value),
  );
  const errors = parsed.diagnostics.filter(d => d.severity === 'error');
  if (!parsed.value || errors.length > 0) {
    const problems = errors.map(d =>
      d.path ? `${d.path.replace(/^contract\./, '')}: ${d.message}` : d.message,
    );
    throw new InputError(`Invalid dataset: ${problems.join('; ')}`);
  }
  return {
    dataset: parsed.value,
    text: serializeProjectFile('dataset', parsed.value),
  };
}

/**
 * The dataset described by the input: either field by field or imported
 * from an ODCS contract (`odcsText`), which the fields given override.
 *
 * @param projectSettings - the project's owner and domain, for defaults
 */
export function newDataset(
  description: DatasetDescription,
  projectSettings: { owner: string; domain: string },
  odcs?: { text: string; object?: string },
): NewDataset {
  let notes: readonly OdcsImportNote[] = [];
  let base: Partial<DatasetFile> = {};
  if (odcs) {
    const read = readOdcs(odcs.text);
    if (!read.ok) {
      const problems = read.problems
        .slice(0, 5)
        .map(
          p =>
            `${p.line ? `${p.line}:${p.column}: ` : ''}${p.message}${
              p.path ? ` (${p.path})` : ''
            }`,
        );
      throw new InputError(
        `odcs: not a valid ODCS contract: ${problems.join('; ')}`,
      );
    }
    let imported;
    try {
      imported = odcsToDataset(read.document, {
        object: odcs.object,
        name: description.name,
        defaultOwner: projectSettings.owner,
        projectDomain: projectSettings.domain,
        layer: description.layer,
        visibility: description.visibility,
      });
    } catch (error) {
      throw new InputError(`odcs: ${(error as Error).message}`);
    }
    base = imported.dataset;
    notes = imported.notes;
  } else if (!description.name || !description.columns) {
    throw new InputError(
      'Invalid input: give the dataset by name and columns, or as an odcs contract',
    );
  }

  const name = description.name ?? base.name!;
  const layer = description.layer ?? base.layer ?? 'gold';
  const contract = base.contract;
  const quality = description.quality ?? contract?.quality;
  const freshnessHours =
    description.freshnessHours ?? contract?.sla?.freshnessHours;
  const { text, dataset } = datasetFile(
    defined({
      formatVersion: 1,
      name,
      table: description.table ?? base.table ?? defaultTable(name, layer),
      layer,
      visibility: description.visibility ?? base.visibility ?? 'published',
      owner: description.owner ?? base.owner ?? projectSettings.owner,
      description: description.description ?? base.description,
      contract: defined({
        columns: description.columns ?? contract?.columns,
        quality: quality && quality.length > 0 ? quality : undefined,
        sla: freshnessHours === undefined ? undefined : { freshnessHours },
      }),
    }),
  );
  return {
    name,
    path: `datasets/${name}.dataset.yaml`,
    text,
    dataset,
    notes,
  };
}

/**
 * Why a new dataset cannot join the project: another dataset of the same
 * name, of a name that becomes the same DataProduct, or writing the same
 * table. The message names the field to change.
 */
export function datasetClash(
  files: readonly ProjectSourceFile[],
  dataset: DatasetFile,
): string | undefined {
  const entityName = dataProductEntityName(dataset.name);
  const table = dataset.table.toLowerCase();
  for (const [name, file] of loadProject(files).datasets) {
    if (name === dataset.name) {
      return `name: the project has a dataset '${name}' already (${file.path})`;
    }
    if (dataProductEntityName(name) === entityName) {
      return `name: '${dataset.name}' would be the same DataProduct (${entityName}) as the dataset '${name}' (${file.path})`;
    }
    if (file.value.table.toLowerCase() === table) {
      return `table: the dataset '${name}' (${file.path}) is the table ${file.value.table} already`;
    }
  }
  const path = `datasets/${dataset.name}.dataset.yaml`.toLowerCase();
  const sameFile = files.find(f => f.path.toLowerCase() === path);
  if (sameFile) {
    return `name: the project has a file ${sameFile.path} already`;
  }
  return undefined;
}
