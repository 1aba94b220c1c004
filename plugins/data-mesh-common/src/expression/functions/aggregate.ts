import { sparkDivision } from '../../dialect/duckdbNumbers';
import { numericResultType } from '../operatorTypes';
import { Precedence } from '../precedence';
import { boundedDecimal } from '../typeRules';
import { isIntegralType, SqlType, SqlTypes } from '../types';
import { atResultType, castSql, param, renamed, signature } from './define';
import type {
  FunctionDefinition,
  FunctionRenderer,
  RenderedArgument,
  ReturnRule,
} from './definition';

const { bigint, boolean, double, unknown } = SqlTypes;

/** Spark's sum: bigint for integers, a wider decimal for decimals. */
const sumResult: ReturnRule = {
  describe:
    'bigint for int/bigint, decimal(p+10,s) for decimal(p,s), else double',
  infer: ([x]) => {
    if (isIntegralType(x.type)) return bigint;
    if (x.type.kind === 'decimal')
      return boundedDecimal(x.type.precision + 10, x.type.scale);
    return x.type.kind === 'unknown' ? unknown : double;
  },
};

/** Spark's avg: double, or a decimal with 4 more digits of scale. */
const averageResult: ReturnRule = {
  describe: 'double; decimal(p+4,s+4) for decimal(p,s)',
  infer: ([x]) => {
    if (x.type.kind === 'decimal') {
      return boundedDecimal(x.type.precision + 4, x.type.scale + 4);
    }
    return x.type.kind === 'unknown' ? unknown : double;
  },
};

/**
 * collect_list / collect_set: Spark skips NULLs and collects an empty array
 * from a group without values; DuckDB's list keeps NULLs and gives NULL for
 * an empty group.
 */
function collect(distinct: boolean): FunctionRenderer {
  return context => {
    const value = context.args[0].sql;
    const list = context.call('list', [value], {
      filter: `${context.args[0].operand(Precedence.additive)} IS NOT NULL`,
      distinct: distinct || context.distinct,
    });
    return `coalesce(${list}, [])`;
  };
}

/**
 * avg on DuckDB. DuckDB averages decimals in double; Spark's average of
 * decimal(p,s) is its sum (decimal(p+10,s)) divided exactly by the count
 * (decimal(20,0)), by the rules of `/`, then cast to decimal(p+4,s+4),
 * both HALF_UP; NULL for a group without values.
 */
const decimalAverage: FunctionRenderer = context => {
  const [value] = context.args;
  const { resultType } = context;
  if (value.type.kind !== 'decimal' || resultType.kind !== 'decimal') {
    return context.call('avg');
  }
  const sumType = boundedDecimal(value.type.precision + 10, value.type.scale);
  const argument = (sql: string, type: SqlType): RenderedArgument => ({
    sql,
    precedence: Precedence.primary,
    type,
    operand: () => sql,
  });
  const sum = argument(castSql(context, context.call('sum'), sumType), sumType);
  const count = argument(context.call('count'), bigint);
  // A group without values has a NULL sum and a zero count: NULL.
  const quotient = sparkDivision(
    sum,
    count,
    numericResultType('/', sum, count),
    (sql, type) => castSql(context, sql, type),
    'null',
  );
  return castSql(context, quotient.sql, resultType);
};

/** An aggregate over one argument that DuckDB spells the same way. */
function aggregate(
  name: string,
  description: string,
  parameterType: 'T' | 'numeric' | 'double' | 'boolean' | 'any',
  returns: FunctionDefinition['signatures'][number]['returns'],
  example: string,
): FunctionDefinition {
  return {
    name,
    category: 'aggregate',
    kind: 'aggregate',
    description,
    signatures: [signature([param('value', parameterType)], returns)],
    example,
  };
}

