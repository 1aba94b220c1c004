/**
 * Differences and sums of dates and timestamps in calendar units:
 * `months_between`, `timestampdiff` (and the three-argument `datediff`) and
 * `timestampadd` (`dateadd`, three-argument `date_add`), with Spark's
 * meaning written out for DuckDB, whose own `date_diff` counts unit
 * boundaries and whose `date_sub` treats month ends differently.
 */
import { Precedence } from '../precedence';
import { SqlTypes } from '../types';
import {
  castSql,
  literal,
  optional,
  param,
  signature,
  stringArgument,
} from './define';
import type {
  ArgumentInfo,
  ArgumentProblem,
  FunctionDefinition,
  FunctionRenderContext,
  RenderedArgument,
} from './definition';

const { bigint, double, timestamp } = SqlTypes;

/** The units of `timestampdiff`, Spark's `timestampDiffMap`. */
export const DIFF_UNITS = [
  'YEAR',
  'QUARTER',
  'MONTH',
  'WEEK',
  'DAY',
  'HOUR',
  'MINUTE',
  'SECOND',
  'MILLISECOND',
  'MICROSECOND',
];

/** The units of `timestampadd`: those of differences and DAYOFYEAR. */
export const ADD_UNITS = [...DIFF_UNITS, 'DAYOFYEAR'];

/** Microseconds per unit, for the units of fixed length. */
const MICROSECONDS: Record<string, number> = {
  WEEK: 7 * 86_400_000_000,
  DAY: 86_400_000_000,
  HOUR: 3_600_000_000,
  MINUTE: 60_000_000,
  SECOND: 1_000_000,
  MILLISECOND: 1_000,
  MICROSECOND: 1,
};

/** Checks a literal unit argument against `units`. */
export function checkUnit(index: number, units: readonly string[]) {
  return (args: readonly ArgumentInfo[]): ArgumentProblem | undefined => {
    const unit = stringArgument(args, index)?.toUpperCase();
    return unit !== undefined && units.includes(unit)
      ? undefined
      : {
          message: `the unit must be one of ${units.join(', ')}`,
          argument: index,
        };
  };
}

/**
 * A timestamp parameter's SQL. The renderer has already converted dates and
 * strings to timestamps, as Spark converts them implicitly.
 */
function asTimestamp(_context: FunctionRenderContext, arg: RenderedArgument) {
  return arg.operand(Precedence.postfix);
}

/** A timestamp parameter's date. */
function asDate(context: FunctionRenderContext, arg: RenderedArgument) {
  return castSql(context, arg.sql, SqlTypes.date);
}

/** Months since year 0 times 32 plus the day, as Java's `monthsUntil` packs dates. */
const packedDate = (date: string) =>
  `((year(${date}) * 12 + month(${date}) - 1) * 32 + day(${date}))`;

/**
 * Java's `ChronoUnit.MONTHS.between` of two local date-times, which Spark's
 * `timestampdiff` uses: whole months, the end moved back (or forward) a day
 * when its time of day has not reached the start's.
 */
function wholeMonths(
  context: FunctionRenderContext,
  start: RenderedArgument,
  end: RenderedArgument,
): string {
  const startDate = asDate(context, start);
  let endDate = asDate(context, end);
  if (start.type.kind !== 'date' || end.type.kind !== 'date') {
    const time = (arg: RenderedArgument) =>
      `CAST(${asTimestamp(context, arg)} AS TIME)`;
    const [startTime, endTime] = [time(start), time(end)];
    endDate =
      `CASE WHEN ${endDate} > ${startDate} AND ${endTime} < ${startTime} THEN ${endDate} - 1` +
      ` WHEN ${endDate} < ${startDate} AND ${endTime} > ${startTime} THEN ${endDate} + 1` +
      ` ELSE ${endDate} END`;
  }
  // divide() is DuckDB's integer division (`//`), truncating toward zero.
  return `divide(${packedDate(`(${endDate})`)} - ${packedDate(startDate)}, 32)`;
}

/** `timestampdiff(unit, start, end)` for DuckDB: whole units, truncated. */
export function renderTimestampDiff(
  context: FunctionRenderContext,
  unitIndex: number,
): string {
  const unit = (stringArgument(context.args, unitIndex) ?? '').toUpperCase();
  const start = context.args[unitIndex + 1];
  const end = context.args[unitIndex + 2];
  const micros = MICROSECONDS[unit];
  if (micros !== undefined) {
    const difference = `epoch_us(${asTimestamp(
      context,
      end,
    )}) - epoch_us(${asTimestamp(context, start)})`;
    return micros === 1
      ? `(${difference})`
      : `divide(${difference}, ${micros})`;
  }
  const months = wholeMonths(context, start, end);
  if (unit === 'MONTH') return months;
  if (unit === 'QUARTER') return `divide(${months}, 3)`;
  if (unit === 'YEAR') return `divide(${months}, 12)`;
  return context.fail(`unknown unit '${unit}'`, unitIndex);
}

