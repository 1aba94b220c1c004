/**
 * The SQL of a quality check: one SELECT per rule, run on the warehouse
 * right after a pipeline wrote the table, returning one row of the same
 * shape in every dialect: `checked_rows`, `failing_rows` (both BIGINT) and
 * `observed` (a string or NULL).
 */
import { sqlDialect, SqlDialect, SqlDialectName } from '../dialect';
import { indent, selectList } from '../compiler/codegen/text';
import { SqlTypes } from '../expression';
import { primary } from '../expression/precedence';
import type { QualityRule } from '../project/schema/dataset';
import type { ScalarValue } from '../project/schema/builder';
import { checkOf } from './format';

/**
 * How many offending values a check reports as examples in `observed`.
 *
 * @public
 */
export const QUALITY_EXAMPLE_LIMIT = 5;

/** @public */
export interface QualityCheckQueryOptions {
  /**
   * The time freshness checks measure the age of the newest value against,
   * written into the SQL as a literal. Default: the current time.
   */
  readonly now?: Date;
  /**
   * The dataset's name. Custom SQL refers to the table by it
   * (`SELECT * FROM DailySummary WHERE …`), so the query defines it as a
   * CTE over `table`.
   */
  readonly datasetName?: string;
  /**
   * Whether `observed` may show values of the checked columns: examples
   * of offending values (accepted values, regex, unique) and the lowest
   * and highest value (range). Turn it off for personal or confidential
   * columns, whose values must not end up in the check history. Default
   * true.
   */
  readonly examples?: boolean;
}

/**
 * The query of a quality check, or why the rule cannot be checked.
 *
 * @public
 */
export type QualityCheckQuery =
  | { readonly sql: string; readonly problem?: undefined }
  | { readonly sql?: undefined; readonly problem: string };

class QualityQueryWriter {
  constructor(
    private readonly table: string,
    private readonly dialect: SqlDialect,
    private readonly options: QualityCheckQueryOptions,
  ) {}

  write(rule: QualityRule): QualityCheckQuery {
    switch (rule.check) {
      case 'not_null':
        return this.rowCheck(`${this.column(rule.column)} IS NULL`);
      case 'accepted_values':
        return this.acceptedValues(rule.column, rule.values);
      case 'range':
        return this.range(rule.column, rule.min, rule.max);
      case 'regex':
        return this.regex(rule.column, rule.pattern);
      case 'unique':
        return this.unique(rule.columns);
      case 'row_count':
        return this.rowCount(rule.min, rule.max);
      case 'custom_sql':
        return this.customSql(rule.sql);
      case 'freshness':
        return this.freshness(rule.column, rule.maxAgeHours);
      default:
        return { problem: `unknown quality check '${checkOf(rule)}'` };
    }
  }

  /** Rows where `failing` is true fail; `observed` as given. */
  private rowCheck(
    failing: string,
    observed = this.noObservation(),
  ): QualityCheckQuery {
    return this.query([
      ...selectList([
        'count(*) AS checked_rows',
        `count(*) FILTER (WHERE ${failing}) AS failing_rows`,
        `${observed} AS observed`,
      ]),
      `FROM ${this.table}`,
    ]);
  }

  private acceptedValues(
    column: string,
    values: readonly ScalarValue[],
  ): QualityCheckQuery {
    // NULLs are never offending, and one in the list would make NOT IN
    // unknown for every row.
    const listed = values.filter(value => value !== null);
    if (listed.length === 0) {
      return {
        problem: `accepted_values on ${column} lists no values besides null`,
      };
    }
    const literals = listed.map(value => this.literal(value!));
    const failing = `${this.column(column)} NOT IN (${literals.join(', ')})`;
    return this.rowCheck(failing, this.examplesOf(column, failing));
  }

  private range(
    column: string,
    min: number | undefined,
    max: number | undefined,
  ): QualityCheckQuery {
    const bounds = this.boundsProblem('range', min, max);
    if (bounds) return { problem: bounds };
    const quoted = this.column(column);
    const failing = [
      ...(min === undefined ? [] : [`${quoted} < ${this.number(min)}`]),
      ...(max === undefined ? [] : [`${quoted} > ${this.number(max)}`]),
    ].join(' OR ');
    const extremes = `${this.asString(
      `min(${quoted})`,
    )} || ' .. ' || ${this.asString(`max(${quoted})`)}`;
    return this.rowCheck(
      failing,
      this.options.examples === false ? this.noObservation() : extremes,
    );
  }

