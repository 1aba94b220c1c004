import { parseSqlType, tryParseExpression } from '../../expression/parser';
import { isExpressionError } from '../../expression/errors';
import { s } from './builder';

/**
 * The `formatVersion` every project file kind currently writes.
 *
 * @public
 */
export const CURRENT_FORMAT_VERSION = 1;

/**
 * Names of nodes, columns, ports, parameters, inputs and tasks: what SQL
 * accepts unquoted, so that generated code never needs to quote them.
 */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A name as described by {@link IDENTIFIER}. */
export const identifier = () =>
  s.string({
    pattern: IDENTIFIER,
    patternName: 'a name (letters, digits and _, not starting with a digit)',
  });

/**
 * Names of pipelines, subgraphs, rules, datasets and jobs: the `<name>` of
 * their file, by which other files refer to them. Besides what an
 * {@link IDENTIFIER} allows they may contain `-` between other characters
 * (`Join-customers-redo`). They never appear unquoted in generated SQL:
 * tables have their own `table` name, and code uses node ids and columns.
 */
export const FILE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*$/;

/** A name as described by {@link FILE_NAME}. */
export const fileName = () =>
  s.string({
    pattern: FILE_NAME,
    patternName:
      'a file name (letters, digits, _ and - between them, not starting with a digit)',
  });

/**
 * A rule or subgraph as a gem names it: a file of the project by its
 * {@link FILE_NAME}, or one of the platform standards library as
 * `standards/<name>`.
 */
export const fileReference = () =>
  s.string({
    pattern: /^(standards\/)?[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*$/,
    patternName:
      'a file name, or standards/<name> for one of the standards library',
  });

/** A table name, optionally qualified: `schema.table` or `catalog.schema.table`. */
export const tableName = () =>
  s.string({
    pattern: /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*){0,2}$/,
    patternName: 'a table name ([catalog.][schema.]table)',
  });

/** A non-empty free text. */
export const text = () => s.string({ minLength: 1 });

/**
 * A Spark SQL expression, kept as the author wrote it. Its syntax is checked
 * here; whether its columns exist needs the schemas of the gem's inputs and
 * is the compiler's job.
 */
export const expression = () =>
  s.string({
    minLength: 1,
    json: { format: 'spark-sql-expression' },
    refine: value => {
      const result = tryParseExpression(value);
      if (result.ok) return undefined;
      return {
        message: `invalid expression: ${result.error.reason}`,
        offset: result.error.offset,
        length: result.error.length,
      };
    },
  });

/** A Spark SQL type name such as `string`, `decimal(10,2)` or `array<int>`. */
export const sqlType = () =>
  s.string({
    minLength: 1,
    json: { format: 'spark-sql-type' },
    refine: value => {
      try {
        parseSqlType(value);
        return undefined;
      } catch (error) {
        if (!isExpressionError(error)) throw error;
        return {
          message: `invalid type: ${error.reason}`,
          offset: error.offset,
          length: error.length,
        };
      }
    },
  });

/** The version key every file starts with. */
export const formatVersion = () =>
  s
    .literal(CURRENT_FORMAT_VERSION)
    .describe(
      'Version of the file format; older versions are migrated when loaded.',
    );

/** A named, typed column. */
export const columnDeclaration = () =>
  s.object({
    name: identifier(),
    type: sqlType(),
    description: s.optional(s.string()),
  });

/** A column computed by an expression. */
export const derivedColumn = () =>
  s.object({ name: identifier(), expression: expression() });

/** One key of a sort. */
export const sortItem = () =>
  s.object({
    expression: expression(),
    direction: s.optional(s.enum(['asc', 'desc'] as const)),
    nulls: s.optional(s.enum(['first', 'last'] as const)),
  });

/** A parameter of a pipeline or subgraph. */
export const parameterDeclaration = () =>
  s.object({
    name: identifier(),
    type: sqlType(),
    description: s.optional(s.string()),
    default: s.optional(s.scalar()),
  });
