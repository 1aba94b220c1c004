import { QualityRule } from '../project/schema/dataset';
import { OdcsQuality } from './types';

/**
 * The custom property by which an exported rule remembers its place in the
 * dataset's list of rules: ODCS keeps column rules on their column, so the
 * order would otherwise be lost on the way back.
 */
export const RULE_INDEX_PROPERTY = 'meshworkRuleIndex';

/** The `engine` of rules that only Meshwork runs (range, freshness). */
export const MESHWORK_ENGINE = 'meshwork';

/**
 * How `custom_sql` rules are exported: ODCS SQL rules return a number, a
 * Meshwork rule returns the offending rows; counting them bridges the two,
 * and the exact wrapper lets an import unwrap the query unchanged.
 */
const COUNT_PREFIX = 'SELECT COUNT(*) FROM (\n';
const COUNT_SUFFIX = '\n) AS offending_rows';

/** Where an exported rule goes: on one column, or on the schema object. */
export interface PlacedQuality {
  readonly column?: string;
  readonly quality: OdcsQuality;
}

/** A Meshwork quality rule as an ODCS rule, as standard as ODCS allows. */
export function ruleToOdcs(rule: QualityRule, index: number): PlacedQuality {
  const { column, quality } = placeRule(rule);
  return {
    ...(column !== undefined && { column }),
    quality: {
      ...quality,
      customProperties: [{ property: RULE_INDEX_PROPERTY, value: index }],
    },
  };
}

/**
 * An ODCS library rule: `metric` compared by `operator` (none of the
 * offending values by default), with the metric's `arguments` if it takes any.
 */
function odcsLibraryRule(
  metric: string,
  args?: Record<string, unknown>,
  operator: Partial<OdcsQuality> = { mustBe: 0 },
): OdcsQuality {
  return {
    type: 'library',
    metric,
    ...operator,
    ...(args && { arguments: args }),
  };
}

/** A rule only Meshwork runs: ODCS `custom` with Meshwork's own check. */
function odcsMeshworkRule(
  description: string,
  implementation: Record<string, unknown>,
): OdcsQuality {
  return {
    type: 'custom',
    description,
    engine: MESHWORK_ENGINE,
    implementation,
  };
}

function placeRule(rule: QualityRule): PlacedQuality {
  switch (rule.check) {
    case 'not_null':
      return { column: rule.column, quality: odcsLibraryRule('nullValues') };
    case 'unique':
      return rule.columns.length === 1
        ? {
            column: rule.columns[0],
            quality: odcsLibraryRule('duplicateValues'),
          }
        : {
            quality: odcsLibraryRule('duplicateValues', {
              properties: [...rule.columns],
            }),
          };
    case 'accepted_values':
      return {
        column: rule.column,
        quality: odcsLibraryRule('invalidValues', {
          validValues: [...rule.values],
        }),
      };
    case 'regex':
      return {
        column: rule.column,
        quality: odcsLibraryRule('invalidValues', { pattern: rule.pattern }),
      };
    case 'row_count':
      if (rule.min === undefined && rule.max === undefined) {
        // ODCS needs a bound; `>= 0` would come back as `min: 0`.
        return {
          quality: odcsMeshworkRule('The table can be read.', {
            check: rule.check,
          }),
        };
      }
      return {
        quality: odcsLibraryRule(
          'rowCount',
          undefined,
          rowCountOperator(rule.min, rule.max),
        ),
      };
    case 'custom_sql':
      return {
        quality: {
          type: 'sql',
          description: rule.description,
          query: `${COUNT_PREFIX}${rule.sql}${COUNT_SUFFIX}`,
          mustBe: 0,
        },
      };
    case 'range': {
      const { check, column, ...bounds } = rule;
      return {
        column,
        quality: odcsMeshworkRule(describeRange(rule.min, rule.max), {
          check,
          ...bounds,
        }),
      };
    }
    case 'freshness':
      return {
        column: rule.column,
        quality: odcsMeshworkRule(
          `The newest value is at most ${rule.maxAgeHours} hours old.`,
          { check: rule.check, maxAgeHours: rule.maxAgeHours },
        ),
      };
    default:
      // Every check is handled above; a new one must be added here.
      throw new Error(
        `no ODCS form for quality check '${(rule as { check: string }).check}'`,
      );
  }
}

