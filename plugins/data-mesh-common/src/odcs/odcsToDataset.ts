import { InputError } from '@backstage/errors';
import {
  CURRENT_FORMAT_VERSION,
  IDENTIFIER,
  FILE_NAME,
} from '../project/schema/common';
import {
  CLASSIFICATIONS,
  DatasetFile,
  QualityRule,
} from '../project/schema/dataset';
import { columnTypeOf, logicalTypeOf } from './columnTypes';
import {
  FRESHNESS_SLA_PROPERTY,
  LAYER_PROPERTY,
  ODCS_API_VERSION,
  teamNameOf,
  VISIBILITY_PROPERTY,
} from './datasetToOdcs';
import { odcsToRule } from './quality';
import {
  OdcsCustomProperty,
  OdcsDocument,
  OdcsQuality,
  OdcsSchemaObject,
} from './types';
import { formatOdcsPath } from './validate';

/**
 * A part of an ODCS document that an import did not carry over as it is:
 * `dropped` when the dataset has no place for it, `changed` when it was
 * imported but a re-export writes it differently (a Postgres type mapped to
 * a Spark type, a classification mapped to Meshwork's set).
 *
 * @public
 */
export interface OdcsImportNote {
  /** Where in the document, e.g. `schema[0].properties[3].physicalType`. */
  readonly path: string;
  readonly kind: 'dropped' | 'changed';
  readonly reason: string;
}

/**
 * Choices an import cannot read from the contract.
 *
 * @public
 */
export interface OdcsToDatasetOptions {
  /** The schema object to import, by name; needed when there are several. */
  readonly object?: string;
  /** The dataset's name; defaults to the schema object's. */
  readonly name?: string;
  /** The owner when the contract names no team, e.g. the project's owner. */
  readonly defaultOwner: string;
  /** Overrides what the contract says (or `bronze` when it says nothing). */
  readonly layer?: DatasetFile['layer'];
  /** Overrides what the contract says (or `internal` when it says nothing). */
  readonly visibility?: DatasetFile['visibility'];
  /** The project's domain: a contract of the same domain maps. */
  readonly projectDomain?: string;
}

/**
 * An imported dataset and what of the contract it could not carry.
 *
 * @public
 */
export interface OdcsToDatasetResult {
  readonly dataset: DatasetFile;
  /** The index of the imported object in the document's `schema`. */
  readonly objectIndex: number;
  readonly notes: readonly OdcsImportNote[];
}

type Path = Array<string | number>;

/** Fields whose value is the ODCS default mean nothing and need no note. */
const DEFAULTS: Record<string, unknown> = {
  required: false,
  unique: false,
  primaryKey: false,
  primaryKeyPosition: -1,
  partitioned: false,
  partitionKeyPosition: -1,
  criticalDataElement: false,
};

const TOP_LEVEL_REASONS: Record<string, string> = {
  id: 'a dataset is identified by its name in the project',
  version: 'datasets are versioned by their repository, not by a number',
  status:
    'datasets have no lifecycle status; visibility (internal or published) decides who sees them',
  tenant: 'datasets have no tenant',
  dataProduct: 'every dataset is its own data product',
  tags: 'datasets have no tags of their own; tag their columns',
  servers:
    "where tables live comes from the project's engine targets (meshwork.yaml)",
  support:
    "datasets have no support channels; they are the owning team's (its Group entity)",
  price: 'datasets have no price',
  roles: 'access is granted through subscriptions, not contract roles',
  authoritativeDefinitions: 'datasets have no authoritative definitions',
  customProperties: 'datasets have no custom properties',
  contractCreatedTs: 'datasets are dated by their repository history',
  slaDefaultElement: 'datasets have no SLA element',
};

