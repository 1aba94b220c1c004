/**
 * Fields of dates and timestamps by name (`date_part`, `extract`), and the
 * smaller date functions Spark users reach for: `next_day`, `weekday`,
 * epoch conversions.
 */
import { Precedence } from '../precedence';
import { SqlTypes } from '../types';
import {
  castSql,
  literal,
  optional,
  param,
  signature,
  sqlAt,
  stringArgument,
  stringSql,
} from './define';
import type {
  ArgumentInfo,
  ArgumentProblem,
  FunctionDefinition,
  FunctionRenderContext,
  ReturnRule,
} from './definition';
import { translateJavaDatePattern } from './javaDatePattern';

const { int, bigint, date, timestamp, string } = SqlTypes;

/** Spark's `date_part` fields by every spelling, with their DuckDB SQL. */
const FIELDS: Record<string, (ts: string) => string> = {};
function field(names: string, sql: (ts: string) => string) {
  for (const name of names.split(' ')) FIELDS[name] = sql;
}
field('YEAR Y YEARS YR YRS', ts => `year(${ts})`);
field('YEAROFWEEK', ts => `isoyear(${ts})`);
field('QUARTER QTR', ts => `quarter(${ts})`);
field('MONTH MON MONS MONTHS', ts => `month(${ts})`);
field('WEEK W WEEKS', ts => `week(${ts})`);
field('DAY D DAYS', ts => `day(${ts})`);
// Spark counts from Sunday = 1, DuckDB from Sunday = 0.
field('DAYOFWEEK DOW', ts => `dayofweek(${ts}) + 1`);
field('DAYOFWEEK_ISO DOW_ISO', ts => `isodow(${ts})`);
field('DOY', ts => `dayofyear(${ts})`);
field('HOUR H HOURS HR HRS', ts => `hour(${ts})`);
field('MINUTE M MIN MINS MINUTES', ts => `minute(${ts})`);
const SECOND_FIELDS = ['SECOND', 'S', 'SEC', 'SECONDS', 'SECS'];
field(SECOND_FIELDS.join(' '), ts => `microsecond(${ts}) / 1000000`);

/** Spark's seconds with their fraction: decimal(8,6). */
const SECONDS_TYPE = SqlTypes.decimal(8, 6);

const fieldName = (args: readonly { literal?: ArgumentInfo['literal'] }[]) =>
  (stringArgument(args as ArgumentInfo[], 0) ?? '').toUpperCase();

const fieldResult: ReturnRule = {
  describe: 'int; decimal(8,6) for SECOND',
  infer: args => (SECOND_FIELDS.includes(fieldName(args)) ? SECONDS_TYPE : int),
};

function checkField(
  args: readonly ArgumentInfo[],
): ArgumentProblem | undefined {
  return FIELDS[fieldName(args)]
    ? undefined
    : {
        message:
          'the field must be one of YEAR, YEAROFWEEK, QUARTER, MONTH, WEEK, DAY, DAYOFWEEK, DAYOFWEEK_ISO, DOY, HOUR, MINUTE or SECOND (or their abbreviations)',
        argument: 0,
      };
}

/** Spark's day-of-week names, as DuckDB's `dayofweek` numbers (Sunday 0). */
const DAYS_OF_WEEK: Record<string, number> = {};
[
  'SU SUN SUNDAY',
  'MO MON MONDAY',
  'TU TUE TUESDAY',
  'WE WED WEDNESDAY',
  'TH THU THURSDAY',
  'FR FRI FRIDAY',
  'SA SAT SATURDAY',
].forEach((names, day) => {
  for (const name of names.split(' ')) DAYS_OF_WEEK[name] = day;
});

const dayOfWeek = (args: readonly ArgumentInfo[]) =>
  DAYS_OF_WEEK[(stringArgument(args, 1) ?? '').trim().toUpperCase()];

/** A timestamp parameter's SQL, already converted from a date or string. */
function timestampSql(context: FunctionRenderContext, index: number): string {
  return context.args[index].sql;
}