/** Aggregate functions; all of them skip NULL values. */
export const aggregateFunctions: readonly FunctionDefinition[] = [
  {
    name: 'count',
    category: 'aggregate',
    kind: 'aggregate',
    description:
      'The number of rows (`count(*)`) or of values that are not NULL.',
    signatures: [signature([param('value', 'any')], bigint)],
    acceptsStar: true,
    example: 'count(DISTINCT customer)',
  },
  {
    ...aggregate(
      'sum',
      'The sum of the values.',
      'numeric',
      sumResult,
      'sum(quantity)',
    ),
    // DuckDB sums integers into a 128-bit HUGEINT and decimal(p,s) into
    // decimal(38,s); Spark's sums are bigint and decimal(p+10,s), and an
    // overflow of either raises (ANSI), as the cast does.
    render: {
      duckdb: context =>
        isIntegralType(context.args[0].type) ||
        context.resultType.kind === 'decimal'
          ? castSql(context, context.call('sum'), context.resultType)
          : context.call('sum'),
    },
  },
  {
    ...aggregate(
      'avg',
      'The mean of the values.',
      'numeric',
      averageResult,
      'avg(price)',
    ),
    aliases: ['mean'],
    render: { duckdb: decimalAverage },
  },
  aggregate('min', 'The smallest value.', 'T', 'T', 'min(order_date)'),
  aggregate('max', 'The largest value.', 'T', 'T', 'max(order_date)'),
  aggregate(
    'median',
    'The median of the values.',
    'numeric',
    double,
    'median(quantity)',
  ),
  {
    ...aggregate(
      'count_if',
      'The number of rows for which the condition is true.',
      'boolean',
      bigint,
      'count_if(paid)',
    ),
    // DuckDB's count_if is a HUGEINT.
    render: { duckdb: atResultType('count_if') },
  },
  aggregate(
    'approx_count_distinct',
    'An estimate of the number of distinct values (HyperLogLog).',
    'any',
    bigint,
    'approx_count_distinct(customer)',
  ),
  {
    ...aggregate(
      'bool_and',
      'Whether all values are true.',
      'boolean',
      boolean,
      'bool_and(paid)',
    ),
    aliases: ['every'],
    render: { duckdb: renamed('bool_and') },
  },
  {
    ...aggregate(
      'bool_or',
      'Whether any value is true.',
      'boolean',
      boolean,
      'bool_or(paid)',
    ),
    aliases: ['some', 'any'],
    render: { duckdb: renamed('bool_or') },
  },
  {
    ...aggregate(
      'collect_list',
      'An array of the values that are not NULL.',
      'T',
      'array<T>',
      'collect_list(quantity)',
    ),
    aliases: ['array_agg'],
    notes:
      'The order of the elements is the order rows arrive in, which neither engine guarantees.',
    render: { duckdb: collect(false) },
  },
  {
    ...aggregate(
      'collect_set',
      'An array of the distinct values that are not NULL, in no particular order.',
      'T',
      'array<T>',
      'collect_set(customer)',
    ),
    render: { duckdb: collect(true) },
  },
  {
    ...aggregate(
      'first',
      'A value of the group: the first one the engine reads.',
      'T',
      'T',
      'first(customer)',
    ),
    nondeterministic: true,
  },
  {
    ...aggregate(
      'last',
      'A value of the group: the last one the engine reads.',
      'T',
      'T',
      'last(customer)',
    ),
    nondeterministic: true,
  },
  {
    ...aggregate(
      'any_value',
      'Any one value of the group.',
      'T',
      'T',
      'any_value(customer)',
    ),
    nondeterministic: true,
  },
  {
    name: 'max_by',
    category: 'aggregate',
    kind: 'aggregate',
    description: 'The `value` of the row with the largest `ordering`.',
    signatures: [
      signature([param('value', 'T'), param('ordering', 'scalar')], 'T'),
    ],
    example: 'max_by(customer, price)',
    render: { duckdb: renamed('arg_max') },
  },
  {
    name: 'min_by',
    category: 'aggregate',
    kind: 'aggregate',
    description: 'The `value` of the row with the smallest `ordering`.',
    signatures: [
      signature([param('value', 'T'), param('ordering', 'scalar')], 'T'),
    ],
    example: 'min_by(customer, price)',
    render: { duckdb: renamed('arg_min') },
  },
  {
    ...aggregate(
      'stddev',
      'The sample standard deviation.',
      'double',
      double,
      'stddev(price)',
    ),
    aliases: ['stddev_samp'],
    render: { duckdb: renamed('stddev_samp') },
  },
  aggregate(
    'stddev_pop',
    'The population standard deviation.',
    'double',
    double,
    'stddev_pop(price)',
  ),
  {
    ...aggregate(
      'variance',
      'The sample variance.',
      'double',
      double,
      'variance(price)',
    ),
    aliases: ['var_samp'],
    render: { duckdb: renamed('var_samp') },
  },
  aggregate(
    'var_pop',
    'The population variance.',
    'double',
    double,
    'var_pop(price)',
  ),
];
