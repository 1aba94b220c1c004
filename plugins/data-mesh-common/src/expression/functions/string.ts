import { DUCKDB_CONCAT_PRECEDENCE, Precedence } from '../precedence';
import { numericValueOf } from '../literals';
import { SqlTypes } from '../types';
import {
  caseWhen,
  castSql,
  literal,
  optional,
  param,
  renamed,
  repeated,
  signature,
  sqlAt,
  stringArgument,
  stringSql,
} from './define';
import type {
  ArgumentInfo,
  ArgumentProblem,
  FunctionDefinition,
} from './definition';
import { javaRegexProblem, translateJavaReplacement } from './javaRegex';
import { checkGroupIndex } from './regexGroups';

const { string, int, boolean } = SqlTypes;

/** Rejects Java-only regex syntax in a literal pattern argument. */
function checkRegexArgument(index: number) {
  return (args: readonly ArgumentInfo[]): ArgumentProblem | undefined => {
    const pattern = stringArgument(args, index);
    const problem =
      pattern === undefined ? undefined : javaRegexProblem(pattern);
    return problem ? { message: problem, argument: index } : undefined;
  };
}

/**
 * trim, ltrim and rtrim: one argument, or Spark's two, which take the
 * characters first (`trim(BOTH 'x' FROM s)` is read as `trim('x', s)`).
 * Spark SQL gets the keyword form, which says which is which; DuckDB takes
 * the string first.
 */
function trimFunction(
  name: string,
  side: 'BOTH' | 'LEADING' | 'TRAILING',
  description: string,
  example: string,
): FunctionDefinition {
  return {
    name,
    category: 'string',
    kind: 'scalar',
    description,
    signatures: [
      signature([param('str', 'string')], string),
      signature([param('trimStr', 'string'), param('str', 'string')], string),
    ],
    example,
    notes: `\`trim(${side} trimStr FROM str)\` is the same as \`${name}(trimStr, str)\`.`,
    render: {
      spark: context => {
        const [trimStr, str] = context.args;
        if (!str) return context.call(name);
        return `trim(${side} ${trimStr.sql} FROM ${str.sql})`;
      },
      duckdb: context => {
        const [trimStr, str] = context.args;
        if (!str) return context.call(name);
        return context.call(name, [str.sql, trimStr.sql]);
      },
    },
  };
}

