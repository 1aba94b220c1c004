import { Precedence } from '../precedence';
import { SqlTypes } from '../types';
import { caseWhen, param, renamed, repeated, signature, sqlAt } from './define';
import type { FunctionDefinition } from './definition';

const { boolean } = SqlTypes;

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
    signatures: [signature([param('value', 'T'), param('other', 'T')], 'T')],
    example: "nullif('n/a', 'n/a')",
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
];
