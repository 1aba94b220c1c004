import { Precedence } from '../precedence';
import { SqlTypes } from '../types';
import {
  caseWhen,
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
} from './definition';
import { datetimePartFunctions } from './datetimeParts';
import {
  ADD_UNITS,
  checkUnit,
  DIFF_UNITS,
  monthsBetween,
  renderTimestampAdd,
  renderTimestampDiff,
  sparkUnitCall,
  timestampAdd,
  timestampDiff,
} from './datetimeUnits';
import { translateJavaDatePattern } from './javaDatePattern';

const { string, int, bigint, date, timestamp } = SqlTypes;

/** Checks that a literal datetime pattern argument translates to DuckDB. */
function checkPatternArgument(index: number) {
  return (args: readonly ArgumentInfo[]): ArgumentProblem | undefined => {
    const pattern = stringArgument(args, index);
    if (pattern === undefined) return undefined;
    const translation = translateJavaDatePattern(pattern);
    return translation.ok
      ? undefined
      : { message: translation.problem, argument: index };
  };
}

/**
 * Letters a pattern that reads dates must not use. Spark rejects the day of
 * the week when parsing (it only formats it); the day of the year Spark
 * resolves against the other fields (and rejects when they conflict), which
 * DuckDB's strptime does not.
 */
const UNREADABLE_LETTERS: Record<string, (pattern: string) => string> = {
  E: pattern =>
    `pattern letter 'E' (day of the week) in '${pattern}' is not supported when reading dates: Spark only formats it`,
  D: pattern =>
    `pattern letter 'D' (day of the year) in '${pattern}' is not supported when reading dates; read the date with y, M and d`,
};

/** Checks a pattern that reads dates: it must translate and be readable. */
function checkParsePatternArgument(index: number) {
  return (args: readonly ArgumentInfo[]): ArgumentProblem | undefined => {
    const pattern = stringArgument(args, index);
    if (pattern === undefined) return undefined;
    const translation = translateJavaDatePattern(pattern);
    if (!translation.ok) {
      return { message: translation.problem, argument: index };
    }
    const unreadable = translation.letters.find(
      letter => UNREADABLE_LETTERS[letter],
    );
    return unreadable
      ? {
          message: UNREADABLE_LETTERS[unreadable](pattern),
          argument: index,
        }
      : undefined;
  };
}

/** The strftime format for the pattern argument at `index`. */
function strftimeArgument(
  context: FunctionRenderContext,
  index: number,
): string {
  const translation = translateJavaDatePattern(
    stringArgument(context.args, index) ?? '',
  );
  if (!translation.ok) return context.fail(translation.problem, index);
  return stringSql(context, translation.strftime);
}

/**
 * `strptime(value, pattern)` reading what Spark reads:
 *
 * - Text Spark's parser rejects is a parse failure even where strptime
 *   would read it (`'1'` for `yy`, `'2024-3-5'` for `yyyy-MM-dd`): the
 *   raising functions raise strptime's own error, `try_strptime` gives NULL.
 * - A pattern without a year reads the year 1970, as Spark defaults missing
 *   fields to 1970-01-01, where DuckDB's strptime defaults the year to 1900.
 */
