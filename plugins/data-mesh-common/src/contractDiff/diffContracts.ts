import type {
  DataProductColumn,
  DataProductContract,
  DataProductSlaProperty,
} from '../entity/DataProductEntityV1alpha1';
import { dataProductContract } from '../entity/dataProductContract';
import { slaDurationHours } from '../entity/dataProductFacts';
import { parseSqlType } from '../expression/parser';
import {
  INTEGER_RANGES,
  isIntegralType,
  isNumericType,
  SqlType,
  sqlTypesEqual,
} from '../expression/types';
import type { ProjectManifest } from '../manifest';

/**
 * What changed between two versions of a dataset's contract.
 *
 * @public
 */
export type ContractChangeKind =
  | 'dataset-removed'
  | 'dataset-added'
  | 'column-removed'
  | 'column-renamed'
  | 'column-added'
  | 'type-narrowed'
  | 'type-changed'
  | 'type-widened'
  | 'column-made-nullable'
  | 'column-made-required'
  | 'description-changed'
  | 'sla-loosened'
  | 'sla-tightened'
  | 'sla-changed';

/**
 * One change of a contract. `before` and `after` are what a reader
 * compares: the column's type, name or nullability, the SLA's value with
 * its unit, the description; null where there is nothing on that side.
 *
 * @public
 */
export interface ContractChange {
  /** What changed. */
  readonly kind: ContractChangeKind;
  /** The dataset (the contract's key in the compared sets). */
  readonly dataset: string;
  /** The column, as the base names it (for an added column, as the head does). */
  readonly column?: string;
  /** The SLA property, for `sla-*` changes. */
  readonly property?: string;
  /** The base's side: a type, name, nullability, SLA value or description. */
  readonly before: string | null;
  /** The head's side, alike. */
  readonly after: string | null;
  /** Whether a consumer that relied on the base contract may break. */
  readonly breaking: boolean;
}

/**
 * Contracts by dataset name: what {@link diffContracts} compares.
 *
 * @public
 */
export type ContractsByDataset = Readonly<
  Record<string, DataProductContract | undefined>
>;

/**
 * The contract of each dataset of a compiled project, as its DataProduct
 * carries it.
 *
 * @public
 */
export function manifestContracts(
  manifest: ProjectManifest,
): ContractsByDataset {
  return Object.fromEntries(
    manifest.datasets.map(dataset => [
      dataset.name,
      dataProductContract(dataset, manifest.project),
    ]),
  );
}

/**
 * How two sets of contracts differ, breaking changes and others, dataset
 * by dataset in name order, then column by column in the base's order
 * (added columns after, in the head's), then the SLA.
 *
 * Breaking, because a consumer that relied on the base may fail or read
 * wrong data: a dataset or column removed; a column renamed (one column
 * disappears and exactly one of the same type appears); a type narrowed
 * (values of the base type no longer fit) or changed to an unrelated one;
 * a required column made nullable; an SLA loosened (freshness or latency
 * grows, retention or availability shrinks, or the promise is dropped).
 *
 * @public
 */
export function diffContracts(
  base: ContractsByDataset,
  head: ContractsByDataset,
): ContractChange[] {
  const names = [...new Set([...Object.keys(base), ...Object.keys(head)])].sort(
    compareCodeUnits,
  );
  return names.flatMap(dataset => {
    const before = base[dataset];
    const after = head[dataset];
    if (before && !after) {
      return [changeOf('dataset-removed', dataset, { before: dataset })];
    }
    if (!before && after) {
      return [changeOf('dataset-added', dataset, { after: dataset })];
    }
    if (!before || !after) return [];
    return [
      ...diffColumns(dataset, columnsOf(before), columnsOf(after)),
      ...diffDescriptions(dataset, before, after),
      ...diffSla(dataset, before.slaProperties, after.slaProperties),
    ];
  });
}