function rowCountOperator(min?: number, max?: number): Partial<OdcsQuality> {
  if (min !== undefined && max !== undefined) {
    return min === max ? { mustBe: min } : { mustBeBetween: [min, max] };
  }
  if (max !== undefined) return { mustBeLessOrEqualTo: max };
  return { mustBeGreaterOrEqualTo: min };
}

function describeRange(min?: number, max?: number): string {
  if (min !== undefined && max !== undefined)
    return `Values are between ${min} and ${max}.`;
  if (min !== undefined) return `Values are at least ${min}.`;
  if (max !== undefined) return `Values are at most ${max}.`;
  return 'Values are numbers.';
}

/** What became of one ODCS rule on import. */
export type ImportedQuality =
  | {
      readonly rule: QualityRule;
      /** Set when a re-export writes the rule differently. */
      readonly changed?: string;
      /** The rule's fields that have no place in a Meshwork rule. */
      readonly droppedKeys: readonly string[];
      readonly index?: number;
    }
  | { readonly rule?: undefined; readonly reason: string };

/** The fields every mapped rule consumes; the rest are reported. */
const CONSUMED = new Set([
  'type',
  'metric',
  'rule',
  'arguments',
  'query',
  'engine',
  'implementation',
  'mustBe',
  'mustNotBe',
  'mustBeGreaterThan',
  'mustBeGreaterOrEqualTo',
  'mustBeLessThan',
  'mustBeLessOrEqualTo',
  'mustBeBetween',
  'mustNotBeBetween',
]);

function indexOf(quality: OdcsQuality): number | undefined {
  const found = quality.customProperties?.find(
    p => p.property === RULE_INDEX_PROPERTY,
  );
  return typeof found?.value === 'number' ? found.value : undefined;
}

/** The fields a mapped rule leaves behind, `description` only when kept. */
function droppedKeysOf(quality: OdcsQuality, keepDescription: boolean) {
  const dropped = Object.keys(quality).filter(
    key =>
      !CONSUMED.has(key) &&
      !(keepDescription && key === 'description') &&
      key !== 'customProperties',
  );
  const otherCustom = (quality.customProperties ?? []).some(
    p => p.property !== RULE_INDEX_PROPERTY,
  );
  return otherCustom ? [...dropped, 'customProperties'] : dropped;
}

const isZero = (value: unknown) => value === 0 || value === '0';

const OPERATORS = [
  'mustBe',
  'mustNotBe',
  'mustBeGreaterThan',
  'mustBeGreaterOrEqualTo',
  'mustBeLessThan',
  'mustBeLessOrEqualTo',
  'mustBeBetween',
  'mustNotBeBetween',
] as const;

function operatorOf(quality: OdcsQuality) {
  const name = OPERATORS.find(op => quality[op] !== undefined);
  return name ? { name, value: quality[name] } : undefined;
}

/** "must be 0", with rows rather than a percentage when a unit is given. */
function mustBeZero(quality: OdcsQuality): boolean {
  const op = operatorOf(quality);
  return op?.name === 'mustBe' && isZero(op.value);
}

function mapped(
  quality: OdcsQuality,
  rule: QualityRule,
  options: { changed?: string; keepDescription?: boolean } = {},
): ImportedQuality {
  return {
    rule,
    changed: options.changed,
    droppedKeys: droppedKeysOf(quality, options.keepDescription ?? false),
    index: indexOf(quality),
  };
}

/**
 * One ODCS rule as a Meshwork rule, on `column` when it sits on a
 * property. Library, SQL and custom (Meshwork and Databricks DQX) rules
 * map when Meshwork has the same check; text rules never do.
 */
export function odcsToRule(
  quality: OdcsQuality,
  column: string | undefined,
): ImportedQuality {
  const type = quality.type ?? 'library';
  if (type === 'text') {
    return {
      reason:
        'text rules are prose for people; Meshwork rules must be checks it can run',
    };
  }
  if (type === 'sql') return sqlRule(quality);
  if (type === 'custom') return customRule(quality, column);
  const result = libraryRule(quality, column);
  if (result.rule && quality.metric === undefined && !result.changed) {
    // v3.0 named the metric `rule`; a re-export writes `metric`.
    return {
      ...result,
      changed: 'a re-export names the metric `metric`, not `rule`',
    };
  }
  return result;
}