function strptimeCall(
  context: FunctionRenderContext,
  strptime: 'strptime' | 'try_strptime' = 'strptime',
): string {
  const value = context.args[0];
  const translation = translateJavaDatePattern(
    stringArgument(context.args, 1) ?? '',
  );
  if (!translation.ok) return context.fail(translation.problem, 1);
  const { strftime, parsedText } = translation;
  const specifiers = strftime.replace(/%%/g, '');
  const read = /%[YyG]/.test(specifiers)
    ? context.call(strptime, [value.sql, stringSql(context, strftime)])
    : context.call(strptime, [
        `'1970 ' || ${value.operand(Precedence.multiplicative)}`,
        stringSql(context, `%Y ${strftime}`),
      ]);
  const parsed = specifiers.includes('%y') ? inSparksCentury(read) : read;
  const matches = `regexp_full_match(${value.sql}, ${stringSql(
    context,
    parsedText,
  )}, 'i')`;
  if (strptime === 'try_strptime') {
    return `CASE WHEN ${matches} THEN ${parsed} END`;
  }
  // strptime's own message, which DuckDB's error redaction recognises.
  const unparsable = `error(${stringSql(
    context,
    'Could not parse string "',
  )} || ${value.operand(Precedence.multiplicative)} || ${stringSql(
    context,
    `" according to format specifier "${strftime}"`,
  )})`;
  return caseWhen(`NOT ${matches}`, unparsable, parsed);
}

/**
 * A timestamp read with a two-digit year (`%y`) moved to Spark's century:
 * Spark reads `yy` as 2000–2099, strptime as 1969–2068. A century apart
 * the leap years are the same, so adding 100 years keeps every date valid.
 */
function inSparksCentury(read: string): string {
  return caseWhen(`year(${read}) < 2000`, `${read} + INTERVAL 100 YEAR`, read);
}

/** What the catalogue tells about reading text with a pattern. */
const PARSE_PATTERN_NOTES =
  'As in Spark, the text must have the digits the pattern asks for: `yy` exactly two (read as 2000–2099), `yyyy` four, `y` and `yyy` at least one and three; `MM`, `dd`, `HH`, `mm`, `ss` exactly two, `M`, `d`, `H`, `m`, `s` one or two; `S…` one up to the number of letters. Patterns with `E` or `D` are refused for reading.';

/** Spark's truncation units, mapped to DuckDB's `date_trunc` parts. */
const TRUNCATION_UNITS: Record<string, string> = {
  YEAR: 'year',
  YYYY: 'year',
  YY: 'year',
  QUARTER: 'quarter',
  MONTH: 'month',
  MON: 'month',
  MM: 'month',
  WEEK: 'week',
  DAY: 'day',
  DD: 'day',
  HOUR: 'hour',
  MINUTE: 'minute',
  SECOND: 'second',
  MILLISECOND: 'millisecond',
  MICROSECOND: 'microsecond',
};
const DATE_TRUNCATION_UNITS = [
  'YEAR',
  'YYYY',
  'YY',
  'QUARTER',
  'MONTH',
  'MON',
  'MM',
  'WEEK',
];

function checkUnitArgument(index: number, allowed: readonly string[]) {
  return (args: readonly ArgumentInfo[]): ArgumentProblem | undefined => {
    const unit = stringArgument(args, index)?.toUpperCase();
    return unit !== undefined && allowed.includes(unit)
      ? undefined
      : {
          message: `unit must be one of ${allowed
            .map(u => `'${u.toLowerCase()}'`)
            .join(', ')}`,
          argument: index,
        };
  };
}

function truncationUnit(context: FunctionRenderContext, index: number): string {
  const unit =
    TRUNCATION_UNITS[(stringArgument(context.args, index) ?? '').toUpperCase()];
  if (!unit) return context.fail('unknown truncation unit', index);
  return `'${unit}'`;
}

/**
 * A date/time field extracted by a function of the same name in DuckDB,
 * whose bigint is cast to Spark's int.
 */
function field(
  name: string,
  description: string,
  parameterType: 'date' | 'timestamp',
  example: string,
): FunctionDefinition {
  return {
    name,
    category: 'datetime',
    kind: 'scalar',
    description,
    signatures: [signature([param(parameterType, parameterType)], int)],
    example,
    render: { duckdb: context => castSql(context, context.call(name), int) },
  };
}

/** Date and time functions. */
export const datetimeFunctions: readonly FunctionDefinition[] = [
  {
    name: 'current_date',
    aliases: ['curdate'],
    category: 'datetime',
    kind: 'scalar',
    description: 'The current date (at the start of the query).',
    signatures: [signature([], date)],
    example: 'current_date()',
    nondeterministic: true,
    render: { duckdb: () => 'current_date' },
  },
  {
    name: 'current_timestamp',
    aliases: ['now'],
    category: 'datetime',
    kind: 'scalar',
    description: 'The current timestamp (at the start of the query).',
    signatures: [signature([], timestamp)],
    example: 'current_timestamp()',
    nondeterministic: true,
    notes: "Both engines' session time zone is assumed to be UTC.",
    // DuckDB's current_timestamp has a time zone; Spark's timestamps do not.
    render: { duckdb: () => 'CAST(current_timestamp AS TIMESTAMP)' },
  },
  {
    name: 'date_add',
    category: 'datetime',
    kind: 'scalar',
    description:
      'The date `days` days after `start`; with a unit first, the same as `timestampadd`.',
    signatures: [
      signature([param('start', 'date'), param('days', 'int')], date),
      timestampAdd.signatures[0],
    ],
    example: "date_add(DATE '2024-02-27', 3)",
    validate: args =>
      args.length === 3 ? checkUnit(0, ADD_UNITS)(args) : undefined,
    // date + INTERVAL would give a TIMESTAMP in DuckDB; date + integer is a DATE.
    render: {
      spark: context =>
        context.args.length === 3
          ? sparkUnitCall(context, 'date_add')
          : context.call('date_add'),
      duckdb: context => {
        const { args } = context;
        if (args.length === 3) return renderTimestampAdd(context);
        return sqlAt(
          `${args[0].operand(Precedence.additive)} + ${args[1].operand(
            Precedence.multiplicative,
          )}`,
          Precedence.additive,
        );
      },
    },
  },
  {
    name: 'date_sub',
    category: 'datetime',
    kind: 'scalar',
    description: 'The date `days` days before `start`.',
    signatures: [
      signature([param('start', 'date'), param('days', 'int')], date),
    ],
    example: "date_sub(DATE '2024-03-01', 1)",
    render: {
      duckdb: ({ args }) =>
        sqlAt(
          `${args[0].operand(Precedence.additive)} - ${args[1].operand(
            Precedence.multiplicative,
          )}`,
          Precedence.additive,
        ),
    },
  },
  {
    name: 'datediff',
    aliases: ['date_diff'],
    category: 'datetime',
    kind: 'scalar',
    description:
      'The number of days from `start` to `end`; with a unit first, the same as `timestampdiff`.',
    signatures: [
      signature([param('end', 'date'), param('start', 'date')], int),
      timestampDiff.signatures[0],
    ],
    example: "datediff(DATE '2024-03-05', DATE '2024-03-01')",
    validate: args =>
      args.length === 3 ? checkUnit(0, DIFF_UNITS)(args) : undefined,
    render: {
      spark: context =>
        context.args.length === 3
          ? sparkUnitCall(context, 'datediff')
          : context.call('datediff'),
      duckdb: context =>
        context.args.length === 3
          ? renderTimestampDiff(context, 0)
          : castSql(
              context,
              context.call('datediff', [
                "'day'",
                context.args[1].sql,
                context.args[0].sql,
              ]),
              int,
            ),
    },
  },
  {
    name: 'add_months',
    category: 'datetime',
    kind: 'scalar',
    description:
      'The date `months` months after `start`, moved back to the last day of a shorter month.',
    signatures: [
      signature([param('start', 'date'), param('months', 'int')], date),
    ],
    example: "add_months(DATE '2024-01-31', 1)",
    render: {
      duckdb: context =>
        castSql(
          context,
          `${context.args[0].operand(Precedence.additive)} + to_months(${
            context.args[1].sql
          })`,
          date,
        ),
    },
  },
  {
    name: 'last_day',
    category: 'datetime',
    kind: 'scalar',
    description: 'The last day of the month of the date.',
    signatures: [signature([param('date', 'date')], date)],
    example: "last_day(DATE '2024-02-10')",
  },
  {
    name: 'make_date',
    category: 'datetime',
    kind: 'scalar',
    description: 'The date with the given year, month and day.',
    signatures: [
      signature(
        [param('year', 'int'), param('month', 'int'), param('day', 'int')],
        date,
      ),
    ],
    example: 'make_date(2024, 3, 5)',
  },
  {
    name: 'make_timestamp',
    category: 'datetime',
    kind: 'scalar',
    description:
      'The timestamp with the given fields; `sec` may have a fraction.',
    signatures: [
      signature(
        [
          param('year', 'int'),
          param('month', 'int'),
          param('day', 'int'),
          param('hour', 'int'),
          param('min', 'int'),
          param('sec', 'double'),
        ],
        timestamp,
      ),
    ],
    example: 'make_timestamp(2024, 3, 5, 13, 4, 5.5)',
    render: {
      // Spark takes seconds from 0 to 60 (60 carries into the next minute)
      // and raises for others; DuckDB carries any excess.
      duckdb: context => {
        const sec = context.args[5].operand(Precedence.comparison + 1);
        const invalid = castSql(
          context,
          "error('[INVALID_FRACTION_OF_SECOND] make_timestamp: seconds must be from 0 to 60')",
          timestamp,
        );
        return `CASE WHEN ${sec} < 0 OR ${sec} > 60 THEN ${invalid} ELSE ${context.call(
          'make_timestamp',
        )} END`;
      },
    },
  },
  {
    name: 'date_format',
    category: 'datetime',
    kind: 'scalar',
    description:
      'The date or timestamp formatted with a Spark datetime pattern such as `yyyy-MM-dd HH:mm`.',
    signatures: [
      signature([param('ts', 'timestamp'), literal('fmt', 'string')], string),
    ],
    example: "date_format(TIMESTAMP '2024-03-05 13:04:05', 'dd.MM.yyyy HH:mm')",
    notes:
      'Pattern letters y M L d D H h m s S a E are translated to strftime; others are rejected.',
    validate: checkPatternArgument(1),
    render: {
      duckdb: context =>
        context.call('strftime', [
          context.args[0].sql,
          strftimeArgument(context, 1),
        ]),
    },
  },
  {
    name: 'to_date',
    category: 'datetime',
    kind: 'scalar',
    description:
      'The string read as a date (optionally with a Spark datetime pattern), or the date of a timestamp.',
    signatures: [
      signature(
        [param('str', 'string'), optional('fmt', 'string', { literal: true })],
        date,
      ),
      signature([param('ts', 'timestamp')], date),
    ],
    example: "to_date('05/03/2024', 'dd/MM/yyyy')",
    notes: PARSE_PATTERN_NOTES,
    validate: checkParsePatternArgument(1),
    render: {
      duckdb: context => {
        const [value, pattern] = context.args;
        if (!pattern) return castSql(context, value.sql, date);
        return castSql(context, strptimeCall(context), date);
      },
    },
  },
  {
    name: 'to_timestamp',
    aliases: ['to_timestamp_ntz', 'to_timestamp_ltz'],
    category: 'datetime',
    kind: 'scalar',
    description:
      'The string read as a timestamp (optionally with a Spark datetime pattern), or a date as a timestamp.',
    signatures: [
      signature(
        [param('str', 'string'), optional('fmt', 'string', { literal: true })],
        timestamp,
      ),
      signature([param('ts', 'timestamp')], timestamp),
    ],
    example: "to_timestamp('2024-03-05 13:04', 'yyyy-MM-dd HH:mm')",
    notes: PARSE_PATTERN_NOTES,
    validate: checkParsePatternArgument(1),
    render: {
      duckdb: context => {
        const [value, pattern] = context.args;
        if (!pattern) return castSql(context, value.sql, timestamp);
        return strptimeCall(context);
      },
    },
  },
  ...(['date', 'timestamp'] as const).map(
    (kind): FunctionDefinition => ({
      name: `try_to_${kind}`,
      category: 'datetime',
      kind: 'scalar',
      description: `The string read as a ${kind} (optionally with a Spark datetime pattern), or NULL when it does not match.`,
      signatures: [
        signature(
          [
            param('str', 'string'),
            optional('fmt', 'string', { literal: true }),
          ],
          SqlTypes[kind],
        ),
      ],
      example: `try_to_${kind}('2024-02-30', 'yyyy-MM-dd')`,
      notes: PARSE_PATTERN_NOTES,
      validate: checkParsePatternArgument(1),
      render: {
        duckdb: context => {
          const [value, pattern] = context.args;
          if (!pattern) {
            return context.dialect.castSql(value.sql, SqlTypes[kind], true);
          }
          const parsed = strptimeCall(context, 'try_strptime');
          return kind === 'date' ? castSql(context, parsed, date) : parsed;
        },
      },
    }),
  ),
  {
    name: 'trunc',
    category: 'datetime',
    kind: 'scalar',
    description:
      "The date truncated to the start of its 'year', 'quarter', 'month' or 'week' (Monday).",
    signatures: [
      signature([param('date', 'date'), literal('unit', 'string')], date),
    ],
    example: "trunc(DATE '2024-05-17', 'month')",
    validate: checkUnitArgument(1, DATE_TRUNCATION_UNITS),
    render: {
      duckdb: context =>
        castSql(
          context,
          context.call('date_trunc', [
            truncationUnit(context, 1),
            context.args[0].sql,
          ]),
          date,
        ),
    },
  },
  {
    name: 'date_trunc',
    category: 'datetime',
    kind: 'scalar',
    description:
      "The timestamp truncated to the start of its 'year', 'quarter', 'month', 'week', 'day', 'hour', 'minute' or 'second'.",
    signatures: [
      signature(
        [literal('unit', 'string'), param('ts', 'timestamp')],
        timestamp,
      ),
    ],
    example: "date_trunc('hour', TIMESTAMP '2024-05-17 13:45:10')",
    validate: checkUnitArgument(0, Object.keys(TRUNCATION_UNITS)),
    render: {
      duckdb: context =>
        context.call('date_trunc', [
          truncationUnit(context, 0),
          context.args[1].sql,
        ]),
    },
  },
  field('year', 'The year of the date.', 'date', "year(DATE '2024-03-05')"),
  field(
    'quarter',
    'The quarter (1–4) of the date.',
    'date',
    "quarter(DATE '2024-05-17')",
  ),
  field(
    'month',
    'The month (1–12) of the date.',
    'date',
    "month(DATE '2024-03-05')",
  ),
  {
    ...field(
      'day',
      'The day of the month (1–31) of the date.',
      'date',
      "day(DATE '2024-03-05')",
    ),
    aliases: ['dayofmonth'],
  },
  {
    ...field(
      'dayofweek',
      'The day of the week of the date, from 1 (Sunday) to 7 (Saturday).',
      'date',
      "dayofweek(DATE '2024-03-09')",
    ),
    // DuckDB counts from 0 (Sunday).
    render: {
      duckdb: context =>
        castSql(context, `${context.call('dayofweek')} + 1`, int),
    },
  },
  field(
    'dayofyear',
    'The day of the year (1–366) of the date.',
    'date',
    "dayofyear(DATE '2024-12-31')",
  ),
  field(
    'weekofyear',
    'The ISO 8601 week number (1–53) of the date.',
    'date',
    "weekofyear(DATE '2024-12-30')",
  ),
  field(
    'hour',
    'The hour (0–23) of the timestamp.',
    'timestamp',
    "hour(TIMESTAMP '2024-03-05 13:04:05')",
  ),
  field(
    'minute',
    'The minute (0–59) of the timestamp.',
    'timestamp',
    "minute(TIMESTAMP '2024-03-05 13:04:05')",
  ),
  field(
    'second',
    'The second (0–59) of the timestamp, without the fraction.',
    'timestamp',
    "second(TIMESTAMP '2024-03-05 13:04:05.750')",
  ),
  {
    name: 'unix_timestamp',
    aliases: ['to_unix_timestamp'],
    category: 'datetime',
    kind: 'scalar',
    description:
      'The number of seconds from 1970-01-01 00:00:00 UTC to the timestamp, or to the string read with a Spark datetime pattern.',
    signatures: [
      signature([param('ts', 'timestamp')], bigint),
      signature([param('str', 'string'), literal('fmt', 'string')], bigint),
    ],
    example: "unix_timestamp(TIMESTAMP '2024-01-01 00:00:00')",
    notes: `Both engines' session time zone is assumed to be UTC. ${PARSE_PATTERN_NOTES}`,
    validate: checkParsePatternArgument(1),
    render: {
      duckdb: context => {
        const time =
          context.args.length === 2
            ? strptimeCall(context)
            : context.args[0].sql;
        return castSql(context, `floor(epoch(${time}))`, bigint);
      },
    },
  },
  {
    name: 'timestamp_seconds',
    category: 'datetime',
    kind: 'scalar',
    description:
      'The timestamp `seconds` seconds after 1970-01-01 00:00:00 UTC.',
    signatures: [signature([param('seconds', 'bigint')], timestamp)],
    example: 'timestamp_seconds(1704067200)',
    notes: "Both engines' session time zone is assumed to be UTC.",
    render: {
      duckdb: context =>
        context.call('make_timestamp', [
          `${castSql(context, context.args[0].sql, bigint)} * 1000000`,
        ]),
    },
  },
  monthsBetween,
  timestampDiff,
  timestampAdd,
  ...datetimePartFunctions,
];