/** DuckDB's interval constructor for `quantity` units. */
function intervalOf(unit: string, quantity: string): string {
  switch (unit) {
    case 'YEAR':
      return `to_years(${quantity})`;
    case 'QUARTER':
      return `to_months(3 * ${quantity})`;
    case 'MONTH':
      return `to_months(${quantity})`;
    case 'WEEK':
      return `to_weeks(${quantity})`;
    case 'DAY':
    case 'DAYOFYEAR':
      return `to_days(${quantity})`;
    case 'HOUR':
      return `to_hours(${quantity})`;
    case 'MINUTE':
      return `to_minutes(${quantity})`;
    case 'SECOND':
      return `to_seconds(${quantity})`;
    case 'MILLISECOND':
      return `to_milliseconds(${quantity})`;
    default:
      return `to_microseconds(${quantity})`;
  }
}

/** `name(UNIT, …)`: the unit written as the keyword Spark's grammar wants. */
export function sparkUnitCall(
  context: FunctionRenderContext,
  name: string,
): string {
  const keyword = (stringArgument(context.args, 0) ?? '').toUpperCase();
  // Anything but a unit is written as it came (an unchecked tree).
  if (!/^[A-Z]+$/.test(keyword)) return context.call(name);
  const rest = context.args.slice(1).map(arg => arg.sql);
  return `${name}(${[keyword, ...rest].join(', ')})`;
}

/** `timestampadd(unit, quantity, ts)` for DuckDB. */
export function renderTimestampAdd(context: FunctionRenderContext): string {
  const unit = (stringArgument(context.args, 0) ?? '').toUpperCase();
  const [, quantity, ts] = context.args;
  return castSql(
    context,
    `${asTimestamp(context, ts)} + ${intervalOf(unit, quantity.sql)}`,
    timestamp,
  );
}

/** Spark's `timestampdiff` (and `datediff` with a unit first). */
export const timestampDiff: FunctionDefinition = {
  name: 'timestampdiff',
  category: 'datetime',
  kind: 'scalar',
  description:
    'The number of whole `unit`s (YEAR, QUARTER, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND) from `start` to `end`, truncated toward zero.',
  signatures: [
    signature(
      [
        literal('unit', 'string'),
        param('start', 'timestamp'),
        param('end', 'timestamp'),
      ],
      bigint,
    ),
  ],
  example:
    "timestampdiff(MONTH, TIMESTAMP '2024-01-31 10:00:00', TIMESTAMP '2024-03-31 09:00:00')",
  notes: 'The unit is a keyword, as in Spark: `timestampdiff(MONTH, a, b)`.',
  validate: checkUnit(0, DIFF_UNITS),
  render: {
    spark: context => sparkUnitCall(context, 'timestampdiff'),
    duckdb: context => renderTimestampDiff(context, 0),
  },
};

/** Spark's `timestampadd` (`dateadd`, and `date_add` with a unit first). */
export const timestampAdd: FunctionDefinition = {
  name: 'timestampadd',
  aliases: ['dateadd'],
  category: 'datetime',
  kind: 'scalar',
  description:
    'The timestamp `quantity` `unit`s after `ts`; months and years end on the last day of a shorter month.',
  signatures: [
    signature(
      [
        literal('unit', 'string'),
        param('quantity', 'bigint'),
        param('ts', 'timestamp'),
      ],
      timestamp,
    ),
  ],
  example: "timestampadd(MONTH, 1, TIMESTAMP '2024-01-31 10:00:00')",
  notes: 'The unit is a keyword, as in Spark: `timestampadd(HOUR, 2, ts)`.',
  validate: checkUnit(0, ADD_UNITS),
  render: {
    spark: context => sparkUnitCall(context, 'timestampadd'),
    duckdb: renderTimestampAdd,
  },
};

/**
 * Spark's `months_between`: whole months when both days of month are equal
 * or both are month ends, else months plus the difference in seconds over
 * a 31-day month, rounded to 8 digits unless `roundOff` is false.
 */
export const monthsBetween: FunctionDefinition = {
  name: 'months_between',
  category: 'datetime',
  kind: 'scalar',
  description:
    'The months from `start` to `end`: whole when the days of month are equal or both are month ends, else counting 31 days a month; rounded to 8 digits unless `roundOff` is false.',
  signatures: [
    signature(
      [
        param('end', 'timestamp'),
        param('start', 'timestamp'),
        optional('roundOff', 'boolean', { literal: true }),
      ],
      double,
    ),
  ],
  example: "months_between(DATE '2024-03-15', DATE '2024-02-01')",
  render: {
    duckdb: context => {
      const [end, start, roundOff] = context.args;
      const e = asTimestamp(context, end);
      const s = asTimestamp(context, start);
      const monthEnd = (ts: string) =>
        `${castSql(context, ts, SqlTypes.date)} = last_day(${ts})`;
      const seconds = (ts: string) =>
        `(hour(${ts}) * 3600 + minute(${ts}) * 60 + second(${ts}))`;
      const months = `((year(${e}) - year(${s})) * 12 + month(${e}) - month(${s}))`;
      const fraction = `((day(${e}) - day(${s})) * 86400 + ${seconds(
        e,
      )} - ${seconds(s)}) / 2678400.0`;
      const exact = `${months} + ${fraction}`;
      // Java's Math.round: halves up, toward positive infinity.
      const rounded =
        roundOff?.literal?.type === 'boolean' && !roundOff.literal.value
          ? exact
          : `floor((${exact}) * 1e8 + 0.5) / 1e8`;
      return `CASE WHEN day(${e}) = day(${s}) OR (${monthEnd(e)} AND ${monthEnd(
        s,
      )}) THEN ${castSql(context, months, double)} ELSE ${rounded} END`;
    },
  },
};