const PROPERTY_REASONS: Record<string, string> = {
  id: 'columns are identified by their name',
  businessName: 'columns have no business name; put it in the description',
  physicalName: 'a column has one name',
  primaryKey:
    'Meshwork has no primary keys; imported as a unique rule and not_null rules',
  primaryKeyPosition:
    'Meshwork has no primary keys; the position orders the unique rule',
  partitioned: 'partitioning is decided by the pipeline that writes the table',
  partitionKeyPosition:
    'partitioning is decided by the pipeline that writes the table',
  criticalDataElement: 'columns have no critical-data-element flag',
  encryptedName: 'columns have no encrypted twin',
  examples: 'columns have no examples',
  relationships: 'relationships come from lineage, not from the contract',
  authoritativeDefinitions: 'columns have no authoritative definitions',
  customProperties: 'columns have no custom properties',
  logicalTypeOptions:
    'type options (lengths, formats, ranges) are not kept; add quality rules for them',
  transformLogic:
    "a column's formula is derived from the project's pipelines on compile",
  transformSourceObjects:
    "a column's sources are derived from the project's pipelines on compile",
  transformDescription:
    "a column's derivation is described by the project's pipelines",
  properties: 'nested properties are not columns; the column is kept whole',
  items: 'array items are not described by a column type beyond its element',
};

const OBJECT_REASONS: Record<string, string> = {
  id: 'a dataset is identified by its name',
  businessName: 'datasets have no business name; put it in the description',
  tags: 'datasets have no tags of their own; tag their columns',
  dataGranularityDescription:
    'datasets have no granularity field; put it in the description',
  relationships: 'relationships come from lineage, not from the contract',
  authoritativeDefinitions: 'datasets have no authoritative definitions',
  customProperties: 'datasets have no custom properties',
};

const CLASSIFICATION_SYNONYMS: Record<
  string,
  DatasetFile['contract']['columns'][number]['classification']
> = {
  restricted: 'confidential',
  sensitive: 'confidential',
  secret: 'confidential',
  private: 'confidential',
  personal: 'pii',
  'personal-data': 'pii',
  personal_data: 'pii',
  gdpr: 'pii',
  spi: 'pii',
};

/**
 * An ODCS v3 data contract (already validated, see `readOdcs`) as a
 * dataset of a Meshwork project: one schema object becomes the dataset
 * (its properties the contract's columns, types mapped to Spark SQL),
 * quality rules become Meshwork rules where Meshwork has the same check,
 * the freshness (or latency) SLA becomes `sla.freshnessHours`, the team the
 * owner. Everything else is listed in `notes` with its path.
 *
 * @throws InputError when the document has no schema object to import or
 *   `options.object` names none of them
 * @public
 */