function libraryRule(
  quality: OdcsQuality,
  column: string | undefined,
): ImportedQuality {
  const metric = quality.metric ?? quality.rule;
  const args = quality.arguments ?? {};
  const threshold =
    'only a threshold of 0 (no offending rows) maps to a Meshwork rule';
  switch (metric) {
    case 'nullValues':
    case 'missingValues': {
      if (!column) {
        return { reason: `${metric} needs a column; it is on the object` };
      }
      if (!mustBeZero(quality)) return { reason: threshold };
      const missing = args.missingValues;
      if (
        metric === 'missingValues' &&
        Array.isArray(missing) &&
        missing.some(value => value !== null)
      ) {
        return {
          reason:
            'missing values other than null have no Meshwork rule; use an accepted_values or regex rule',
        };
      }
      return mapped(
        quality,
        { check: 'not_null', column },
        {
          changed:
            metric === 'missingValues'
              ? 'imported as not_null; exported back as nullValues'
              : undefined,
        },
      );
    }
    case 'duplicateValues': {
      if (!mustBeZero(quality)) return { reason: threshold };
      const columns = Array.isArray(args.properties)
        ? args.properties.map(String)
        : [column].filter((c): c is string => c !== undefined);
      if (columns.length === 0) {
        return {
          reason: 'duplicateValues on the object needs arguments.properties',
        };
      }
      return mapped(
        quality,
        { check: 'unique', columns },
        {
          changed:
            !column && columns.length === 1
              ? 'a unique rule on one column is exported on that column'
              : undefined,
        },
      );
    }
    case 'invalidValues': {
      if (!column) {
        return { reason: 'invalidValues needs a column; it is on the object' };
      }
      if (!mustBeZero(quality)) return { reason: threshold };
      const valid = args.validValues;
      if (
        Array.isArray(valid) &&
        valid.length > 0 &&
        valid.every(v => ['string', 'number', 'boolean'].includes(typeof v))
      ) {
        return mapped(quality, {
          check: 'accepted_values',
          column,
          values: valid as Array<string | number | boolean>,
        });
      }
      if (typeof args.pattern === 'string' && args.pattern.length > 0) {
        return mapped(quality, {
          check: 'regex',
          column,
          pattern: args.pattern,
        });
      }
      return {
        reason:
          'invalidValues maps only with arguments.validValues or arguments.pattern',
      };
    }
    case 'rowCount':
      return rowCountRule(quality);
    default:
      return {
        reason: `the library metric '${metric}' has no Meshwork rule`,
      };
  }
}

function rowCountRule(quality: OdcsQuality): ImportedQuality {
  const op = operatorOf(quality);
  const integer = (value: unknown): value is number =>
    typeof value === 'number' && Number.isInteger(value) && value >= 0;
  const exported = 'a re-export writes it as';
  switch (op?.name) {
    case 'mustBe':
      if (integer(op.value))
        return mapped(quality, {
          check: 'row_count',
          min: op.value,
          max: op.value,
        });
      break;
    case 'mustBeGreaterOrEqualTo':
      if (integer(op.value))
        return mapped(quality, { check: 'row_count', min: op.value });
      break;
    case 'mustBeLessOrEqualTo':
      if (integer(op.value))
        return mapped(quality, { check: 'row_count', max: op.value });
      break;
    case 'mustBeGreaterThan':
      if (integer(op.value))
        return mapped(
          quality,
          { check: 'row_count', min: op.value + 1 },
          { changed: `${exported} mustBeGreaterOrEqualTo: ${op.value + 1}` },
        );
      break;
    case 'mustBeLessThan':
      if (integer(op.value) && op.value > 0)
        return mapped(
          quality,
          { check: 'row_count', max: op.value - 1 },
          { changed: `${exported} mustBeLessOrEqualTo: ${op.value - 1}` },
        );
      break;
    case 'mustBeBetween': {
      const [min, max] = op.value as number[];
      if (integer(min) && integer(max))
        return mapped(quality, { check: 'row_count', min, max });
      break;
    }
    default:
      break;
  }
  return {
    reason: 'only whole-number bounds of the row count map to a row_count rule',
  };
}

