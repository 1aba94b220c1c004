import { Precedence } from '../precedence';
import { SqlTypes } from '../types';
import {
  atResultType,
  castSql,
  optional,
  param,
  renamed,
  repeated,
  signature,
} from './define';
import { raise, SPARK_ERRORS } from '../../dialect/duckdbNumbers';
import type { FunctionDefinition, FunctionRenderer } from './definition';

const { int, bigint, boolean, string } = SqlTypes;

/**
 * Spark's element_at: DuckDB's `array[index]` also counts from 1 and from
 * the end for a negative index, but gives NULL beyond the array where
 * Spark's ANSI mode raises INVALID_ARRAY_INDEX_IN_ELEMENT_AT (try_element_at
 * gives NULL); index 0 raises in both Spark functions.
 */
function elementAt(beyond: 'raise' | 'null'): FunctionRenderer {
  return ({ args: [array, index] }) => {
    const element = `${array.operand(Precedence.postfix)}[${index.sql}]`;
    const i = index.operand(Precedence.additive);
    const known = index.literal?.type === 'integer';
    const zero = known
      ? ''
      : ` WHEN ${i} = 0 THEN ${raise(SPARK_ERRORS.indexOfZero)}`;
    if (known && BigInt(index.literal.text) === 0n) {
      return raise(SPARK_ERRORS.indexOfZero);
    }
    const outside =
      beyond === 'raise'
        ? ` WHEN abs(${index.sql}) > len(${array.sql}) THEN ${raise(
            SPARK_ERRORS.elementAtIndex,
          )}`
        : '';
    return zero || outside
      ? `CASE${zero}${outside} ELSE ${element} END`
      : element;
  };
}

/** Array functions. Arrays are 1-based in functions, 0-based in `arr[i]`. */
export const arrayFunctions: readonly FunctionDefinition[] = [
  {
    name: 'array',
    category: 'array',
    kind: 'scalar',
    description: 'An array of the values.',
    signatures: [signature([repeated('value', 'T')], 'array<T>')],
    example: "array('a', 'b', 'c')",
    render: {
      duckdb: ({ args }) => `[${args.map(arg => arg.sql).join(', ')}]`,
    },
  },
  {
    name: 'size',
    aliases: ['cardinality'],
    category: 'array',
    kind: 'scalar',
    description: 'The number of elements of the array.',
    signatures: [signature([param('array', 'array<T>')], int)],
    example: "size(array('a', 'b', 'c'))",
    notes: 'NULL for a NULL array (Spark ANSI mode; legacy Spark gives -1).',
    // DuckDB's len is a BIGINT.
    render: { duckdb: atResultType('len') },
  },
  {
    name: 'array_contains',
    category: 'array',
    kind: 'scalar',
    description: 'Whether the array contains the value.',
    signatures: [
      signature([param('array', 'array<T>'), param('value', 'T')], boolean),
    ],
    example: "array_contains(array('a', 'b'), 'b')",
    notes:
      'When the value is missing from an array with NULLs, Spark gives NULL and DuckDB false.',
    render: { duckdb: renamed('list_contains') },
  },
  {
    name: 'element_at',
    category: 'array',
    kind: 'scalar',
    description: 'The element at 1-based `index` (negative: from the end).',
    signatures: [
      signature([param('array', 'array<T>'), param('index', 'int')], 'T'),
    ],
    example: "element_at(array('a', 'b', 'c'), -1)",
    notes:
      'An index beyond the array is an error (Spark ANSI mode); `try_element_at` gives NULL instead. Index 0 is an error.',
    render: { duckdb: elementAt('raise') },
  },
  {
    name: 'try_element_at',
    category: 'array',
    kind: 'scalar',
    description:
      'The element at 1-based `index` (negative: from the end), or NULL when the index is beyond the array.',
    signatures: [
      signature([param('array', 'array<T>'), param('index', 'int')], 'T'),
    ],
    example: "try_element_at(array('a', 'b', 'c'), 5)",
    notes: 'Index 0 is an error, as in Spark.',
    render: { duckdb: elementAt('null') },
  },
  {
    name: 'array_position',
    category: 'array',
    kind: 'scalar',
    description:
      'The 1-based position of the first element equal to the value, or 0.',
    signatures: [
      signature([param('array', 'array<T>'), param('value', 'T')], bigint),
    ],
    example: "array_position(array('a', 'b', 'c'), 'c')",
    // DuckDB gives NULL, not 0, when the value is missing, as an INTEGER.
    render: {
      duckdb: context =>
        castSql(
          context,
          `coalesce(${context.call('list_position')}, 0)`,
          context.resultType,
        ),
    },
  },
  {
    name: 'array_join',
    category: 'array',
    kind: 'scalar',
    description:
      'The strings of the array joined with `delimiter`, skipping NULLs.',
    signatures: [
      signature(
        [param('array', 'array<string>'), param('delimiter', 'string')],
        string,
      ),
    ],
    example: "array_join(array('a', NULL, 'c'), ', ')",
    render: { duckdb: renamed('array_to_string') },
  },
  {
    name: 'sort_array',
    category: 'array',
    kind: 'scalar',
    description:
      'The array sorted ascending with NULLs first, or descending with NULLs last when `ascending` is false.',
    signatures: [
      signature(
        [
          param('array', 'array<T>'),
          optional('ascending', 'boolean', { literal: true }),
        ],
        'array<T>',
      ),
    ],
    example: 'sort_array(array(3, NULL, 1), false)',
    render: {
      duckdb: context => {
        const [array, ascending] = context.args;
        const descending =
          ascending?.literal?.type === 'boolean' && !ascending.literal.value;
        return context.call('list_sort', [
          array.sql,
          descending ? "'DESC'" : "'ASC'",
          descending ? "'NULLS LAST'" : "'NULLS FIRST'",
        ]);
      },
    },
  },
  {
    name: 'array_max',
    category: 'array',
    kind: 'scalar',
    description: 'The largest element of the array, skipping NULLs.',
    signatures: [signature([param('array', 'array<T>')], 'T')],
    example: 'array_max(array(3, NULL, 7))',
    render: { duckdb: renamed('list_max') },
  },
  {
    name: 'array_min',
    category: 'array',
    kind: 'scalar',
    description: 'The smallest element of the array, skipping NULLs.',
    signatures: [signature([param('array', 'array<T>')], 'T')],
    example: 'array_min(array(3, NULL, 7))',
    render: { duckdb: renamed('list_min') },
  },
];