export function odcsToDataset(
  document: OdcsDocument,
  options: OdcsToDatasetOptions,
): OdcsToDatasetResult {
  const notes: OdcsImportNote[] = [];
  const note = (path: Path, kind: OdcsImportNote['kind'], reason: string) =>
    notes.push({ path: formatOdcsPath(path), kind, reason });

  const objects = document.schema ?? [];
  if (objects.length === 0) {
    throw new InputError(
      'the contract describes no table: its schema is empty',
    );
  }
  let objectIndex = 0;
  if (options.object !== undefined) {
    objectIndex = objects.findIndex(o => o.name === options.object);
    if (objectIndex < 0) {
      throw new InputError(
        `the contract has no schema object '${options.object}'; it has ${objects
          .map(o => `'${o.name}'`)
          .join(', ')}`,
      );
    }
  } else if (objects.length > 1) {
    throw new InputError(
      `the contract describes ${objects.length} tables (${objects
        .map(o => `'${o.name}'`)
        .join(', ')}); choose one`,
    );
  }
  const object = objects[objectIndex];
  const objectPath: Path = ['schema', objectIndex];

  if (document.apiVersion !== ODCS_API_VERSION) {
    note(['apiVersion'], 'changed', `a re-export is ODCS ${ODCS_API_VERSION}`);
  }
  for (const [key, value] of Object.entries(document)) {
    if (key === 'customProperties' && Array.isArray(value)) {
      value.forEach((_p, i) =>
        note([key, i], 'dropped', TOP_LEVEL_REASONS.customProperties),
      );
    } else if (TOP_LEVEL_REASONS[key]) {
      note([key], 'dropped', TOP_LEVEL_REASONS[key]);
    }
  }
  objects.forEach((other, i) => {
    if (i !== objectIndex) {
      note(
        ['schema', i],
        'dropped',
        `one dataset per import: import '${other.name}' on its own`,
      );
    }
  });

  // --- name, table, layer, visibility
  const name = options.name ?? fileNameOf(object.name);
  if (!FILE_NAME.test(name)) {
    throw new InputError(
      `'${name}' cannot be a dataset name (letters, digits, _ and - between them, not starting with a digit); choose another name`,
    );
  }
  if (name !== object.name) {
    note(
      [...objectPath, 'name'],
      'changed',
      `imported as the dataset '${name}'`,
    );
  }
  if (document.name !== undefined && document.name !== name) {
    note(['name'], 'dropped', `the dataset is named '${name}'`);
  }

  const custom = meshworkProperties(object.customProperties);
  const layer =
    options.layer ??
    asOneOf(custom.get(LAYER_PROPERTY), [
      'bronze',
      'silver',
      'gold',
    ] as const) ??
    'bronze';
  const visibility =
    options.visibility ??
    asOneOf(custom.get(VISIBILITY_PROPERTY), [
      'internal',
      'published',
    ] as const) ??
    'internal';
  (object.customProperties ?? []).forEach((p, i) => {
    const path = [...objectPath, 'customProperties', i];
    if (p.property === LAYER_PROPERTY && p.value !== layer) {
      note(path, 'changed', `the dataset's layer is ${layer}`);
    } else if (p.property === VISIBILITY_PROPERTY && p.value !== visibility) {
      note(path, 'changed', `the dataset's visibility is ${visibility}`);
    } else if (
      p.property !== LAYER_PROPERTY &&
      p.property !== VISIBILITY_PROPERTY
    ) {
      note(path, 'dropped', OBJECT_REASONS.customProperties);
    }
  });

  const table = tableOf(object, layer);
  if (object.physicalName !== undefined && object.physicalName !== table) {
    note(
      [...objectPath, 'physicalName'],
      'changed',
      `'${object.physicalName}' is not a table name Meshwork writes; the table is ${table}`,
    );
  }
  if (object.physicalType !== undefined && object.physicalType !== 'table') {
    note(
      [...objectPath, 'physicalType'],
      'changed',
      `Meshwork datasets are tables, not ${object.physicalType}s`,
    );
  }
  for (const key of Object.keys(object)) {
    if (OBJECT_REASONS[key] && key !== 'customProperties') {
      note([...objectPath, key], 'dropped', OBJECT_REASONS[key]);
    }
  }

  // --- owner and domain
  const owner = ownerOf(document, options.defaultOwner, note);
  if (
    document.domain !== undefined &&
    document.domain !== options.projectDomain
  ) {
    note(
      ['domain'],
      'dropped',
      `the domain is the project's (meshwork.yaml)${
        options.projectDomain ? `: ${options.projectDomain}` : ''
      }`,
    );
  }

  // --- description
  const purpose = document.description?.purpose;
  const description = object.description ?? purpose;
  for (const [key, value] of Object.entries(document.description ?? {})) {
    if (key === 'purpose' && value === description) continue;
    note(
      ['description', key],
      'dropped',
      key === 'purpose'
        ? "the dataset's description is its table's"
        : `datasets have one description; the contract's ${key} is not kept`,
    );
  }

  // --- columns and their rules
  const usedNames = new Set<string>();
  const columns: DatasetFile['contract']['columns'] = [];
  const explicitRules: Array<{
    rule: QualityRule;
    index?: number;
    path: Path;
  }> = [];
  const derivedRules: QualityRule[] = [];
  const primaryKey: Array<{
    column: string;
    position: number;
    nullable: boolean;
  }> = [];

  const importQuality = (
    list: OdcsQuality[] | undefined,
    listPath: Path,
    column: string | undefined,
  ) => {
    (list ?? []).forEach((quality, i) => {
      const path = [...listPath, i];
      const result = odcsToRule(quality, column);
      if (!result.rule) {
        note(path, 'dropped', result.reason);
        return;
      }
      explicitRules.push({ rule: result.rule, index: result.index, path });
      if (result.changed) note(path, 'changed', result.changed);
      for (const key of result.droppedKeys) {
        note([...path, key], 'dropped', `Meshwork rules have no ${key}`);
      }
    });
  };

  importQuality(object.quality, [...objectPath, 'quality'], undefined);

  const columnNames = new Map<string, string>();
  (object.properties ?? []).forEach((property, i) => {
    const path: Path = [...objectPath, 'properties', i];
    const columnName = uniqueName(columnNameOf(property.name), usedNames);
    columnNames.set(property.name, columnName);
    if (columnName !== property.name) {
      note(
        [...path, 'name'],
        'changed',
        `imported as the column '${columnName}'`,
      );
    }
    const typed = columnTypeOf(property);
    if (
      property.physicalType !== undefined &&
      typed.type !== property.physicalType
    ) {
      note(
        [...path, 'physicalType'],
        'changed',
        typed.note ?? `imported as ${typed.type}`,
      );
    }
    if (
      property.logicalType !== undefined &&
      logicalTypeOf(typed.type) !== property.logicalType
    ) {
      note(
        [...path, 'logicalType'],
        'changed',
        `${
          typed.note ?? `imported as ${typed.type}`
        }, whose logical type is ${logicalTypeOf(typed.type)}`,
      );
    }
    const column: DatasetFile['contract']['columns'][number] = {
      name: columnName,
      type: typed.type,
    };
    if (property.description !== undefined)
      column.description = property.description;
    if (property.classification !== undefined) {
      const classification = classificationOf(property.classification);
      if (classification) {
        column.classification = classification;
        if (classification !== property.classification) {
          note(
            [...path, 'classification'],
            'changed',
            `imported as Meshwork's classification '${classification}'`,
          );
        }
      } else {
        note(
          [...path, 'classification'],
          'dropped',
          `'${
            property.classification
          }' is none of Meshwork's classifications (${CLASSIFICATIONS.join(
            ', ',
          )})`,
        );
      }
    }
    const tags = (property.tags ?? []).filter(tag => tag.trim().length > 0);
    if (tags.length > 0) column.tags = tags;
    if ((property.tags ?? []).length !== tags.length) {
      note([...path, 'tags'], 'changed', 'empty tags are left out');
    }
    columns.push(column);

    for (const [key, value] of Object.entries(property)) {
      if (!PROPERTY_REASONS[key] || DEFAULTS[key] === value) continue;
      if (key === 'physicalName' && value === property.name) continue;
      if (key === 'customProperties' && Array.isArray(value)) {
        value.forEach((_p, j) =>
          note([...path, key, j], 'dropped', PROPERTY_REASONS[key]),
        );
        continue;
      }
      note([...path, key], 'dropped', PROPERTY_REASONS[key]);
    }

    importQuality(property.quality, [...path, 'quality'], columnName);
    if (property.required === true) {
      derivedRules.push({ check: 'not_null', column: columnName });
    }
    if (property.unique === true) {
      derivedRules.push({ check: 'unique', columns: [columnName] });
    }
    if (property.primaryKey === true) {
      primaryKey.push({
        column: columnName,
        position: property.primaryKeyPosition ?? -1,
        // An explicit `required: false` wins over the key's usual NOT NULL.
        nullable: property.required === false,
      });
    }
  });

  if (columns.length === 0) {
    throw new InputError(
      `the schema object '${object.name}' has no properties: a dataset needs at least one column`,
    );
  }

  if (primaryKey.length > 0) {
    const keyColumns = [...primaryKey]
      .sort((a, b) => a.position - b.position)
      .map(k => k.column);
    derivedRules.push({ check: 'unique', columns: keyColumns });
    for (const key of primaryKey) {
      if (key.nullable) continue;
      derivedRules.push({ check: 'not_null', column: key.column });
    }
  }

  // Object-level rules name properties; they must name imported columns.
  const known = new Set(columns.map(c => c.name));
  const keptRules = explicitRules.flatMap(entry => {
    const renamed = renameColumns(entry.rule, columnNames);
    const missing = ruleColumns(renamed).filter(c => !known.has(c));
    if (missing.length > 0) {
      note(
        entry.path,
        'dropped',
        `the rule is about ${missing
          .map(c => `'${c}'`)
          .join(', ')}, which the table has no column for`,
      );
      return [];
    }
    return [{ ...entry, rule: renamed }];
  });
  const rules = orderedRules(keptRules, derivedRules);
  (object.properties ?? []).forEach((property, i) => {
    const column = columnNames.get(property.name);
    if (
      property.required === false &&
      rules.quality?.some(r => r.check === 'not_null' && r.column === column)
    ) {
      note(
        [...objectPath, 'properties', i, 'required'],
        'changed',
        'a not_null rule on the column makes a re-export mark it required',
      );
    }
  });

  // --- SLA
  const freshnessHours = freshnessOf(document, note);

  const dataset: DatasetFile = {
    formatVersion: CURRENT_FORMAT_VERSION,
    name,
    table,
    layer,
    visibility,
    owner,
    ...(description !== undefined ? { description } : {}),
    contract: {
      columns,
      ...rules,
      ...(freshnessHours !== undefined ? { sla: { freshnessHours } } : {}),
    },
  };
  return { dataset, objectIndex, notes };
}