/** One line for a change, for the CLI and messages. @public */
export function describeContractChange(change: ContractChange): string {
  const where = change.column
    ? `${change.dataset}.${change.column}`
    : change.dataset;
  const fromTo = `${change.before ?? 'none'} → ${change.after ?? 'none'}`;
  switch (change.kind) {
    case 'dataset-removed':
      return `dataset ${change.dataset} removed`;
    case 'dataset-added':
      return `dataset ${change.dataset} added`;
    case 'column-removed':
      return `column ${where} (${change.before}) removed`;
    case 'column-renamed':
      return `column ${where} renamed to ${change.after}`;
    case 'column-added':
      return `column ${where} (${change.after}) added`;
    case 'type-narrowed':
      return `type of ${where} narrowed: ${fromTo}`;
    case 'type-changed':
      return `type of ${where} changed: ${fromTo}`;
    case 'type-widened':
      return `type of ${where} widened: ${fromTo}`;
    case 'column-made-nullable':
      return `column ${where} made nullable`;
    case 'column-made-required':
      return `column ${where} made required`;
    case 'description-changed':
      return `description of ${where} changed`;
    case 'sla-loosened':
      return `SLA ${change.property} of ${change.dataset} loosened: ${fromTo}`;
    case 'sla-tightened':
      return `SLA ${change.property} of ${change.dataset} tightened: ${fromTo}`;
    default:
      return `SLA ${change.property} of ${change.dataset} changed: ${fromTo}`;
  }
}

const BREAKING: Record<ContractChangeKind, boolean> = {
  'dataset-removed': true,
  'dataset-added': false,
  'column-removed': true,
  'column-renamed': true,
  'column-added': false,
  'type-narrowed': true,
  'type-changed': true,
  'type-widened': false,
  'column-made-nullable': true,
  'column-made-required': false,
  'description-changed': false,
  'sla-loosened': true,
  'sla-tightened': false,
  // A property Meshwork does not know the direction of: shown, not judged.
  'sla-changed': false,
};

function changeOf(
  kind: ContractChangeKind,
  dataset: string,
  fields: {
    column?: string;
    property?: string;
    before?: string | null;
    after?: string | null;
  },
): ContractChange {
  return {
    kind,
    dataset,
    ...(fields.column !== undefined && { column: fields.column }),
    ...(fields.property !== undefined && { property: fields.property }),
    before: fields.before ?? null,
    after: fields.after ?? null,
    breaking: BREAKING[kind],
  };
}

