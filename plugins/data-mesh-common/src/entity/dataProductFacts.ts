import type {
  DataProductColumn,
  DataProductContract,
  DataProductEntityV1alpha1,
  DataProductSlaProperty,
} from './DataProductEntityV1alpha1';

const PII = 'pii';

/**
 * Whether a column holds personal data. ODCS leaves `classification` free
 * text, so Meshwork's `pii` is matched without regard to case, and a `pii`
 * tag counts as well because some tools classify by tag only. The entity
 * builder, the catalog filter, the search index and the entity pages all ask
 * this one function, so they never disagree about a product.
 * @public
 */
export function isPiiColumn(
  column: Pick<DataProductColumn, 'classification' | 'tags'>,
): boolean {
  return (
    column.classification?.trim().toLowerCase() === PII ||
    (column.tags ?? []).some(tag => tag.trim().toLowerCase() === PII)
  );
}

/**
 * The names of the contract's columns that hold personal data, in contract
 * order.
 * @public
 */
export function piiColumnNames(
  contract: DataProductContract | undefined,
): string[] {
  return (contract?.schema ?? []).flatMap(object =>
    (object.properties ?? [])
      .filter(column => isPiiColumn(column))
      .map(column => column.name),
  );
}

/**
 * Whether reading the product exposes personal data: its `containsPii`
 * flag, or any PII column of its contract (an entity written by hand may
 * classify a column without setting the flag).
 * @public
 */
export function containsPii(
  entity: Pick<DataProductEntityV1alpha1, 'spec'>,
): boolean {
  return (
    entity.spec.containsPii === true ||
    piiColumnNames(entity.spec.contract).length > 0
  );
}

/**
 * ODCS has no fixed word for freshness: Meshwork writes `latency` as the
 * ODCS examples do, other tools write `freshness` for the same promise.
 */
const FRESHNESS_PROPERTIES = new Set(['freshness', 'latency']);

/**
 * The contract's freshness promise, if it makes one.
 * @public
 */
export function freshnessSla(
  contract: Pick<DataProductContract, 'slaProperties'> | undefined,
): DataProductSlaProperty | undefined {
  return contract?.slaProperties?.find(sla =>
    FRESHNESS_PROPERTIES.has(sla.property.trim().toLowerCase()),
  );
}

/** Hours per ODCS SLA unit; ODCS writes units as `d`, `day`, `h`, `hr`… */
const HOURS_PER_UNIT: Record<string, number> = {
  s: 1 / 3600,
  sec: 1 / 3600,
  second: 1 / 3600,
  seconds: 1 / 3600,
  m: 1 / 60,
  min: 1 / 60,
  minute: 1 / 60,
  minutes: 1 / 60,
  h: 1,
  hr: 1,
  hour: 1,
  hours: 1,
  d: 24,
  day: 24,
  days: 24,
  w: 24 * 7,
  week: 24 * 7,
  weeks: 24 * 7,
  // Retention is promised in months and years; a month counts as 30 days.
  mo: 24 * 30,
  month: 24 * 30,
  months: 24 * 30,
  y: 24 * 365,
  yr: 24 * 365,
  year: 24 * 365,
  years: 24 * 365,
};

/** A number, or a string of plain decimal digits; undefined for anything else. */
function durationNumber(value: string | number | boolean): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim())) {
    return Number(value);
  }
  return undefined;
}

/**
 * The contract's freshness promise in hours (a missing unit reads as
 * hours); none when it makes no promise or the value or unit is not a
 * duration.
 * @public
 */
export function freshnessSlaHours(
  contract: Pick<DataProductContract, 'slaProperties'> | undefined,
): number | undefined {
  const sla = freshnessSla(contract);
  return sla ? slaDurationHours(sla) : undefined;
}

/**
 * An SLA property's duration in hours (a missing unit reads as hours);
 * none when its value or unit is not a duration.
 * @public
 */
export function slaDurationHours(
  sla: Pick<DataProductSlaProperty, 'value' | 'unit'>,
): number | undefined {
  const value = durationNumber(sla.value);
  const hoursPerUnit = HOURS_PER_UNIT[(sla.unit ?? 'h').trim().toLowerCase()];
  return value === undefined || hoursPerUnit === undefined
    ? undefined
    : value * hoursPerUnit;
}
