import { stringify } from 'yaml';
import type { ManifestDataset, ManifestProject } from '../manifest';
import { logicalTypeOf } from './columnTypes';
import { ruleToOdcs } from './quality';
import {
  OdcsDocument,
  OdcsProperty,
  OdcsQuality,
  OdcsSchemaObject,
  OdcsServer,
} from './types';

/**
 * The ODCS version Meshwork writes.
 *
 * @public
 */
export const ODCS_API_VERSION = 'v3.1.0';

/** Custom properties for what ODCS has no field for. */
export const LAYER_PROPERTY = 'meshworkLayer';
export const VISIBILITY_PROPERTY = 'meshworkVisibility';

/** The SLA property Meshwork's freshness is written as (ODCS' "latency"). */
export const FRESHNESS_SLA_PROPERTY = 'latency';

/**
 * What {@link datasetToOdcs} needs.
 *
 * @public
 */
export interface DatasetToOdcsInput {
  /** The dataset as the project manifest has it, lineage included. */
  readonly dataset: ManifestDataset;
  /** The project settings from the manifest (domain, targets). */
  readonly project?: ManifestProject;
  /**
   * The contract's version. Datasets are versioned by their repository,
   * not by a number; defaults to `1.0.0`.
   */
  readonly version?: string;
}

/** The team name ODCS shows for a Backstage owner reference. */
export function teamNameOf(owner: string): string {
  return owner.startsWith('group:default/')
    ? owner.slice('group:default/'.length)
    : owner;
}

/**
 * A project dataset as an ODCS v3.1 data contract: one schema object (the
 * table) whose properties are the contract's columns, with their Spark SQL
 * type as `physicalType`, description, classification, tags and, for a
 * column a pipeline derives, the lineage formula and source columns as
 * `transformLogic` and `transformSourceObjects`; quality rules on their
 * column or on the object; the freshness SLA; the owning team, domain and
 * one server per engine target. The result validates against the ODCS
 * JSON Schema (see `validateOdcs`).
 *
 * @public
 */
export function datasetToOdcs(input: DatasetToOdcsInput): OdcsDocument {
  const { dataset, project } = input;
  const placed = (dataset.contract.quality ?? []).map(ruleToOdcs);
  const onColumn = (column?: string): OdcsQuality[] =>
    placed.filter(p => p.column === column).map(p => p.quality);
  const lineage = new Map(dataset.lineage.map(l => [l.column, l]));
  const rules = dataset.contract.quality ?? [];

  const properties = dataset.contract.columns.map(column => {
    const property: OdcsProperty = {
      name: column.name,
      logicalType: logicalTypeOf(column.type),
      physicalType: column.type,
    };
    if (column.description !== undefined)
      property.description = column.description;
    if (column.classification) property.classification = column.classification;
    if (column.tags?.length) property.tags = [...column.tags];
    if (rules.some(r => r.check === 'not_null' && r.column === column.name)) {
      property.required = true;
    }
    if (
      rules.some(
        r =>
          r.check === 'unique' &&
          r.columns.length === 1 &&
          r.columns[0] === column.name,
      )
    ) {
      property.unique = true;
    }
    const derivation = lineage.get(column.name);
    if (derivation) {
      property.transformLogic = derivation.formula;
      if (derivation.sources.length > 0) {
        property.transformSourceObjects = [...derivation.sources];
      }
      if (derivation.via.length > 0) {
        property.transformDescription = `Computed by the pipeline${
          derivation.via.length > 1 ? 's' : ''
        } ${derivation.via.join(', ')}.`;
      }
    }
    const quality = onColumn(column.name);
    if (quality.length > 0) property.quality = quality;
    return property;
  });

  const object: OdcsSchemaObject = {
    name: dataset.name,
    logicalType: 'object',
    physicalType: 'table',
    physicalName: dataset.table,
    ...(dataset.description !== undefined
      ? { description: dataset.description }
      : {}),
    properties,
    customProperties: [
      { property: LAYER_PROPERTY, value: dataset.layer },
      { property: VISIBILITY_PROPERTY, value: dataset.visibility },
    ],
  };
  const objectQuality = onColumn(undefined);
  if (objectQuality.length > 0) object.quality = objectQuality;

  const document: OdcsDocument = {
    apiVersion: ODCS_API_VERSION,
    kind: 'DataContract',
    id: project ? `${project.name}.${dataset.name}` : dataset.name,
    name: dataset.name,
    version: input.version ?? '1.0.0',
    status: 'active',
    ...(project ? { domain: project.domain } : {}),
    ...(dataset.description !== undefined
      ? { description: { purpose: dataset.description } }
      : {}),
    schema: [object],
    team: { name: teamNameOf(dataset.owner) },
  };
  const servers = serversOf(dataset);
  if (servers.length > 0) document.servers = servers;
  if (dataset.contract.sla) {
    document.slaProperties = [
      {
        property: FRESHNESS_SLA_PROPERTY,
        value: dataset.contract.sla.freshnessHours,
        unit: 'h',
      },
    ];
  }
  return document;
}

/** One Databricks server per engine target the dataset's table is in. */
function serversOf(dataset: ManifestDataset): OdcsServer[] {
  return Object.entries(dataset.tables).flatMap(([target, table]) => {
    const parts = table.split('.');
    if (parts.length !== 3) return [];
    return [
      {
        server: target,
        type: 'databricks',
        environment: target,
        catalog: parts[0],
        schema: parts[1],
      },
    ];
  });
}

/**
 * An ODCS document as YAML, the way Meshwork writes contracts: no line
 * folding, no anchors, keys in the order of the document.
 *
 * @public
 */
export function renderOdcsYaml(document: OdcsDocument): string {
  return stringify(document, { lineWidth: 0, aliasDuplicateObjects: false });
}
