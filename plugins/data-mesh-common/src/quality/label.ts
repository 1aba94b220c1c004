import type { QualityRule } from '../project/schema/dataset';
import { checkOf, formatBound } from './format';

/**
 * A short human label for a rule, the same on every run:
 * `not_null(email)`, `unique(order_date, currency)`,
 * `range(net_revenue, min 0)`, `row_count(min 1)`.
 *
 * @public
 */
export function qualityRuleLabel(rule: QualityRule): string {
  switch (rule.check) {
    case 'not_null':
    case 'accepted_values':
    case 'regex':
      return `${rule.check}(${rule.column})`;
    case 'unique':
      return `unique(${rule.columns.join(', ')})`;
    case 'range':
      return `range(${[rule.column, ...boundsText(rule)].join(', ')})`;
    case 'row_count':
      return `row_count(${boundsText(rule).join(', ')})`;
    case 'custom_sql':
      return `custom_sql(${rule.description})`;
    case 'freshness':
      return `freshness(${rule.column}, ${formatBound(rule.maxAgeHours)} h)`;
    default:
      return checkOf(rule);
  }
}

function boundsText(rule: { min?: number; max?: number }): string[] {
  return [
    ...(rule.min === undefined ? [] : [`min ${formatBound(rule.min)}`]),
    ...(rule.max === undefined ? [] : [`max ${formatBound(rule.max)}`]),
  ];
}

/**
 * What a rule is about, without its thresholds: the check and its columns
 * (or, for custom SQL, its description). Results are stored under it, so a
 * tightened range or a longer list of accepted values keeps its history.
 */
function ruleIdentity(rule: QualityRule): string {
  switch (rule.check) {
    case 'unique':
      return `unique:${rule.columns.join(',')}`;
    case 'row_count':
      return 'row_count';
    case 'custom_sql':
      return `custom_sql:${slug(rule.description)}`;
    case 'not_null':
    case 'accepted_values':
    case 'range':
    case 'regex':
    case 'freshness':
      return `${rule.check}:${rule.column}`;
    default:
      return checkOf(rule);
  }
}

function slug(text: string): string {
  const words = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return words || 'query';
}

/**
 * Stable ids for the rules of one contract, under which the result of each
 * run is stored: `not_null:email`, `unique:order_date,currency`,
 * `custom_sql:net-revenue-never-exceeds-gross-revenue`. An id names what a
 * rule checks, not its position or thresholds, so adding, reordering or
 * tightening rules keeps every other rule's history; a second rule with the
 * same check and columns gets `~2`, a third `~3`.
 *
 * @public
 */
export function qualityRuleKeys(rules: readonly QualityRule[]): string[] {
  const seen = new Map<string, number>();
  return rules.map(rule => {
    const identity = ruleIdentity(rule);
    const occurrence = (seen.get(identity) ?? 0) + 1;
    seen.set(identity, occurrence);
    return occurrence === 1 ? identity : `${identity}~${occurrence}`;
  });
}

/**
 * The stable id of the rule at `index` of a contract's rules; see
 * {@link qualityRuleKeys}.
 *
 * @public
 */
export function qualityRuleKey(
  rules: readonly QualityRule[],
  index: number,
): string | undefined {
  return qualityRuleKeys(rules.slice(0, index + 1))[index];
}
