import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  ANNOTATION_VIEW_URL,
  DEFAULT_NAMESPACE,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type {
  ManifestDataset,
  ManifestProject,
  ProjectManifest,
} from '../manifest';
import {
  ANNOTATION_DATA_PROJECT,
  ANNOTATION_DATASET,
  ANNOTATION_DATASET_FILE,
} from './annotations';
import { DATA_MESH_API_VERSION } from './constants';
import type {
  DataProductEntityV1alpha1,
  DataProductOutputPort,
} from './DataProductEntityV1alpha1';
import { dataProductContract } from './dataProductContract';
import { dataProductEntityName } from './dataProductEntityName';
import { piiColumnNames } from './dataProductFacts';

/** The engine that runs projects inside the portal and writes `schema.table`. */
const EMBEDDED_ENGINE = 'duckdb';
/** The engine of the project's deployment targets (`meshwork.yaml` `engine.targets`). */
const TARGET_ENGINE = 'databricks';

/**
 * Where a data project's files are, as the catalog writes locations: a
 * folder on this machine (`file`) or a folder URL in a repository (`url`).
 * @public
 */
export interface DataProjectFilesLocation {
  readonly type: 'file' | 'url';
  /** The project's root folder: an absolute path or a URL. */
  readonly target: string;
}

/**
 * What a DataProduct takes from its data project besides the dataset.
 * @public
 */
export interface DataProductEntityOptions {
  /** The project's settings from its manifest (`meshwork.yaml`). */
  readonly project: ManifestProject;
  /**
   * Entity ref of the data project's catalog Component, which produces the
   * product; the products live in its namespace.
   */
  readonly producedBy: string;
  /** The lifecycle of the product: the Component's `spec.lifecycle`. */
  readonly lifecycle: string;
  /**
   * Where the project's files are, to point the entity at its dataset file
   * (the catalog's location annotations, and a view URL for a repository).
   */
  readonly location?: DataProjectFilesLocation;
  /**
   * The project's datasets that are `internal`. A published product does
   * not depend on them in the catalog: only their owners may see them, so
   * for everyone else the relation would point at nothing, and the entity
   * page would name the hidden datasets in its warning about it. Internal
   * products keep every relation (their viewers see both ends).
   */
  readonly internalDatasets?: ReadonlySet<string>;
}

/** The location of a file of the project, as the catalog writes it. */
function fileLocation(
  location: DataProjectFilesLocation,
  file: string,
): string {
  if (location.type === 'url') {
    const root = location.target.endsWith('/')
      ? location.target
      : `${location.target}/`;
    return new URL(file, root).toString();
  }
  return `${location.target.replace(/\/+$/, '')}/${file}`;
}

function locationAnnotations(
  location: DataProjectFilesLocation | undefined,
  file: string,
): Record<string, string> {
  if (!location) return {};
  const target = fileLocation(location, file);
  const ref = `${location.type}:${target}`;
  return {
    [ANNOTATION_LOCATION]: ref,
    [ANNOTATION_ORIGIN_LOCATION]: ref,
    ...(location.type === 'url' && {
      [ANNOTATION_SOURCE_LOCATION]: `url:${fileLocation(location, '')}`,
      [ANNOTATION_VIEW_URL]: target,
    }),
  };
}

/**
 * One port per place the dataset is written: the embedded engine's
 * `schema.table`, and each deployment target's fully qualified table.
 */
function outputPorts(dataset: ManifestDataset): DataProductOutputPort[] {
  return [
    { engine: EMBEDDED_ENGINE, table: dataset.table },
    ...Object.entries(dataset.tables).map(([target, table]) => ({
      engine: TARGET_ENGINE,
      target,
      table,
    })),
  ];
}

/**
 * The `DataProduct` entity of one dataset of a compiled data project: named
 * after the dataset (see {@link dataProductEntityName}), owned by the
 * dataset's owner, in the project's domain and system, produced by the
 * project's Component, depending on the upstream datasets its pipelines
 * read, with the dataset's contract in ODCS shape (column types,
 * descriptions, classification, tags, derivation formulas, quality rules,
 * freshness SLA), one output port per engine target, and `containsPii` when
 * a column holds personal data (see {@link isPiiColumn}; the product is then
 * also tagged `pii`, so the catalog's tag filter finds it).
 *
 * Pure: the caller (the catalog's entity provider) reads and compiles the
 * project.
 *
 * @public
 */
export function datasetToDataProductEntity(
  dataset: ManifestDataset,
  options: DataProductEntityOptions,
): DataProductEntityV1alpha1 {
  const { project } = options;
  const component = parseEntityRef(options.producedBy, {
    defaultKind: 'component',
    defaultNamespace: DEFAULT_NAMESPACE,
  });
  const contract = dataProductContract(dataset, project);
  const pii = piiColumnNames(contract).length > 0;
  const hidden =
    dataset.visibility === 'published'
      ? options.internalDatasets ?? new Set<string>()
      : new Set<string>();
  const dependsOn = dataset.upstream
    .filter(upstream => !hidden.has(upstream))
    .map(upstream =>
      stringifyEntityRef({
        kind: 'DataProduct',
        namespace: component.namespace,
        name: dataProductEntityName(upstream),
      }),
    );

  return {
    apiVersion: DATA_MESH_API_VERSION,
    kind: 'DataProduct',
    metadata: {
      name: dataProductEntityName(dataset.name),
      ...(component.namespace !== DEFAULT_NAMESPACE && {
        namespace: component.namespace,
      }),
      title: dataset.name,
      ...(dataset.description?.trim() && {
        description: dataset.description.trim(),
      }),
      tags: [dataset.layer, ...(pii ? ['pii'] : [])],
      annotations: {
        ...locationAnnotations(options.location, dataset.file),
        [ANNOTATION_DATA_PROJECT]: component.name,
        [ANNOTATION_DATASET]: dataset.name,
        [ANNOTATION_DATASET_FILE]: dataset.file,
      },
    },
    spec: {
      owner: dataset.owner || project.owner,
      domain: project.domain,
      ...(project.system && { system: project.system }),
      lifecycle: options.lifecycle,
      visibility: dataset.visibility,
      layer: dataset.layer,
      producedBy: stringifyEntityRef(component),
      ...(dependsOn.length > 0 && { dependsOn }),
      contract,
      outputPorts: outputPorts(dataset),
      containsPii: pii,
    },
  };
}

/**
 * The DataProducts of every dataset of a compiled project, in the
 * manifest's order; none when the manifest has no project settings
 * (`meshwork.yaml` missing or broken).
 *
 * @public
 */
export function manifestToDataProductEntities(
  manifest: Pick<ProjectManifest, 'project' | 'datasets'>,
  options: Omit<DataProductEntityOptions, 'project'>,
): DataProductEntityV1alpha1[] {
  const project = manifest.project;
  if (!project) return [];
  const internalDatasets = new Set(
    manifest.datasets
      .filter(dataset => dataset.visibility !== 'published')
      .map(dataset => dataset.name),
  );
  return manifest.datasets.map(dataset =>
    datasetToDataProductEntity(dataset, {
      ...options,
      project,
      internalDatasets,
    }),
  );
}