function compareCodeUnits(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/**
 * The contract's columns by name. Meshwork contracts have one schema
 * object; an imported one may have several, whose columns are then named
 * `object.column` so that two tables' `id`s stay apart.
 */
function columnsOf(
  contract: DataProductContract,
): Map<string, DataProductColumn> {
  const objects = contract.schema ?? [];
  const columns = new Map<string, DataProductColumn>();
  for (const object of objects) {
    for (const column of object.properties ?? []) {
      const name =
        objects.length > 1 ? `${object.name}.${column.name}` : column.name;
      columns.set(name, column);
    }
  }
  return columns;
}

/** The column's type as written: the Spark SQL type, else the logical one. */
function typeText(column: DataProductColumn): string {
  return (column.physicalType ?? column.logicalType ?? '').trim();
}

function diffColumns(
  dataset: string,
  before: Map<string, DataProductColumn>,
  after: Map<string, DataProductColumn>,
): ContractChange[] {
  const removed = [...before.keys()].filter(name => !after.has(name));
  const added = [...after.keys()].filter(name => !before.has(name));
  const renamedTo = pairRenames(removed, added, before, after);
  const renamedFrom = new Set(renamedTo.values());

  const changes: ContractChange[] = [];
  for (const [name, old] of before) {
    const current = after.get(name);
    if (!current) {
      const newName = renamedTo.get(name);
      changes.push(
        newName === undefined
          ? changeOf('column-removed', dataset, {
              column: name,
              before: typeText(old),
            })
          : changeOf('column-renamed', dataset, {
              column: name,
              before: name,
              after: newName,
            }),
      );
      continue;
    }
    const typeKind = typeChangeKind(typeText(old), typeText(current));
    if (typeKind) {
      changes.push(
        changeOf(typeKind, dataset, {
          column: name,
          before: typeText(old),
          after: typeText(current),
        }),
      );
    }
    if (old.required === true && current.required !== true) {
      changes.push(
        changeOf('column-made-nullable', dataset, {
          column: name,
          before: 'required',
          after: 'nullable',
        }),
      );
    } else if (old.required !== true && current.required === true) {
      changes.push(
        changeOf('column-made-required', dataset, {
          column: name,
          before: 'nullable',
          after: 'required',
        }),
      );
    }
    if ((old.description ?? '') !== (current.description ?? '')) {
      changes.push(
        changeOf('description-changed', dataset, {
          column: name,
          before: old.description ?? null,
          after: current.description ?? null,
        }),
      );
    }
  }
  for (const name of added) {
    if (renamedFrom.has(name)) continue;
    changes.push(
      changeOf('column-added', dataset, {
        column: name,
        after: typeText(after.get(name)!),
      }),
    );
  }
  return changes;
}

/**
 * Removed columns paired with the added column they were renamed to: for
 * each type, when exactly one column of it disappears and exactly one
 * appears. With more on either side nothing says which became which.
 */
function pairRenames(
  removed: readonly string[],
  added: readonly string[],
  before: Map<string, DataProductColumn>,
  after: Map<string, DataProductColumn>,
): Map<string, string> {
  const byType = (
    names: readonly string[],
    columns: Map<string, DataProductColumn>,
  ) => {
    const groups = new Map<string, string[]>();
    for (const name of names) {
      const key = normalizedType(typeText(columns.get(name)!));
      groups.set(key, [...(groups.get(key) ?? []), name]);
    }
    return groups;
  };
  const gone = byType(removed, before);
  const came = byType(added, after);
  const pairs = new Map<string, string>();
  for (const [type, names] of gone) {
    const candidates = came.get(type);
    if (names.length === 1 && candidates?.length === 1) {
      pairs.set(names[0], candidates[0]);
    }
  }
  return pairs;
}

function parseType(text: string): SqlType | undefined {
  try {
    return parseSqlType(text);
  } catch {
    return undefined;
  }
}

/** A type's text compared without case and spaces, parsed when it parses. */
function normalizedType(text: string): string {
  const parsed = parseType(text);
  return parsed
    ? JSON.stringify(parsed)
    : text.toLowerCase().replace(/\s+/g, '');
}

/**
 * How many decimal digits an integer type needs, as Spark widens it to a
 * decimal (`DecimalType.forType`: tinyint is decimal(3,0), bigint
 * decimal(20,0)).
 */
const INTEGER_DIGITS: Record<keyof typeof INTEGER_RANGES, number> = {
  tinyint: 3,
  smallint: 5,
  int: 10,
  bigint: 20,
};

const INTEGER_ORDER = ['tinyint', 'smallint', 'int', 'bigint'];

/** Whether every value of `from` is a value of `to`, unchanged. */
function widens(from: SqlType, to: SqlType): boolean {
  if (sqlTypesEqual(from, to)) return true;
  if (isIntegralType(from) && isIntegralType(to)) {
    return INTEGER_ORDER.indexOf(to.kind) > INTEGER_ORDER.indexOf(from.kind);
  }
  if (isIntegralType(from) && to.kind === 'decimal') {
    const digits = INTEGER_DIGITS[from.kind as keyof typeof INTEGER_DIGITS];
    return to.precision - to.scale >= digits;
  }
  // A double holds every integer up to 2^53 exactly: all but bigint's.
  if (isIntegralType(from) && to.kind === 'double') {
    return from.kind !== 'bigint';
  }
  if (from.kind === 'decimal' && to.kind === 'decimal') {
    return (
      to.scale >= from.scale &&
      to.precision - to.scale >= from.precision - from.scale
    );
  }
  if (from.kind === 'date' && to.kind === 'timestamp') return true;
  if (from.kind === 'array' && to.kind === 'array') {
    return widens(from.element, to.element);
  }
  return false;
}

/** Types whose values a consumer reads the same way, one narrower than the other. */
function sameFamily(a: SqlType, b: SqlType): boolean {
  if (isNumericType(a) && isNumericType(b)) return true;
  const temporal = (t: SqlType) => t.kind === 'date' || t.kind === 'timestamp';
  if (temporal(a) && temporal(b)) return true;
  if (a.kind === 'array' && b.kind === 'array') {
    return sameFamily(a.element, b.element);
  }
  return false;
}

function typeChangeKind(
  before: string,
  after: string,
): ContractChangeKind | undefined {
  if (normalizedType(before) === normalizedType(after)) return undefined;
  const from = parseType(before);
  const to = parseType(after);
  if (!from || !to) return 'type-changed';
  if (widens(from, to)) return 'type-widened';
  // A string column holds any value: every other type is narrower.
  if (from.kind === 'string' || sameFamily(from, to)) return 'type-narrowed';
  return 'type-changed';
}

function diffDescriptions(
  dataset: string,
  before: DataProductContract,
  after: DataProductContract,
): ContractChange[] {
  const describe = (contract: DataProductContract) =>
    (contract.schema ?? []).map(object => object.description ?? '').join('\n');
  const old = describe(before);
  const current = describe(after);
  return old === current
    ? []
    : [
        changeOf('description-changed', dataset, {
          before: old || null,
          after: current || null,
        }),
      ];
}

/** Which way an SLA property is better, and how its values compare. */
type SlaDirection = {
  /** A number to compare, or undefined when the value is not one. */
  measure(sla: DataProductSlaProperty): number | undefined;
  /** Whether a larger measure is a weaker promise. */
  largerIsLooser: boolean;
};

const DURATION_LOWER_IS_BETTER: SlaDirection = {
  measure: slaDurationHours,
  largerIsLooser: true,
};

/**
 * The SLA properties whose direction Meshwork knows, by their name in
 * lower case (ODCS leaves the names free; these are its examples' and
 * common tools' words).
 */
const SLA_DIRECTIONS: Record<string, SlaDirection> = {
  freshness: DURATION_LOWER_IS_BETTER,
  latency: DURATION_LOWER_IS_BETTER,
  retention: { measure: slaDurationHours, largerIsLooser: false },
  availability: {
    measure: sla => {
      const value =
        typeof sla.value === 'string' ? sla.value.replace(/%$/, '') : sla.value;
      const number = Number(value);
      return typeof value !== 'boolean' &&
        String(value).trim() !== '' &&
        Number.isFinite(number)
        ? number
        : undefined;
    },
    largerIsLooser: false,
  },
};

function slaText(sla: DataProductSlaProperty): string {
  return sla.unit ? `${sla.value} ${sla.unit}` : String(sla.value);
}

/** SLA properties by name in lower case, with what they apply to. */
function slaKey(sla: DataProductSlaProperty): string {
  const name = sla.property.trim().toLowerCase();
  return sla.element ? `${name}\n${sla.element}` : name;
}

function diffSla(
  dataset: string,
  before: readonly DataProductSlaProperty[] = [],
  after: readonly DataProductSlaProperty[] = [],
): ContractChange[] {
  const old = new Map(before.map(sla => [slaKey(sla), sla]));
  const current = new Map(after.map(sla => [slaKey(sla), sla]));
  const keys = [...new Set([...old.keys(), ...current.keys()])];
  return keys.flatMap(key => {
    const was = old.get(key);
    const is = current.get(key);
    const property = (was ?? is)!.property;
    const direction = SLA_DIRECTIONS[property.trim().toLowerCase()];
    const fields = {
      property,
      before: was ? slaText(was) : null,
      after: is ? slaText(is) : null,
    };
    if (was && is && slaText(was) === slaText(is)) return [];
    if (!direction) return [changeOf('sla-changed', dataset, fields)];
    // A promise dropped is the loosest; one made is a tightening.
    if (!is) return [changeOf('sla-loosened', dataset, fields)];
    if (!was) return [changeOf('sla-tightened', dataset, fields)];
    const a = direction.measure(was);
    const b = direction.measure(is);
    if (a === undefined || b === undefined) {
      return [changeOf('sla-changed', dataset, fields)];
    }
    if (a === b) return [];
    const looser = direction.largerIsLooser ? b > a : b < a;
    return [
      changeOf(looser ? 'sla-loosened' : 'sla-tightened', dataset, fields),
    ];
  });
}

/**
 * A team's approved access to a dataset, as far as a contract change is
 * concerned.
 *
 * @public
 */
export interface ContractSubscription {
  /** The dataset's name in its project. */
  readonly dataset: string;
  /** The subscribing team's entity ref. */
  readonly team: string;
  /** The columns granted; undefined for all of them. */
  readonly columns?: readonly string[];
}

/**
 * The teams a change reaches, sorted: those subscribed to the dataset that
 * use the changed column (they were granted it, or all columns); for a
 * change of the whole dataset or its SLA, every subscriber of the dataset.
 *
 * @public
 */
export function subscribersOfChange(
  change: ContractChange,
  subscriptions: readonly ContractSubscription[],
): string[] {
  const teams = subscriptions
    .filter(
      s =>
        s.dataset === change.dataset &&
        (change.column === undefined ||
          s.columns === undefined ||
          s.columns.includes(change.column)),
    )
    .map(s => s.team);
  return [...new Set(teams)].sort(compareCodeUnits);
}