/** String functions. */
export const stringFunctions: readonly FunctionDefinition[] = [
  {
    name: 'upper',
    aliases: ['ucase'],
    category: 'string',
    kind: 'scalar',
    description: 'The string in upper case.',
    signatures: [signature([param('str', 'string')], string)],
    example: "upper('Data Mesh')",
  },
  {
    name: 'lower',
    aliases: ['lcase'],
    category: 'string',
    kind: 'scalar',
    description: 'The string in lower case.',
    signatures: [signature([param('str', 'string')], string)],
    example: "lower('Data Mesh')",
  },
  {
    name: 'initcap',
    category: 'string',
    kind: 'scalar',
    description:
      'The string in lower case with the first letter of each space-separated word in upper case.',
    signatures: [signature([param('str', 'string')], string)],
    example: "initcap('hELLO data mesh')",
    render: {
      // DuckDB has no initcap: capitalise each space-separated word.
      duckdb: ({ args }) =>
        `array_to_string(list_transform(string_split(lower(${args[0].sql}), ' '), lambda word: upper(left(word, 1)) || substring(word, 2)), ' ')`,
    },
  },
  {
    name: 'length',
    aliases: ['char_length', 'character_length', 'len'],
    category: 'string',
    kind: 'scalar',
    description: 'The number of characters in the string.',
    signatures: [signature([param('str', 'string')], int)],
    example: "length('Spark SQL')",
    render: {
      duckdb: context => castSql(context, context.call('length'), int),
    },
  },
  trimFunction(
    'trim',
    'BOTH',
    'The string without leading and trailing spaces, or characters of `trimStr`.',
    "trim('  mesh  ')",
  ),
  trimFunction(
    'ltrim',
    'LEADING',
    'The string without leading spaces, or characters of `trimStr`.',
    "ltrim('  mesh  ')",
  ),
  trimFunction(
    'rtrim',
    'TRAILING',
    'The string without trailing spaces, or characters of `trimStr`.',
    "rtrim('  mesh  ')",
  ),
  {
    name: 'substring',
    aliases: ['substr'],
    category: 'string',
    kind: 'scalar',
    description:
      'The part of the string from 1-based position `pos` (negative: counted from the end), `len` characters long or to the end.',
    signatures: [
      signature(
        [param('str', 'string'), param('pos', 'int'), optional('len', 'int')],
        string,
      ),
    ],
    example: "substring('Spark SQL', -3)",
    notes: 'A negative `len` gives an empty string in Spark only.',
    render: {
      duckdb: context => {
        const [str, pos, len] = context.args;
        // Spark reads position 0 as 1; DuckDB starts one character earlier.
        let position = pos.sql;
        if (pos.literal) {
          if (numericValueOf(pos.literal) === 0) position = '1';
        } else {
          position = caseWhen(
            `${pos.operand(Precedence.additive)} = 0`,
            '1',
            pos.sql,
          );
        }
        return context.call('substring', [
          str.sql,
          position,
          ...(len ? [len.sql] : []),
        ]);
      },
    },
  },
  {
    name: 'left',
    category: 'string',
    kind: 'scalar',
    description: 'The first `len` characters of the string.',
    signatures: [
      signature([param('str', 'string'), param('len', 'int')], string),
    ],
    example: "left('Spark SQL', 5)",
    notes:
      'A negative `len` gives an empty string in Spark, but drops characters from the end in DuckDB.',
  },
  {
    name: 'right',
    category: 'string',
    kind: 'scalar',
    description: 'The last `len` characters of the string.',
    signatures: [
      signature([param('str', 'string'), param('len', 'int')], string),
    ],
    example: "right('Spark SQL', 3)",
    notes:
      'A negative `len` gives an empty string in Spark, but drops characters from the start in DuckDB.',
  },
  {
    name: 'concat',
    category: 'string',
    kind: 'scalar',
    description:
      'The values joined into one string; NULL if any value is NULL. Same as the `||` operator.',
    signatures: [signature([repeated('value', 'scalar')], string)],
    example: "concat('order-', 42)",
    render: {
      // DuckDB's concat() skips NULLs; its || operator propagates them as
      // Spark's concat does, and converts non-strings the same way.
      duckdb: context => {
        const { args } = context;
        if (args.length === 1) {
          return args[0].type.kind === 'string'
            ? sqlAt(args[0].sql, args[0].precedence)
            : castSql(context, args[0].sql, string);
        }
        return sqlAt(
          args.map(arg => arg.operand(Precedence.multiplicative)).join(' || '),
          DUCKDB_CONCAT_PRECEDENCE,
        );
      },
    },
  },
  {
    name: 'concat_ws',
    category: 'string',
    kind: 'scalar',
    description: 'The strings joined with separator `sep`, skipping NULLs.',
    signatures: [
      signature([param('sep', 'string'), repeated('str', 'string')], string),
    ],
    example: "concat_ws('-', 'a', NULL, 'b')",
  },
  {
    name: 'lpad',
    category: 'string',
    kind: 'scalar',
    description:
      'The string padded on the left with `pad` (default a space) to `len` characters, or cut to `len`.',
    signatures: [
      signature(
        [
          param('str', 'string'),
          param('len', 'int'),
          optional('pad', 'string'),
        ],
        string,
      ),
    ],
    example: "lpad('7', 3, '0')",
    render: {
      duckdb: context => {
        const [str, len, pad] = context.args;
        return context.call('lpad', [str.sql, len.sql, pad ? pad.sql : "' '"]);
      },
    },
  },
  {
    name: 'rpad',
    category: 'string',
    kind: 'scalar',
    description:
      'The string padded on the right with `pad` (default a space) to `len` characters, or cut to `len`.',
    signatures: [
      signature(
        [
          param('str', 'string'),
          param('len', 'int'),
          optional('pad', 'string'),
        ],
        string,
      ),
    ],
    example: "rpad('ab', 5, 'xy')",
    render: {
      duckdb: context => {
        const [str, len, pad] = context.args;
        return context.call('rpad', [str.sql, len.sql, pad ? pad.sql : "' '"]);
      },
    },
  },
  {
    name: 'replace',
    category: 'string',
    kind: 'scalar',
    description:
      'The string with every occurrence of `search` replaced by `replacement` (default: removed).',
    signatures: [
      signature(
        [
          param('str', 'string'),
          param('search', 'string'),
          optional('replacement', 'string'),
        ],
        string,
      ),
    ],
    example: "replace('a-b-c', '-', '+')",
    render: {
      duckdb: context => {
        const [str, search, replacement] = context.args;
        return context.call('replace', [
          str.sql,
          search.sql,
          replacement ? replacement.sql : "''",
        ]);
      },
    },
  },
  {
    name: 'translate',
    category: 'string',
    kind: 'scalar',
    description:
      'The string with each character of `from` replaced by the character at the same position in `to` (removed if `to` is shorter).',
    signatures: [
      signature(
        [
          param('str', 'string'),
          param('from', 'string'),
          param('to', 'string'),
        ],
        string,
      ),
    ],
    example: "translate('data', 'at', 'AT')",
  },
  {
    name: 'regexp_replace',
    category: 'string',
    kind: 'scalar',
    description:
      'The string with every match of the Java regular expression replaced; `$1` in the replacement refers to a group.',
    signatures: [
      signature(
        [
          param('str', 'string'),
          param('regexp', 'string'),
          literal('replacement', 'string'),
        ],
        string,
      ),
    ],
    example:
      "regexp_replace('2024-03-05', '(\\\\d+)-(\\\\d+)-(\\\\d+)', '$3.$2.$1')",
    validate: args => {
      const regexProblem = checkRegexArgument(1)(args);
      if (regexProblem) return regexProblem;
      const translation = translateJavaReplacement(
        stringArgument(args, 2) ?? '',
      );
      return translation.ok
        ? undefined
        : { message: translation.problem, argument: 2 };
    },
    render: {
      // DuckDB replaces only the first match unless given 'g'.
      duckdb: context => {
        const [str, regexp] = context.args;
        const translation = translateJavaReplacement(
          stringArgument(context.args, 2) ?? '',
        );
        if (!translation.ok) return context.fail(translation.problem, 2);
        return context.call('regexp_replace', [
          str.sql,
          regexp.sql,
          stringSql(context, translation.re2),
          "'g'",
        ]);
      },
    },
  },
  {
    name: 'regexp_extract',
    category: 'string',
    kind: 'scalar',
    description:
      'The text matched by group `idx` (default 1) of the first match of the Java regular expression, or an empty string.',
    signatures: [
      signature(
        [
          param('str', 'string'),
          param('regexp', 'string'),
          optional('idx', 'int', { literal: true }),
        ],
        string,
      ),
    ],
    example: "regexp_extract('order-1234', '([a-z]+)-(\\\\d+)', 2)",
    validate: args =>
      checkRegexArgument(1)(args) ?? checkGroupIndex(1, 2)(args),
    render: {
      // DuckDB's default group is 0 (the whole match), Spark's is 1.
      duckdb: context => {
        const [str, regexp, idx] = context.args;
        return context.call('regexp_extract', [
          str.sql,
          regexp.sql,
          idx ? idx.sql : '1',
        ]);
      },
    },
  },
  {
    name: 'rlike',
    aliases: ['regexp', 'regexp_like'],
    category: 'string',
    kind: 'scalar',
    description:
      'Whether the Java regular expression matches anywhere in the string. Same as the `RLIKE` operator.',
    signatures: [
      signature([param('str', 'string'), param('regexp', 'string')], boolean),
    ],
    example: "rlike('order-1234', '\\\\d{4}$')",
    validate: checkRegexArgument(1),
    render: { duckdb: renamed('regexp_matches') },
  },
  {
    name: 'split',
    category: 'string',
    kind: 'scalar',
    description:
      'The parts of the string around matches of the Java regular expression.',
    signatures: [
      signature(
        [param('str', 'string'), param('regexp', 'string')],
        SqlTypes.array(string),
      ),
    ],
    example: "split('a1b22c', '[0-9]+')",
    validate: checkRegexArgument(1),
    render: { duckdb: renamed('string_split_regex') },
  },
  {
    name: 'split_part',
    category: 'string',
    kind: 'scalar',
    description:
      'Part `part` (1-based; negative: from the end) of the string split at `delimiter`, or an empty string.',
    signatures: [
      signature(
        [
          param('str', 'string'),
          param('delimiter', 'string'),
          param('part', 'int'),
        ],
        string,
      ),
    ],
    example: "split_part('eu-west-1', '-', 2)",
    render: {
      // Spark raises for part 0, and does not split at an empty delimiter
      // (DuckDB splits into characters).
      duckdb: context => {
        const [str, delimiter, part] = context.args;
        const p = part.operand(Precedence.comparison + 1);
        const d = delimiter.operand(Precedence.comparison + 1);
        const partValue = numericValueOf(part.literal);
        const delimiterValue = stringArgument(context.args, 1);
        const branches: string[] = [];
        if (partValue === undefined || partValue === 0) {
          const zero = castSql(
            context,
            "error('[ELEMENT_AT_BY_INDEX_ZERO] split_part: the part must not be 0')",
            string,
          );
          branches.push(`WHEN ${p} = 0 THEN ${zero}`);
        }
        if (delimiterValue === undefined || delimiterValue === '') {
          branches.push(
            `WHEN ${d} = '' THEN CASE WHEN ${p} IN (1, -1) THEN ${str.sql} ELSE '' END`,
          );
        }
        const call = context.call('split_part');
        return branches.length
          ? `CASE ${branches.join(' ')} ELSE ${call} END`
          : call;
      },
    },
  },
  {
    name: 'instr',
    category: 'string',
    kind: 'scalar',
    description:
      'The 1-based position of the first `substr` in the string, or 0.',
    signatures: [
      signature([param('str', 'string'), param('substr', 'string')], int),
    ],
    example: "instr('data mesh', 'mesh')",
    render: { duckdb: context => castSql(context, context.call('instr'), int) },
  },
  {
    name: 'locate',
    aliases: ['position'],
    category: 'string',
    kind: 'scalar',
    description:
      'The 1-based position of the first `substr` in the string, or 0. `position(substr IN str)` is the same.',
    signatures: [
      signature([param('substr', 'string'), param('str', 'string')], int),
    ],
    example: "locate('mesh', 'data mesh')",
    render: {
      duckdb: context =>
        castSql(
          context,
          context.call('strpos', [context.args[1].sql, context.args[0].sql]),
          int,
        ),
    },
  },
  {
    name: 'startswith',
    category: 'string',
    kind: 'scalar',
    description: 'Whether the string starts with `prefix`.',
    signatures: [
      signature([param('str', 'string'), param('prefix', 'string')], boolean),
    ],
    example: "startswith('data mesh', 'data')",
    render: { duckdb: renamed('starts_with') },
  },
  {
    name: 'endswith',
    category: 'string',
    kind: 'scalar',
    description: 'Whether the string ends with `suffix`.',
    signatures: [
      signature([param('str', 'string'), param('suffix', 'string')], boolean),
    ],
    example: "endswith('data mesh', 'mesh')",
    render: { duckdb: renamed('ends_with') },
  },
  {
    name: 'contains',
    category: 'string',
    kind: 'scalar',
    description: 'Whether the string contains `substr`.',
    signatures: [
      signature([param('str', 'string'), param('substr', 'string')], boolean),
    ],
    example: "contains('data mesh', 'a m')",
  },
  {
    name: 'reverse',
    category: 'string',
    kind: 'scalar',
    description: 'The string with its characters in reverse order.',
    signatures: [signature([param('str', 'string')], string)],
    example: "reverse('mesh')",
  },
  {
    name: 'repeat',
    category: 'string',
    kind: 'scalar',
    description: 'The string repeated `n` times.',
    signatures: [
      signature([param('str', 'string'), param('n', 'int')], string),
    ],
    example: "repeat('ab', 3)",
  },
  {
    name: 'ascii',
    category: 'string',
    kind: 'scalar',
    description:
      'The code point of the first character of the string (0 for an empty string).',
    signatures: [signature([param('str', 'string')], int)],
    example: "ascii('A')",
  },
  {
    name: 'chr',
    aliases: ['char'],
    category: 'string',
    kind: 'scalar',
    description: 'The character with the given code point (ASCII range).',
    signatures: [signature([param('code', 'bigint')], string)],
    example: 'chr(77)',
    notes:
      'Spark takes the code modulo 256; DuckDB accepts any Unicode code point.',
  },
  {
    name: 'levenshtein',
    category: 'string',
    kind: 'scalar',
    description: 'The Levenshtein edit distance between two strings.',
    signatures: [
      signature([param('left', 'string'), param('right', 'string')], int),
    ],
    example: "levenshtein('kitten', 'sitting')",
    render: {
      duckdb: context => castSql(context, context.call('levenshtein'), int),
    },
  },
];
