import { SqlTypes } from '../types';
import { atResultType, literal, optional, param, signature } from './define';
import type {
  FunctionDefinition,
  FunctionRenderer,
  FunctionSignature,
  ReturnRule,
  WindowRequirements,
} from './definition';

const { int, double } = SqlTypes;

/** Ranking and offset functions: ordered, with Spark's fixed frame. */
const RANKING: WindowRequirements = { requiresOrder: true, allowsFrame: false };
/** Value functions: any window, any frame. */
const VALUE: WindowRequirements = { requiresOrder: false, allowsFrame: true };

function windowFunction(
  name: string,
  description: string,
  signatures: readonly FunctionSignature[],
  window: WindowRequirements,
  example: string,
  duckdb?: FunctionRenderer,
): FunctionDefinition {
  return {
    name,
    category: 'window',
    kind: 'window',
    description,
    signatures,
    window,
    example,
    ...(duckdb && { render: { duckdb } }),
  };
}

/**
 * lag and lead have the value's type: Spark converts the default to it
 * (`lag(amount, 1, 0)` stays `decimal(10,2)`), rather than widening both.
 */
const OFFSET_RESULT: ReturnRule = {
  describe: 'type of value',
  infer: ([value, , fallback]) =>
    value.type.kind === 'null' && fallback ? fallback.type : value.type,
};

const ORDERED = 'OVER (PARTITION BY customer ORDER BY order_date, id)';

/** Window functions: only valid with an OVER clause. */
export const windowFunctions: readonly FunctionDefinition[] = [
  windowFunction(
    'row_number',
    'The 1-based number of the row within its partition.',
    [signature([], int)],
    RANKING,
    `row_number() ${ORDERED}`,
    // DuckDB's row numbers, ranks and tiles are BIGINTs; Spark's are ints.
    atResultType('row_number'),
  ),
  windowFunction(
    'rank',
    'The rank of the row within its partition, with gaps after ties.',
    [signature([], int)],
    RANKING,
    'rank() OVER (PARTITION BY customer ORDER BY quantity DESC)',
    atResultType('rank'),
  ),
  windowFunction(
    'dense_rank',
    'The rank of the row within its partition, without gaps after ties.',
    [signature([], int)],
    RANKING,
    'dense_rank() OVER (PARTITION BY customer ORDER BY quantity DESC)',
    atResultType('dense_rank'),
  ),
  windowFunction(
    'percent_rank',
    'The relative rank of the row: (rank - 1) / (rows in partition - 1).',
    [signature([], double)],
    RANKING,
    'percent_rank() OVER (ORDER BY quantity)',
  ),
  windowFunction(
    'cume_dist',
    'The fraction of partition rows ordered before or with the row.',
    [signature([], double)],
    RANKING,
    'cume_dist() OVER (ORDER BY quantity)',
  ),
  windowFunction(
    'ntile',
    'The number (1 to n) of the bucket the row falls in when the partition is split into n buckets.',
    [signature([literal('n', 'int')], int)],
    RANKING,
    'ntile(2) OVER (ORDER BY id)',
    atResultType('ntile'),
  ),
  windowFunction(
    'lag',
    'The value `offset` rows (default 1) before the row, or `default` (default NULL).',
    [
      signature(
        [
          param('value', 'T'),
          optional('offset', 'int', { literal: true }),
          optional('default', 'T'),
        ],
        OFFSET_RESULT,
      ),
    ],
    RANKING,
    `lag(quantity) ${ORDERED}`,
  ),
  windowFunction(
    'lead',
    'The value `offset` rows (default 1) after the row, or `default` (default NULL).',
    [
      signature(
        [
          param('value', 'T'),
          optional('offset', 'int', { literal: true }),
          optional('default', 'T'),
        ],
        OFFSET_RESULT,
      ),
    ],
    RANKING,
    `lead(quantity, 1, 0) ${ORDERED}`,
  ),
  windowFunction(
    'first_value',
    'The value of the first row of the window frame.',
    [signature([param('value', 'T')], 'T')],
    VALUE,
    `first_value(quantity) ${ORDERED}`,
  ),
  windowFunction(
    'last_value',
    'The value of the last row of the window frame.',
    [signature([param('value', 'T')], 'T')],
    VALUE,
    'last_value(quantity) OVER (PARTITION BY customer ORDER BY order_date, id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)',
  ),
  windowFunction(
    'nth_value',
    'The value of the n-th (1-based) row of the window frame.',
    [signature([param('value', 'T'), literal('n', 'int')], 'T')],
    VALUE,
    `nth_value(quantity, 2) ${ORDERED}`,
  ),
];