  private regex(column: string, pattern: string): QualityCheckQuery {
    const quoted = this.column(column);
    const literal = this.dialect.stringLiteral(pattern);
    const failing = this.dialect.regexMatch(
      primary(quoted),
      primary(literal),
      true,
    ).sql;
    return this.rowCheck(failing, this.examplesOf(column, failing));
  }

  private unique(columns: readonly string[]): QualityCheckQuery {
    if (columns.length === 0) {
      return { problem: 'unique names no columns' };
    }
    const quoted = columns.map(column => this.column(column));
    const key =
      quoted.length === 1
        ? this.asString(quoted[0])
        : `'(' || concat_ws(', ', ${quoted
            .map(column => this.asString(column))
            .join(', ')}) || ')'`;
    return this.query([
      'WITH duplicate_keys AS (',
      ...indent([
        ...selectList([...quoted, 'count(*) AS key_rows']),
        `FROM ${this.table}`,
        `WHERE ${quoted.map(column => `${column} IS NOT NULL`).join(' AND ')}`,
        `GROUP BY ${quoted.join(', ')}`,
        'HAVING count(*) > 1',
      ]),
      ')',
      ...selectList([
        `(SELECT count(*) FROM ${this.table}) AS checked_rows`,
        `${this.bigint('coalesce(sum(key_rows), 0)')} AS failing_rows`,
        `${
          this.options.examples === false
            ? this.noObservation()
            : this.examples(key, 'duplicate_keys')
        } AS observed`,
      ]),
      'FROM duplicate_keys',
    ]);
  }

  private rowCount(
    min: number | undefined,
    max: number | undefined,
  ): QualityCheckQuery {
    const bounds = this.boundsProblem('row_count', min, max);
    if (bounds) return { problem: bounds };
    const outside = [
      ...(min === undefined ? [] : [`count(*) < ${this.number(min)}`]),
      ...(max === undefined ? [] : [`count(*) > ${this.number(max)}`]),
    ].join(' OR ');
    return this.query([
      ...selectList([
        'count(*) AS checked_rows',
        `${this.bigint(
          `CASE WHEN ${outside} THEN 1 ELSE 0 END`,
        )} AS failing_rows`,
        `${this.asString('count(*)')} AS observed`,
      ]),
      `FROM ${this.table}`,
    ]);
  }

  private customSql(sql: string): QualityCheckQuery {
    // Only a trailing semicolon goes: the query sits inside parentheses.
    // Everything else stays as written, on lines of its own so that a
    // trailing line comment cannot swallow the closing parenthesis.
    const offending = sql.replace(/[\s;]+$/, '');
    if (!offending.trim()) return { problem: 'custom_sql has no query' };
    const { datasetName } = this.options;
    const alias =
      datasetName && datasetName.toLowerCase() !== this.table.toLowerCase()
        ? [
            `WITH ${this.dialect.quoteIdentifier(datasetName)} AS (`,
            `  SELECT * FROM ${this.table}`,
            ')',
          ]
        : [];
    return this.query([
      ...alias,
      ...selectList([
        `(SELECT count(*) FROM ${this.table}) AS checked_rows`,
        'count(*) AS failing_rows',
        `${this.noObservation()} AS observed`,
      ]),
      'FROM (',
      offending,
      ') AS offending_rows',
    ]);
  }

  private freshness(column: string, maxAgeHours: number): QualityCheckQuery {
    if (!Number.isFinite(maxAgeHours) || maxAgeHours < 0) {
      return { problem: 'freshness needs a maxAgeHours of 0 or more' };
    }
    const now = this.options.now ?? new Date();
    if (Number.isNaN(now.getTime())) return { problem: 'now is not a time' };
    const newest = `max(${this.column(column)})`;
    // Ages are differences of epoch seconds, from a literal of the time
    // in UTC, the time zone tables are written in.
    const { dialect } = this;
    const ageSeconds = `${dialect.epochSeconds(
      dialect.utcTimestampLiteral(now),
    )} - ${dialect.epochSeconds(newest)}`;
    return this.query([
      ...selectList([
        'checked_rows',
        `${this.bigint(
          `CASE WHEN age_hours IS NULL OR age_hours > ${this.number(
            maxAgeHours,
          )} THEN 1 ELSE 0 END`,
        )} AS failing_rows`,
        `${this.asString('round(age_hours, 2)')} AS observed`,
      ]),
      'FROM (',
      ...indent([
        ...selectList([
          'count(*) AS checked_rows',
          `(${ageSeconds}) / 3600 AS age_hours`,
        ]),
        `FROM ${this.table}`,
      ]),
      ') AS newest',
    ]);
  }

