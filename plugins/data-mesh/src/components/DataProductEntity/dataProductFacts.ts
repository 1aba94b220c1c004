import type {
  DataProductColumn,
  DataProductContract,
  DataProductQualityRule,
  DataProductSlaProperty,
} from '@meshwork/data-mesh-common';

/**
 * A contract column as ODCS v3.1 writes it. The entity type names the fields
 * Meshwork itself emits; ODCS also lets a derived column list the source
 * columns it is computed from, which imported contracts carry.
 */
export type ContractColumn = DataProductColumn & {
  transformSourceObjects?: string[];
  transformDescription?: string;
};

/** A column together with the schema object (table) it belongs to. */
export interface ColumnOfTable {
  table: string;
  column: ContractColumn;
}

/** Every column of every schema object of a contract, in contract order. */
export function contractColumns(
  contract: DataProductContract | undefined,
): ColumnOfTable[] {
  return (contract?.schema ?? []).flatMap(object =>
    (object.properties ?? []).map(column => ({
      table: object.name,
      column: column as ContractColumn,
    })),
  );
}

// One answer to "is this personal data?" and "what is the freshness
// promise?" for the pages, the catalog filters and search: the common package's.
export {
  containsPii,
  freshnessSla,
  isPiiColumn,
  piiColumnNames,
} from '@meshwork/data-mesh-common';

const UNIT_NAMES: Record<string, [singular: string, plural: string]> = {
  s: ['second', 'seconds'],
  sec: ['second', 'seconds'],
  second: ['second', 'seconds'],
  seconds: ['second', 'seconds'],
  m: ['minute', 'minutes'],
  min: ['minute', 'minutes'],
  minute: ['minute', 'minutes'],
  minutes: ['minute', 'minutes'],
  h: ['hour', 'hours'],
  hr: ['hour', 'hours'],
  hour: ['hour', 'hours'],
  hours: ['hour', 'hours'],
  d: ['day', 'days'],
  day: ['day', 'days'],
  days: ['day', 'days'],
  w: ['week', 'weeks'],
  week: ['week', 'weeks'],
  weeks: ['week', 'weeks'],
  y: ['year', 'years'],
  yr: ['year', 'years'],
  year: ['year', 'years'],
  years: ['year', 'years'],
};

/** An SLA value as people read it, e.g. `26 hours` for `26` with unit `h`. */
export function formatSlaValue(sla: DataProductSlaProperty): string {
  const value = String(sla.value);
  if (!sla.unit) {
    return value;
  }
  const names = UNIT_NAMES[sla.unit.trim().toLowerCase()];
  if (!names) {
    return `${value} ${sla.unit}`;
  }
  return `${value} ${Number(sla.value) === 1 ? names[0] : names[1]}`;
}

/** A quality rule with the table it was declared on, if any. */
export interface DeclaredQualityRule {
  table?: string;
  rule: DataProductQualityRule;
}

/**
 * Every quality rule of a contract: contract-wide ones, then per table, each
 * table's own rules before those of its columns (which ODCS nests in the
 * column, so the column is named on the rule here).
 */
export function declaredQualityRules(
  contract: DataProductContract | undefined,
): DeclaredQualityRule[] {
  return [
    ...(contract?.quality ?? []).map(rule => ({ rule })),
    ...(contract?.schema ?? []).flatMap(object => [
      ...(object.quality ?? []).map(rule => ({ table: object.name, rule })),
      ...(object.properties ?? []).flatMap(column =>
        (column.quality ?? []).map(rule => ({
          table: object.name,
          rule: { ...rule, column: rule.column ?? column.name },
        })),
      ),
    ]),
  ];
}

/**
 * How a quality rule reads to people: its description when the contract
 * gives one, else its name, else the rule itself with the column it checks.
 */
export function describeQualityRule(rule: DataProductQualityRule): string {
  if (rule.description) {
    return rule.description;
  }
  const what = rule.name ?? rule.rule ?? rule.type ?? 'rule';
  return rule.column ? `${what} on ${rule.column}` : what;
}