/**
 * The rules in the order they had when Meshwork exported them (rules with
 * a position), then the others in document order, then those the
 * contract's flags imply (`required`, `unique`, primary keys) unless a rule
 * already says the same.
 */
function orderedRules(
  explicit: Array<{ rule: QualityRule; index?: number }>,
  derived: QualityRule[],
): { quality?: QualityRule[] } {
  const ordered = explicit
    .map((entry, order) => ({ ...entry, order }))
    .sort((a, b) => {
      const ai = a.index ?? Number.MAX_SAFE_INTEGER;
      const bi = b.index ?? Number.MAX_SAFE_INTEGER;
      return ai !== bi ? ai - bi : a.order - b.order;
    })
    .map(entry => entry.rule);
  const key = (rule: QualityRule) => JSON.stringify(rule);
  const seen = new Set(ordered.map(key));
  for (const rule of derived) {
    if (!seen.has(key(rule))) {
      seen.add(key(rule));
      ordered.push(rule);
    }
  }
  return ordered.length > 0 ? { quality: ordered } : {};
}

function ruleColumns(rule: QualityRule): string[] {
  if (rule.check === 'unique') return [...rule.columns];
  if ('column' in rule) return [rule.column];
  return [];
}

/** A rule with the contract's property names replaced by column names. */
function renameColumns(
  rule: QualityRule,
  names: ReadonlyMap<string, string>,
): QualityRule {
  const rename = (c: string) => names.get(c) ?? c;
  if (rule.check === 'unique')
    return { ...rule, columns: rule.columns.map(rename) };
  if ('column' in rule)
    return { ...rule, column: rename(rule.column) } as QualityRule;
  return rule;
}

