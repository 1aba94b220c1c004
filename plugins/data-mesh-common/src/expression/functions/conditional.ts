import { Precedence } from '../precedence';
import { SqlTypes, sqlTypesEqual } from '../types';
import {
  caseWhen,
  castSql,
  param,
  renamed,
  repeated,
  signature,
  sqlAt,
} from './define';
import type { FunctionDefinition, ReturnRule } from './definition';

const { boolean } = SqlTypes;

/** The number's type; int for a bare NULL, as Spark compares it with 0. */
const NUMBER_OR_INT: ReturnRule = {
  describe: 'type of value',
  infer: ([value]) => (value.type.kind === 'null' ? SqlTypes.int : value.type),
};

/**
 * nullif's type: Spark rewrites `nullif(a, b)` to `if(a = b, NULL, a)`, so it
 * has the type of `a` (a NULL `a` takes `b`'s).
 */
const FIRST_VALUE_TYPE: ReturnRule = {
  describe: 'type of value',
  infer: ([value, other]) =>
    value.type.kind === 'null' ? other.type : value.type,
};

/** Null handling and conditional functions. */
export const conditionalFunctions: readonly FunctionDefinition[] = [
  {
    name: 'if',
    aliases: ['iff'],
    category: 'conditional',
    kind: 'scalar',
    description:
      '`then` when the condition is true, else `otherwise` (also when it is NULL).',
    signatures: [
      signature(
        [
          param('condition', 'boolean'),
          param('then', 'T'),
          param('otherwise', 'T'),
        ],
        'T',
      ),
    ],
    example: "if(2 > 1, 'yes', 'no')",
    render: {
      duckdb: ({ args: [condition, then, otherwise] }) =>
        caseWhen(condition.sql, then.sql, otherwise.sql),
    },
  },
  {
    name: 'coalesce',
    category: 'null handling',
    kind: 'scalar',
    description: 'The first value that is not NULL.',
    signatures: [signature([repeated('value', 'T')], 'T')],
    example: "coalesce(NULL, 'fallback', 'other')",
  },
  {
    name: 'nvl',
    aliases: ['ifnull'],
    category: 'null handling',
    kind: 'scalar',
    description: '`value` unless it is NULL, else `fallback`.',
    signatures: [signature([param('value', 'T'), param('fallback', 'T')], 'T')],
    example: 'nvl(NULL, 0)',
    render: { duckdb: renamed('coalesce') },
  },
  {
    name: 'nvl2',
    category: 'null handling',
    kind: 'scalar',
    description: '`ifNotNull` when `value` is not NULL, else `ifNull`.',
    signatures: [
      signature(
        [param('value', 'any'), param('ifNotNull', 'T'), param('ifNull', 'T')],
        'T',
      ),
    ],
    example: "nvl2(NULL, 'set', 'missing')",
    render: {
      duckdb: ({ args: [value, ifNotNull, ifNull] }) =>
        caseWhen(
          `${value.operand(Precedence.additive)} IS NOT NULL`,
          ifNotNull.sql,
          ifNull.sql,
        ),
    },
  },
  {
    name: 'nullif',
    category: 'null handling',
    kind: 'scalar',
    description: 'NULL when the two values are equal, else the first.',
    signatures: [
      signature([param('value', 'T'), param('other', 'T')], FIRST_VALUE_TYPE),
    ],
    example: "nullif('n/a', 'n/a')",
    render: {
      // DuckDB's nullif has the common type of both values.
      duckdb: context =>
        context.resultType.kind === 'unknown' ||
        context.args.every(arg => sqlTypesEqual(arg.type, context.resultType))
          ? context.call('nullif')
          : castSql(context, context.call('nullif'), context.resultType),
    },
  },
  {
    name: 'isnull',
    category: 'null handling',
    kind: 'scalar',
    description: 'Whether the value is NULL. Same as `value IS NULL`.',
    signatures: [signature([param('value', 'any')], boolean)],
    example: 'isnull(NULL)',
    render: {
      duckdb: ({ args: [value] }) =>
        sqlAt(
          `${value.operand(Precedence.additive)} IS NULL`,
          Precedence.predicate,
        ),
    },
  },
  {
    name: 'isnotnull',
    category: 'null handling',
    kind: 'scalar',
    description: 'Whether the value is not NULL. Same as `value IS NOT NULL`.',
    signatures: [signature([param('value', 'any')], boolean)],
    example: "isnotnull('x')",
    render: {
      duckdb: ({ args: [value] }) =>
        sqlAt(
          `${value.operand(Precedence.additive)} IS NOT NULL`,
          Precedence.predicate,
        ),
    },
  },
  {
    name: 'equal_null',
    category: 'null handling',
    kind: 'scalar',
    description:
      'Whether the values are equal, treating two NULLs as equal. Same as `<=>`.',
    signatures: [signature([param('left', 'T'), param('right', 'T')], boolean)],
    example: 'equal_null(NULL, NULL)',
    render: {
      duckdb: ({ args: [left, right] }) =>
        sqlAt(
          `${left.operand(
            Precedence.additive,
          )} IS NOT DISTINCT FROM ${right.operand(Precedence.additive)}`,
          Precedence.predicate,
        ),
    },
  },
  {
    name: 'nullifzero',
    category: 'null handling',
    kind: 'scalar',
    description: 'NULL when the number is 0, else the number.',
    signatures: [signature([param('value', 'N')], NUMBER_OR_INT)],
    example: 'nullifzero(0)',
    render: {
      duckdb: ({ args: [value] }) => `nullif(${value.sql}, 0)`,
    },
  },
  {
    name: 'zeroifnull',
    category: 'null handling',
    kind: 'scalar',
    description: '0 when the number is NULL, else the number.',
    signatures: [signature([param('value', 'N')], NUMBER_OR_INT)],
    example: 'zeroifnull(NULL)',
    render: {
      duckdb: ({ args: [value] }) => `coalesce(${value.sql}, 0)`,
    },
  },
  {
    name: 'isnan',
    category: 'null handling',
    kind: 'scalar',
    description: 'Whether the double is NaN; false for NULL.',
    signatures: [signature([param('value', 'double')], boolean)],
    example: "isnan(CAST('NaN' AS DOUBLE))",
    render: {
      duckdb: context => {
        const [value] = context.args;
        const double =
          value.type.kind === 'double'
            ? value.sql
            : castSql(context, value.sql, SqlTypes.double);
        return `coalesce(isnan(${double}), FALSE)`;
      },
    },
  },
  {
    name: 'nanvl',
    category: 'null handling',
    kind: 'scalar',
    description: '`value` unless it is NaN, else `fallback`.',
    signatures: [
      signature(
        [param('value', 'double'), param('fallback', 'double')],
        SqlTypes.double,
      ),
    ],
    example: "nanvl(CAST('NaN' AS DOUBLE), 0)",
    render: {
      duckdb: context => {
        const [value, fallback] = context.args;
        const double = (sql: string) => castSql(context, sql, SqlTypes.double);
        return caseWhen(
          `isnan(${double(value.sql)})`,
          double(fallback.sql),
          double(value.sql),
        );
      },
    },
  },
];