function sqlRule(quality: OdcsQuality): ImportedQuality {
  const query = quality.query ?? '';
  const description = quality.description ?? quality.name;
  if (!mustBeZero(quality)) {
    return {
      reason:
        'only SQL rules that must return 0 map to a custom_sql rule (a query whose rows are the offending ones)',
    };
  }
  if (query.startsWith(COUNT_PREFIX) && query.endsWith(COUNT_SUFFIX)) {
    const sql = query.slice(COUNT_PREFIX.length, -COUNT_SUFFIX.length);
    return mapped(
      quality,
      { check: 'custom_sql', description: description ?? 'SQL check', sql },
      {
        keepDescription: true,
        changed: quality.description
          ? undefined
          : 'a re-export adds a description',
      },
    );
  }
  const count =
    /^\s*select\s+count\s*\(\s*\*\s*\)\s+(from\s[\s\S]*?)\s*;?\s*$/i.exec(
      query,
    );
  if (!count) {
    return {
      reason:
        'only SQL rules of the form SELECT COUNT(*) FROM … map to a custom_sql rule',
    };
  }
  return mapped(
    quality,
    {
      check: 'custom_sql',
      description: description ?? 'SQL check',
      sql: `SELECT * ${count[1]}`,
    },
    {
      keepDescription: true,
      changed:
        'imported as a custom_sql rule selecting the offending rows; a re-export counts them',
    },
  );
}

/** Databricks DQX check functions that are Meshwork checks. */
function dqxRule(
  check: Record<string, unknown>,
  column: string | undefined,
): QualityRule | undefined {
  const args = (check.arguments ?? {}) as Record<string, unknown>;
  const named = [args.column, args.col_name].find(
    (c): c is string => typeof c === 'string',
  );
  const col = column ?? named;
  switch (check.function) {
    case 'is_not_null':
      return col ? { check: 'not_null', column: col } : undefined;
    case 'is_unique': {
      const columns = Array.isArray(args.columns)
        ? args.columns.map(String)
        : [col].filter((c): c is string => c !== undefined);
      return columns.length > 0 ? { check: 'unique', columns } : undefined;
    }
    case 'is_in_list':
      return col && Array.isArray(args.allowed) && args.allowed.length > 0
        ? {
            check: 'accepted_values',
            column: col,
            values: args.allowed as Array<string | number | boolean>,
          }
        : undefined;
    case 'is_in_range': {
      const min =
        typeof args.min_limit === 'number' ? args.min_limit : undefined;
      const max =
        typeof args.max_limit === 'number' ? args.max_limit : undefined;
      return col && (min !== undefined || max !== undefined)
        ? { check: 'range', column: col, min, max }
        : undefined;
    }
    case 'regex_match':
      return col && typeof args.regex === 'string' && args.negate !== true
        ? { check: 'regex', column: col, pattern: args.regex }
        : undefined;
    default:
      return undefined;
  }
}

function customRule(
  quality: OdcsQuality,
  column: string | undefined,
): ImportedQuality {
  const implementation = quality.implementation;
  if (
    quality.engine === MESHWORK_ENGINE &&
    implementation &&
    typeof implementation === 'object'
  ) {
    const rule = {
      ...implementation,
      ...(column &&
      implementation.check !== 'unique' &&
      implementation.check !== 'row_count'
        ? { column }
        : {}),
    } as QualityRule;
    // The description an export writes says what the rule says.
    const generated =
      quality.description === ruleToOdcs(rule, 0).quality.description;
    return mapped(quality, rule, { keepDescription: generated });
  }
  if (
    quality.engine === 'dqx' &&
    implementation &&
    typeof implementation === 'object'
  ) {
    const check = implementation.check as Record<string, unknown> | undefined;
    const rule = check ? dqxRule(check, column) : undefined;
    if (rule) {
      return mapped(quality, rule, {
        changed: `the DQX check '${check?.function}' is imported as a ${rule.check} rule; a re-export writes the ODCS form`,
      });
    }
    return {
      reason: `the DQX check '${check?.function ?? '?'}' has no Meshwork rule`,
    };
  }
  return {
    reason: `rules of the engine '${quality.engine}' have no Meshwork equivalent`,
  };
}