function meshworkProperties(
  properties: OdcsCustomProperty[] | undefined,
): Map<string, unknown> {
  return new Map(
    (properties ?? [])
      .filter(
        p =>
          p.property === LAYER_PROPERTY || p.property === VISIBILITY_PROPERTY,
      )
      .map(p => [p.property, p.value]),
  );
}

function asOneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
): T | undefined {
  return allowed.find(a => a === value);
}

/** A name Meshwork accepts for a file: other characters become `_`. */
function fileNameOf(name: string): string {
  let result = name
    .trim()
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/-{2,}/g, '-');
  result = result.replace(/^-+|-+$/g, '');
  if (!/^[A-Za-z_]/.test(result)) result = `_${result}`;
  return result.replace(/-(?=_|$)/g, '_');
}

/** A column name that SQL accepts unquoted. */
function columnNameOf(name: string): string {
  if (IDENTIFIER.test(name)) return name;
  let result = name.trim().replace(/[^A-Za-z0-9_]+/g, '_');
  if (!/^[A-Za-z_]/.test(result)) result = `_${result}`;
  return result;
}

function uniqueName(name: string, used: Set<string>): string {
  let candidate = name;
  for (let n = 2; used.has(candidate.toLowerCase()); n++)
    candidate = `${name}_${n}`;
  used.add(candidate.toLowerCase());
  return candidate;
}

const TABLE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*){0,2}$/;