/** Date fields and epoch conversions. */
export const datetimePartFunctions: readonly FunctionDefinition[] = [
  {
    name: 'date_part',
    aliases: ['extract', 'datepart'],
    category: 'datetime',
    kind: 'scalar',
    description:
      "The field of a date or timestamp named by `field` ('YEAR', 'QUARTER', 'MONTH', 'WEEK', 'DAY', 'DAYOFWEEK', 'DAYOFWEEK_ISO', 'DOY', 'HOUR', 'MINUTE', 'SECOND' …). `extract(YEAR FROM d)` is the same.",
    signatures: [
      signature(
        [literal('field', 'string'), param('source', 'timestamp')],
        fieldResult,
      ),
    ],
    example: "extract(DOW FROM DATE '2024-03-09')",
    notes: 'SECOND has its fraction: a decimal(8,6), as in Spark.',
    validate: checkField,
    render: {
      duckdb: context => {
        const sql = FIELDS[fieldName(context.args)];
        if (!sql) return context.fail('unknown field', 0);
        return castSql(
          context,
          sql(timestampSql(context, 1)),
          context.resultType,
        );
      },
    },
  },
  {
    name: 'next_day',
    category: 'datetime',
    kind: 'scalar',
    description:
      "The first date after `start` that falls on `dayOfWeek` ('MO', 'Mon', 'Monday', …).",
    signatures: [
      signature([param('start', 'date'), literal('dayOfWeek', 'string')], date),
    ],
    example: "next_day(DATE '2024-03-09', 'Mon')",
    validate: args =>
      dayOfWeek(args) === undefined
        ? {
            message:
              "dayOfWeek must name a day of the week: 'SU', 'SUN', 'SUNDAY', 'MO', … 'SATURDAY'",
            argument: 1,
          }
        : undefined,
    render: {
      duckdb: context => {
        const start = context.args[0].operand(Precedence.additive);
        const day = dayOfWeek(context.args);
        // The next date is 1 to 7 days later.
        const days = castSql(
          context,
          `1 + ((${day} - dayofweek(${start}) - 1) % 7 + 7) % 7`,
          int,
        );
        return sqlAt(`${start} + ${days}`, Precedence.additive);
      },
    },
  },
  {
    name: 'dayname',
    category: 'datetime',
    kind: 'scalar',
    description:
      "The three-letter English name of the date's day: 'Mon' … 'Sun'.",
    signatures: [signature([param('date', 'date')], string)],
    example: "dayname(DATE '2024-03-09')",
    render: { duckdb: context => `left(${context.call('dayname')}, 3)` },
  },
  {
    name: 'monthname',
    category: 'datetime',
    kind: 'scalar',
    description:
      "The three-letter English name of the date's month: 'Jan' … 'Dec'.",
    signatures: [signature([param('date', 'date')], string)],
    example: "monthname(DATE '2024-03-09')",
    render: { duckdb: context => `left(${context.call('monthname')}, 3)` },
  },
  {
    name: 'weekday',
    category: 'datetime',
    kind: 'scalar',
    description:
      'The day of the week of the date, from 0 (Monday) to 6 (Sunday).',
    signatures: [signature([param('date', 'date')], int)],
    example: "weekday(DATE '2024-03-10')",
    render: {
      duckdb: context =>
        castSql(context, `isodow(${context.args[0].sql}) - 1`, int),
    },
  },
  {
    name: 'from_unixtime',
    category: 'datetime',
    kind: 'scalar',
    description:
      "The time `seconds` seconds after 1970-01-01 00:00:00 UTC as a string, formatted with a Spark datetime pattern (default 'yyyy-MM-dd HH:mm:ss').",
    signatures: [
      signature(
        [
          param('seconds', 'bigint'),
          optional('fmt', 'string', { literal: true }),
        ],
        string,
      ),
    ],
    example: "from_unixtime(1709643845, 'yyyy-MM-dd HH:mm')",
    notes: "Both engines' session time zone is assumed to be UTC.",
    validate: args => {
      const pattern = stringArgument(args, 1);
      if (pattern === undefined) return undefined;
      const translation = translateJavaDatePattern(pattern);
      return translation.ok
        ? undefined
        : { message: translation.problem, argument: 1 };
    },
    render: {
      duckdb: context => {
        const translation = translateJavaDatePattern(
          stringArgument(context.args, 1) ?? 'yyyy-MM-dd HH:mm:ss',
        );
        if (!translation.ok) return context.fail(translation.problem, 1);
        return context.call('strftime', [
          `make_timestamp(${castSql(
            context,
            context.args[0].sql,
            bigint,
          )} * 1000000)`,
          stringSql(context, translation.strftime),
        ]);
      },
    },
  },
  {
    name: 'unix_date',
    category: 'datetime',
    kind: 'scalar',
    description: 'The number of days from 1970-01-01 to the date.',
    signatures: [signature([param('date', 'date')], int)],
    example: "unix_date(DATE '2024-03-05')",
    render: {
      duckdb: context =>
        castSql(
          context,
          `${context.args[0].operand(Precedence.additive)} - DATE '1970-01-01'`,
          int,
        ),
    },
  },
  {
    name: 'date_from_unix_date',
    category: 'datetime',
    kind: 'scalar',
    description: 'The date `days` days after 1970-01-01.',
    signatures: [signature([param('days', 'int')], date)],
    example: 'date_from_unix_date(19787)',
    render: {
      duckdb: context =>
        sqlAt(
          `DATE '1970-01-01' + ${context.args[0].operand(
            Precedence.multiplicative,
          )}`,
          Precedence.additive,
        ),
    },
  },
  ...(
    [
      ['unix_seconds', 'seconds', 'epoch', 1],
      ['unix_millis', 'milliseconds', 'epoch_ms', 1],
      ['unix_micros', 'microseconds', 'epoch_us', 1],
    ] as const
  ).map(
    ([name, unit, duckdbName]): FunctionDefinition => ({
      name,
      category: 'datetime',
      kind: 'scalar',
      description: `The number of ${unit} from 1970-01-01 00:00:00 UTC to the timestamp, truncated.`,
      signatures: [signature([param('ts', 'timestamp')], bigint)],
      example: `${name}(TIMESTAMP '2024-01-01 00:00:01.5')`,
      notes: "Both engines' session time zone is assumed to be UTC.",
      render: {
        duckdb: context =>
          name === 'unix_seconds'
            ? castSql(context, `floor(${context.call(duckdbName)})`, bigint)
            : context.call(duckdbName),
      },
    }),
  ),
  ...(
    [
      ['timestamp_millis', 'milliseconds', 1000],
      ['timestamp_micros', 'microseconds', 1],
    ] as const
  ).map(
    ([name, unit, factor]): FunctionDefinition => ({
      name,
      category: 'datetime',
      kind: 'scalar',
      description: `The timestamp \`${unit}\` ${unit} after 1970-01-01 00:00:00 UTC.`,
      signatures: [signature([param(unit, 'bigint')], timestamp)],
      example: `${name}(1704067200${factor === 1 ? '000000' : '000'})`,
      notes: "Both engines' session time zone is assumed to be UTC.",
      render: {
        duckdb: context => {
          const value = castSql(context, context.args[0].sql, bigint);
          return context.call('make_timestamp', [
            factor === 1 ? value : `${value} * ${factor}`,
          ]);
        },
      },
    }),
  ),
];