  /**
   * Up to {@link QUALITY_EXAMPLE_LIMIT} distinct values of `column` on
   * rows where `failing` holds, or NULL when examples are off.
   */
  private examplesOf(column: string, failing: string): string {
    if (this.options.examples === false) return this.noObservation();
    return this.examples(
      this.asString(this.column(column)),
      this.table,
      failing,
    );
  }

  /**
   * A scalar subquery joining, in order, up to
   * {@link QUALITY_EXAMPLE_LIMIT} distinct values of the string `value`
   * in `source` (where `condition` holds); NULL when there are none.
   */
  private examples(value: string, source: string, condition?: string): string {
    const distinct = [
      `SELECT DISTINCT ${value} AS example`,
      `FROM ${source}`,
      ...(condition ? [`WHERE ${condition}`] : []),
      'ORDER BY example',
      `LIMIT ${QUALITY_EXAMPLE_LIMIT}`,
    ];
    const joined = this.dialect.sortedStringAgg(
      'example',
      this.dialect.stringLiteral(', '),
    );
    return [
      '(',
      ...indent([
        `SELECT ${joined}`,
        'FROM (',
        ...indent(distinct),
        ') AS examples',
      ]),
      ')',
    ].join('\n');
  }

  private query(lines: readonly string[]): QualityCheckQuery {
    // Multi-line select items (the example subqueries) are indented with
    // their item.
    const sql = lines
      .flatMap(line => {
        const [first, ...rest] = line.split('\n');
        const pad = /^\s*/.exec(first)![0];
        return [first, ...rest.map(next => `${pad}${next}`)];
      })
      .join('\n');
    return { sql };
  }

  private column(name: string): string {
    return this.dialect.quoteIdentifier(name);
  }

  private literal(value: string | number | boolean): string {
    if (typeof value === 'string') {
      return this.dialect.stringLiteral(value);
    }
    if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
    return this.number(value);
  }

  /** A number from the contract as a literal: `1`, `-2.5`, `1e+21`. */
  private number(value: number): string {
    return String(value);
  }

  private boundsProblem(
    check: string,
    min: number | undefined,
    max: number | undefined,
  ): string | undefined {
    const given = [min, max].filter(bound => bound !== undefined);
    if (given.length === 0) return `${check} needs a min, a max or both`;
    if (given.some(bound => !Number.isFinite(bound))) {
      return `${check} bounds must be finite numbers`;
    }
    if (min !== undefined && max !== undefined && min > max) {
      return `${check} has a min (${min}) above its max (${max})`;
    }
    return undefined;
  }

  private asString(sql: string): string {
    return this.dialect.castSql(sql, SqlTypes.string);
  }

  private bigint(sql: string): string {
    return this.dialect.castSql(sql, SqlTypes.bigint);
  }

  private noObservation(): string {
    return this.asString('NULL');
  }
}

/**
 * The SELECT that checks `rule` on `table` (a qualified table name, used
 * as is). It returns exactly one row:
 *
 * - `checked_rows`: the rows of the table;
 * - `failing_rows`: the rows breaking the rule; for the table-level checks
 *   (`row_count`, `freshness`) 1 when the table breaks it, else 0;
 * - `observed`: what the check saw, as a string: the row count, the age of
 *   the newest value in hours, the lowest and highest value (`-3 .. 40`),
 *   or up to {@link QUALITY_EXAMPLE_LIMIT} offending values; NULL when
 *   there is nothing to show.
 *
 * Like dbt's tests, accepted values, range and regex ignore NULLs (check
 * them with `not_null`), and `unique` ignores rows with a NULL in the key.
 *
 * @public
 */
export function qualityCheckQuery(
  rule: QualityRule,
  table: string,
  dialect: SqlDialectName,
  options: QualityCheckQueryOptions = {},
): QualityCheckQuery {
  if (!table.trim()) return { problem: 'the table name is empty' };
  return new QualityQueryWriter(table, sqlDialect(dialect), options).write(
    rule,
  );
}