/** The object's physical name when it is a table name, else `<layer>.<name>`. */
function tableOf(object: OdcsSchemaObject, layer: string): string {
  if (object.physicalName && TABLE.test(object.physicalName)) {
    return object.physicalName;
  }
  const base = columnNameOf(object.physicalName ?? object.name).toLowerCase();
  return `${layer}.${base}`;
}

function classificationOf(
  value: string,
): DatasetFile['contract']['columns'][number]['classification'] {
  const lower = value.trim().toLowerCase();
  const exact = CLASSIFICATIONS.find(c => c === lower);
  return exact ?? CLASSIFICATION_SYNONYMS[lower];
}

type Note = (path: Path, kind: OdcsImportNote['kind'], reason: string) => void;

function ownerOf(document: OdcsDocument, fallback: string, note: Note): string {
  const team = document.team;
  if (Array.isArray(team)) {
    note(
      ['team'],
      'dropped',
      `the v3.0 list of team members names no team; the owner is ${fallback}`,
    );
    return fallback;
  }
  if (!team) return fallback;
  for (const key of Object.keys(team)) {
    if (key !== 'name') {
      note(
        ['team', key],
        'dropped',
        "the owner is a Backstage group; its members and details are the Group entity's",
      );
    }
  }
  if (!team.name) {
    note(['team'], 'dropped', `the team has no name; the owner is ${fallback}`);
    return fallback;
  }
  const ref =
    team.name.includes(':') || team.name.includes('/')
      ? team.name
      : `group:default/${team.name.trim().replace(/[^A-Za-z0-9_.-]+/g, '-')}`;
  if (teamNameOf(ref) !== team.name) {
    note(['team', 'name'], 'changed', `imported as the owner ${ref}`);
  }
  return ref;
}

const HOURS_PER: Record<string, number> = {
  s: 1 / 3600,
  sec: 1 / 3600,
  second: 1 / 3600,
  seconds: 1 / 3600,
  m: 1 / 60,
  min: 1 / 60,
  mins: 1 / 60,
  minute: 1 / 60,
  minutes: 1 / 60,
  h: 1,
  hr: 1,
  hrs: 1,
  hour: 1,
  hours: 1,
  d: 24,
  day: 24,
  days: 24,
  w: 168,
  week: 168,
  weeks: 168,
};

/** The freshness SLA in hours (from `latency` or `freshness`); notes the rest. */
function freshnessOf(document: OdcsDocument, note: Note): number | undefined {
  let hours: number | undefined;
  (document.slaProperties ?? []).forEach((sla, i) => {
    const path: Path = ['slaProperties', i];
    const isFreshness =
      sla.property === 'latency' || sla.property === 'freshness';
    if (!isFreshness) {
      note(
        path,
        'dropped',
        `Meshwork SLAs are about freshness only, not ${sla.property}`,
      );
      return;
    }
    if (hours !== undefined) {
      note(
        path,
        'dropped',
        'a dataset has one freshness SLA; the first is kept',
      );
      return;
    }
    const factor = HOURS_PER[(sla.unit ?? '').trim().toLowerCase()];
    const value = typeof sla.value === 'string' ? Number(sla.value) : sla.value;
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      value < 0 ||
      !factor
    ) {
      note(
        path,
        'dropped',
        'the freshness SLA needs a number and a unit of time (s, m, h, d or w)',
      );
      return;
    }
    hours = value * factor;
    if (sla.property !== FRESHNESS_SLA_PROPERTY) {
      note(
        [...path, 'property'],
        'changed',
        `a re-export names it ${FRESHNESS_SLA_PROPERTY}`,
      );
    }
    if (typeof sla.value === 'string') {
      note([...path, 'value'], 'changed', `imported as the number ${hours}`);
    } else if (sla.unit !== 'h') {
      note([...path, 'value'], 'changed', `imported as ${hours} hours`);
    }
    if (sla.unit !== 'h') {
      note([...path, 'unit'], 'changed', 'a re-export gives hours');
    }
    for (const key of Object.keys(sla)) {
      if (!['property', 'value', 'unit'].includes(key)) {
        note([...path, key], 'dropped', `the freshness SLA has no ${key}`);
      }
    }
  });
  return hours;
}
