/**
 * More of Spark's string functions: trimming characters from both ends,
 * lengths in bytes and bits, splitting by count, counting and extracting
 * every regular expression match.
 */
import { DUCKDB_CONCAT_PRECEDENCE, Precedence } from '../precedence';
import { SqlTypes } from '../types';
import {
  castSql,
  sqlAt,
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
} from './definition';
import { javaRegexProblem } from './javaRegex';
import { checkGroupIndex } from './regexGroups';

const { string, int } = SqlTypes;

function checkRegex(index: number) {
  return (args: readonly ArgumentInfo[]): ArgumentProblem | undefined => {
    const pattern = stringArgument(args, index);
    const problem =
      pattern === undefined ? undefined : javaRegexProblem(pattern);
    return problem ? { message: problem, argument: index } : undefined;
  };
}

/** String functions beyond the basic ones. */
export const stringExtraFunctions: readonly FunctionDefinition[] = [
  {
    name: 'btrim',
    category: 'string',
    kind: 'scalar',
    description:
      'The string without leading and trailing spaces, or characters of `trimStr`.',
    signatures: [
      signature(
        [param('str', 'string'), optional('trimStr', 'string')],
        string,
      ),
    ],
    example: "btrim('xxmeshxx', 'x')",
    render: { duckdb: context => context.call('trim') },
  },
  {
    name: 'octet_length',
    category: 'string',
    kind: 'scalar',
    description: 'The length of the string in bytes (UTF-8).',
    signatures: [signature([param('str', 'string')], int)],
    example: "octet_length('Spark SQL é')",
    render: {
      duckdb: context => castSql(context, context.call('strlen'), int),
    },
  },
  {
    name: 'bit_length',
    category: 'string',
    kind: 'scalar',
    description: 'The length of the string in bits (UTF-8).',
    signatures: [signature([param('str', 'string')], int)],
    example: "bit_length('Spark SQL')",
    render: {
      duckdb: context => castSql(context, `${context.call('strlen')} * 8`, int),
    },
  },
  {
    name: 'space',
    category: 'string',
    kind: 'scalar',
    description: '`n` spaces (none for a negative `n`).',
    signatures: [signature([param('n', 'int')], string)],
    example: "concat('[', space(3), ']')",
    render: {
      duckdb: context => context.call('repeat', ["' '", context.args[0].sql]),
    },
  },
  {
    name: 'substring_index',
    category: 'string',
    kind: 'scalar',
    description:
      'The string before the `count`-th occurrence of `delim` (counting from the end, and taking what follows, for a negative `count`).',
    signatures: [
      signature(
        [
          param('str', 'string'),
          param('delim', 'string'),
          literal('count', 'int'),
        ],
        string,
      ),
    ],
    example: "substring_index('www.apache.org', '.', 2)",
    render: {
      duckdb: context => {
        const [str, delim, count] = context.args;
        const n = Number(
          count.literal?.type === 'integer' ? count.literal.text : 0,
        );
        if (n === 0) return "''";
        const parts = `string_split(${str.sql}, ${delim.sql})`;
        const slice = n > 0 ? `[1:${n}]` : `[${n}:]`;
        return `CASE WHEN ${delim.operand(
          Precedence.comparison + 1,
        )} = '' THEN '' ELSE array_to_string(${parts}${slice}, ${
          delim.sql
        }) END`;
      },
    },
  },
  {
    name: 'regexp_count',
    category: 'string',
    kind: 'scalar',
    description:
      'The number of matches of the Java regular expression in the string.',
    signatures: [
      signature([param('str', 'string'), param('regexp', 'string')], int),
    ],
    example: "regexp_count('a1b22c333', '[0-9]+')",
    validate: checkRegex(1),
    render: {
      duckdb: context =>
        castSql(context, `length(${context.call('regexp_extract_all')})`, int),
    },
  },
  {
    name: 'regexp_extract_all',
    category: 'string',
    kind: 'scalar',
    description:
      'The text matched by group `idx` (default 1) of every match of the Java regular expression.',
    signatures: [
      signature(
        [
          param('str', 'string'),
          param('regexp', 'string'),
          optional('idx', 'int', { literal: true }),
        ],
        SqlTypes.array(string),
      ),
    ],
    example: "regexp_extract_all('a1b22c333', '([a-z])([0-9]+)', 2)",
    validate: args => checkRegex(1)(args) ?? checkGroupIndex(1, 2)(args),
    render: {
      // DuckDB's default group is 0 (the whole match), Spark's is 1; a
      // group that took no part in a match is '' in Spark, NULL in DuckDB.
      duckdb: context => {
        const [str, regexp, idx] = context.args;
        const matches = context.call('regexp_extract_all', [
          str.sql,
          regexp.sql,
          idx ? idx.sql : '1',
        ]);
        return `list_transform(${matches}, lambda m: coalesce(m, ''))`;
      },
    },
  },
  {
    name: 'overlay',
    category: 'string',
    kind: 'scalar',
    description:
      'The string with `len` characters (default: the length of `replace`) from 1-based position `pos` replaced by `replace`. `overlay(s PLACING r FROM p FOR n)` is the same.',
    signatures: [
      signature(
        [
          param('input', 'string'),
          param('replace', 'string'),
          param('pos', 'int'),
          optional('len', 'int'),
        ],
        string,
      ),
    ],
    example: "overlay('Spark SQL' PLACING 'tructured' FROM 2 FOR 4)",
    render: {
      // Spark: the part before pos, the replacement, and the rest from
      // pos + len, each cut with substring's rules (position 0 is 1).
      duckdb: context => {
        const [input, replace, pos, len] = context.args;
        const p = pos.operand(Precedence.additive);
        const length = len
          ? `CASE WHEN ${len.operand(Precedence.comparison + 1)} >= 0 THEN ${
              len.sql
            } ELSE length(${replace.sql}) END`
          : `length(${replace.sql})`;
        const rest = `${p} + ${
          length.startsWith('CASE') ? `(${length})` : length
        }`;
        const prefix = `CASE WHEN ${p} > 1 THEN left(${input.sql}, ${p} - 1) ELSE '' END`;
        const suffix = `substring(${input.sql}, CASE WHEN ${rest} = 0 THEN 1 ELSE ${rest} END)`;
        return sqlAt(
          `(${prefix}) || ${replace.operand(
            Precedence.multiplicative,
          )} || ${suffix}`,
          DUCKDB_CONCAT_PRECEDENCE,
        );
      },
    },
  },
];
