import { sqlDialect, SqlDialectName } from '../../dialect';
import {
  BindOptions,
  bindExpression,
  BoundExpression,
  ColumnRendering,
  ColumnSchema,
  DefaultWindow,
  Expression,
  InputSchema,
  isExpressionError,
  parseExpression,
  quoteIdentifier,
  renderExpression,
  SortItem,
  withDefaultWindow,
} from '../../expression';
import type { JOIN_TYPES, PathSegment, PipelineNode } from '../../project';
import type { NodeOf } from '../gems/gem';
import type { GemWriters } from './gemGraph';
import { checkSqlGem, PARSER_NOT_LOADED } from '../sqlGem/analyzeSqlGem';
import { CodegenProblem } from './codegenProblem';
import {
  checkOutput,
  GemSchemas,
  reformatKeptColumns,
  singleScope,
  withComputed,
} from './gemContext';
import { SortConfig, sortOrder } from './sortOrder';
import {
  DEFAULT_MASK_TEMPLATES,
  MASK_COLUMN_PLACEHOLDER,
  MaskTemplates,
  STRING_ONLY_METHODS,
} from './maskTemplates';
import { aliased, indent, qualifiedName, selectList } from './text';

export { CodegenProblem };

/** What a gem's code generator knows about its node. */
export interface GemCodegenContext<N extends PipelineNode = PipelineNode>
  extends GemSchemas {
  readonly node: N;
  readonly dialect: SqlDialectName;
  /** The CTE (upstream node id) feeding each input port. */
  readonly upstream: Readonly<Record<string, string>>;
  /** Dataset name → SQL table name (verbatim). */
  readonly tables?: (dataset: string) => string;
  /** The platform's Mask templates, replacing the defaults. */
  readonly maskTemplates?: MaskTemplates;
}

/** How column references are written: bare, or qualified by their input's alias. */
export type Qualify = 'none' | 'alias' | ((input: string) => string);

/** Parses and binds an expression of the config; it checked during propagation. */
export function bind(
  expression: string | Expression,
  scope: readonly InputSchema[],
  field: readonly PathSegment[],
  options: BindOptions = {},
): BoundExpression {
  try {
    const parsed =
      typeof expression === 'string' ? parseExpression(expression) : expression;
    return bindExpression(parsed, { inputs: scope }, options);
  } catch (error) {
    if (!isExpressionError(error)) throw error;
    throw new CodegenProblem(
      `expression does not check: ${error.message}`,
      'internal-error',
      field,
    );
  }
}

/** Renders a bound expression, writing column references as `qualify` says. */
export function render(
  bound: BoundExpression,
  dialect: SqlDialectName,
  qualify: Qualify,
  field: readonly PathSegment[],
  layout: { multilineCase?: boolean } = {},
): string {
  try {
    return renderExpression(bound, dialect, {
      ...layout,
      columnReference: ({ resolved }): ColumnRendering | undefined => {
        if (!resolved) return undefined;
        if (qualify === 'none') return { name: resolved.column };
        const qualifier =
          qualify === 'alias' ? resolved.input : qualify(resolved.input);
        return { qualifier, name: resolved.column };
      },
    });
  } catch (error) {
    if (!isExpressionError(error)) throw error;
    throw new CodegenProblem(
      `${error.reason} (in ${sqlDialect(dialect).displayName})`,
      'not-supported',
      field,
    );
  }
}

/** How a select list item is laid out: a long CASE over several lines. */
const SELECT_ITEM = { multilineCase: true };

/**
 * A sort key. Nulls sort as in Spark (first when ascending, last when
 * descending) unless the item says otherwise; the dialect says when that
 * must be written out. `reverse` flips the order (keep last = first in the
 * reversed order).
 */
function sortKey(
  sql: string,
  item: SortConfig,
  dialect: SqlDialectName,
  reverse = false,
): string {
  const { descending, nulls } = sortOrder(item, reverse);
  let key = sql;
  if (descending) key += ' DESC';
  else if (item.direction === 'asc' && !reverse) key += ' ASC';
  const clause = sqlDialect(dialect).nullOrder({
    descending,
    nulls: nulls === 'first' ? 'FIRST' : 'LAST',
    explicit: item.nulls !== undefined && !reverse,
  });
  return clause ? `${key} NULLS ${clause}` : key;
}

function from(context: GemCodegenContext, port = 'in'): string {
  return `FROM ${quoteIdentifier(context.upstream[port], context.dialect)}`;
}

/** The column list of a schema, one bare name per item. */
function columnNames(
  columns: readonly ColumnSchema[],
  dialect: SqlDialectName,
): string[] {
  return columns.map(c => quoteIdentifier(c.name, dialect));
}

export function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

type Generator<N extends PipelineNode> = (
  context: GemCodegenContext<N>,
) => string[];

/** The SQL name of the table a Source reads or a Target writes. */
export function tableName(
  config: { readonly dataset?: string; readonly table?: string },
  dialect: SqlDialectName,
  tables: ((dataset: string) => string) | undefined,
): string {
  return config.dataset !== undefined
    ? tables?.(config.dataset) ?? qualifiedName(config.dataset, dialect)
    : qualifiedName(config.table ?? '', dialect);
}

const source: Generator<NodeOf<'Source'>> = context => {
  const name = tableName(context.node.config, context.dialect, context.tables);
  return [
    ...selectList(columnNames(context.output, context.dialect)),
    `FROM ${name}`,
  ];
};

const filter: Generator<NodeOf<'Filter'>> = context => {
  const field = ['condition'];
  const condition = render(
    bind(context.node.config.condition, singleScope(context), field),
    context.dialect,
    'none',
    field,
  );
  return ['SELECT *', from(context), `WHERE ${condition}`];
};

const reformat: Generator<NodeOf<'Reformat'>> = context => {
  const { dialect } = context;
  const { config } = context.node;
  const kept = reformatKeptColumns(config, context.inputs.in).map(
    ({ input, name }) => ({
      name,
      sql: quoteIdentifier(input.name, dialect),
    }),
  );
  const computed = config.columns.map((column, index) => {
    const field = ['columns', index, 'expression'];
    const sql = render(
      bind(column.expression, singleScope(context), field, {
        allowAggregates: false,
      }),
      dialect,
      'none',
      field,
      SELECT_ITEM,
    );
    return { name: column.name, sql };
  });
  return selectWithComputed(context, kept, computed);
};

/** `SELECT` the kept columns and the computed ones ({@link withComputed}). */
function selectWithComputed(
  context: GemCodegenContext,
  kept: readonly { name: string; sql: string }[],
  computed: readonly { name: string; sql: string }[],
): string[] {
  const items = withComputed(kept, computed);
  checkOutput(
    context,
    items.map(i => i.name),
  );
  return [
    ...selectList(items.map(i => aliased(i.sql, i.name, context.dialect))),
    from(context),
  ];
}

/** One input of a Join, as every back end writes it. */
export interface JoinStep {
  readonly port: string;
  readonly alias: string;
  /** How it is joined to the inputs before it; the first is not joined. */
  readonly type: (typeof JOIN_TYPES)[number];
  /** Its condition, over the inputs kept before it and itself. */
  readonly condition?: { bound: BoundExpression; field: PathSegment[] };
}

/**
 * A Join's inputs in order with their bound conditions, and its output:
 * the configured columns bound over the kept inputs (all but those joined
 * `semi` or `anti`), or with none configured every column of those.
 */
export function joinPlan(context: GemSchemas & { node: NodeOf<'Join'> }): {
  steps: JoinStep[];
  kept: InputSchema[];
  columns?: Array<{
    name: string;
    bound: BoundExpression;
    field: PathSegment[];
  }>;
} {
  const { inputs, columns } = context.node.config;
  const kept: InputSchema[] = [];
  const steps = inputs.map((input, index): JoinStep => {
    const port = `in${index}`;
    const schema: InputSchema = {
      alias: input.alias,
      columns: context.inputs[port],
    };
    const field = ['inputs', index, 'condition'];
    const condition =
      index > 0 && input.condition !== undefined
        ? {
            bound: bind(input.condition, [...kept, schema], field, {
              allowAggregates: false,
              allowWindows: false,
            }),
            field,
          }
        : undefined;
    if (input.type !== 'semi' && input.type !== 'anti') kept.push(schema);
    return {
      port,
      alias: input.alias,
      type: input.type ?? 'inner',
      ...(condition && { condition }),
    };
  });
  return {
    steps,
    kept,
    ...(columns && {
      columns: columns.map((column, index) => {
        const field = ['columns', index, 'expression'];
        const bound = bind(column.expression, kept, field, {
          allowAggregates: false,
          allowWindows: false,
        });
        return { name: column.name, bound, field };
      }),
    }),
  };
}

const join: Generator<NodeOf<'Join'>> = context => {
  const { dialect } = context;
  const q = (name: string) => quoteIdentifier(name, dialect);
  const { steps, kept, columns } = joinPlan(context);
  const clauses = steps.flatMap(({ port, alias, type, condition }, index) => {
    const upstream = context.upstream[port];
    const table =
      upstream === alias ? q(upstream) : `${q(upstream)} AS ${q(alias)}`;
    if (index === 0) return [`FROM ${table}`];
    return [
      `${sqlDialect(dialect).joinKeyword(type)} ${table}`,
      ...(condition
        ? [`  ON ${render(condition.bound, dialect, 'alias', condition.field)}`]
        : []),
    ];
  });
  const items = columns
    ? columns.map(({ name, bound, field }) => {
        const sql = render(bound, dialect, 'alias', field, SELECT_ITEM);
        // `c.id` is already named id.
        return groupedColumn(bound) === name
          ? sql
          : aliased(sql, name, dialect);
      })
    : kept.flatMap(input =>
        input.columns.map(c => `${q(input.alias)}.${q(c.name)}`),
      );
  checkOutput(context, joinedNames(kept, columns));
  return [...selectList(items), ...clauses];
};

/** The names of a Join's output columns; see {@link joinPlan}. */
export function joinedNames(
  kept: readonly InputSchema[],
  columns: ReadonlyArray<{ name: string }> | undefined,
): string[] {
  return columns
    ? columns.map(c => c.name)
    : kept.flatMap(input => input.columns.map(c => c.name));
}

/** A groupBy key that is a bare column: the column's name. */
export function groupedColumn(bound: BoundExpression): string | undefined {
  return bound.expression.kind === 'column'
    ? bound.columnOf(bound.expression)?.column
    : undefined;
}

const aggregate: Generator<NodeOf<'Aggregate'>> = context => {
  const { dialect } = context;
  const { groupBy = [], aggregates, having } = context.node.config;
  const scope = singleScope(context);
  // Qualified by the input, so that an aggregate named like an input
  // column (`sum(amount) AS amount`) never captures a reference to it.
  const qualify: Qualify = 'alias';
  const items: string[] = [];
  const names: string[] = [];
  const keys = groupBy.map((text, index) => {
    const field = ['groupBy', index];
    const bound = bind(text, scope, field, {
      allowAggregates: false,
      allowWindows: false,
    });
    const sql = render(bound, dialect, qualify, field);
    const column = groupedColumn(bound);
    if (column !== undefined && !names.includes(column)) {
      items.push(sql);
      names.push(column);
    }
    return sql;
  });
  aggregates.forEach((item, index) => {
    const field = ['aggregates', index, 'expression'];
    const sql = render(
      bind(item.expression, scope, field, { allowWindows: false }),
      dialect,
      qualify,
      field,
      SELECT_ITEM,
    );
    items.push(`${sql} AS ${quoteIdentifier(item.name, dialect)}`);
    names.push(item.name);
  });
  checkOutput(context, names);
  const lines = [...selectList(items), from(context)];
  if (keys.length) {
    lines.push(
      'GROUP BY',
      ...indent(keys.map((k, i) => (i < keys.length - 1 ? `${k},` : k))),
    );
  }
  if (having !== undefined) {
    const field = ['having'];
    lines.push(
      `HAVING ${render(
        bind(having, scope, field, { allowWindows: false }),
        dialect,
        qualify,
        field,
      )}`,
    );
  }
  return lines;
};

/** Sort keys of a config, rendered over the single input. */
function sortKeys(
  context: GemCodegenContext,
  items: readonly SortConfig[],
  fieldName: string,
  reverse = false,
): string[] {
  return boundSortKeys(context, items, fieldName).map(
    ({ item, bound, field }) =>
      sortKey(
        render(bound, context.dialect, 'none', field),
        item,
        context.dialect,
        reverse,
      ),
  );
}

/** The sort keys of a config, each bound over the gem's single input. */
export function boundSortKeys(
  context: GemSchemas,
  items: readonly SortConfig[],
  fieldName: string,
): Array<{ item: SortConfig; bound: BoundExpression; field: PathSegment[] }> {
  return items.map((item, index) => {
    const field = [fieldName, index, 'expression'];
    const bound = bind(item.expression, singleScope(context), field, {
      allowAggregates: false,
      allowWindows: false,
    });
    return { item, bound, field };
  });
}

const orderBy: Generator<NodeOf<'OrderBy'>> = context => [
  'SELECT *',
  from(context),
  `ORDER BY ${sortKeys(context, context.node.config.orderBy, 'orderBy').join(
    ', ',
  )}`,
];

const limit: Generator<NodeOf<'Limit'>> = context => [
  'SELECT *',
  from(context),
  `LIMIT ${context.node.config.count}`,
];

/** A column name for the row number that no input column has. */
export function freshName(
  columns: readonly ColumnSchema[],
  base: string,
): string {
  const taken = new Set(columns.map(c => c.name.toLowerCase()));
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base}_${i}`;
  return name;
}

const deduplicate: Generator<NodeOf<'Deduplicate'>> = context => {
  const { dialect } = context;
  const { keys, keep, orderBy: order } = context.node.config;
  const scope = singleScope(context);
  const partition = keys.map((text, index) => {
    const field = ['keys', index];
    return render(
      bind(text, scope, field, {
        allowAggregates: false,
        allowWindows: false,
      }),
      dialect,
      'none',
      field,
    );
  });
  // row_number needs an order; without one any row of a key may be kept,
  // so ordering by the keys themselves (a tie) is as good as any.
  const sorts = order
    ? sortKeys(context, order, 'orderBy', keep === 'last')
    : partition;
  const rowNumber = quoteIdentifier(
    freshName(context.inputs.in, '_row_number'),
    dialect,
  );
  return [
    ...selectList(columnNames(context.output, dialect)),
    'FROM (',
    ...indent([
      ...selectList([
        '*',
        `row_number() OVER (PARTITION BY ${partition.join(
          ', ',
        )} ORDER BY ${sorts.join(', ')}) AS ${rowNumber}`,
      ]),
      from(context),
    ]),
    ') AS numbered',
    `WHERE ${rowNumber} = 1`,
  ];
};

const union: Generator<NodeOf<'Union'>> = context => {
  const { dialect } = context;
  const { mode, inputs } = context.node.config;
  const first = context.inputs.in0;
  const parts = Array.from({ length: inputs }, (_, index) => {
    const columns = context.inputs[`in${index}`];
    // Each input's columns explicitly lined up with the first input's.
    const items = first.map((target, position) => {
      const column =
        mode === 'byPosition'
          ? columns[position]
          : columns.find(c => sameName(c.name, target.name));
      if (!column) {
        throw new CodegenProblem(
          `input in${index} has no column lining up with \`${target.name}\``,
          'internal-error',
        );
      }
      return aliased(
        quoteIdentifier(column.name, dialect),
        target.name,
        dialect,
      );
    });
    return [...selectList(items), from(context, `in${index}`)];
  });
  const operator =
    mode === 'byName' && sqlDialect(dialect).unionAllByName
      ? 'UNION ALL BY NAME'
      : 'UNION ALL';
  checkOutput(
    context,
    first.map(c => c.name),
  );
  return parts.flatMap((part, i) => (i === 0 ? part : [operator, ...part]));
};

/**
 * Column `index` of a Window gem, parsed: each bare window or aggregate
 * call gets the gem's partitionBy and orderBy, as in propagation.
 */
export function windowColumnExpression(
  config: NodeOf<'Window'>['config'],
  index: number,
): Expression {
  const parse = (text: string, field: PathSegment[]): Expression => {
    try {
      return parseExpression(text);
    } catch (error) {
      if (!isExpressionError(error)) throw error;
      throw new CodegenProblem(error.message, 'internal-error', field);
    }
  };
  const expression = parse(config.columns[index].expression, [
    'columns',
    index,
    'expression',
  ]);
  const spec: DefaultWindow = {
    partitionBy: (config.partitionBy ?? []).map((text, i) =>
      parse(text, ['partitionBy', i]),
    ),
    orderBy: (config.orderBy ?? []).map((item, i): SortItem => {
      const key = parse(item.expression, ['orderBy', i, 'expression']);
      return {
        expression: key,
        direction:
          item.direction && (item.direction === 'desc' ? 'DESC' : 'ASC'),
        nulls: item.nulls && (item.nulls === 'first' ? 'FIRST' : 'LAST'),
        span: key.span,
      };
    }),
  };
  return withDefaultWindow(expression, spec);
}

const window: Generator<NodeOf<'Window'>> = context => {
  const { dialect } = context;
  const { config } = context.node;
  const scope = singleScope(context);
  const kept = context.inputs.in.map(c => ({
    name: c.name,
    sql: quoteIdentifier(c.name, dialect),
  }));
  const computed = config.columns.map((column, index) => {
    const field = ['columns', index, 'expression'];
    const expression = windowColumnExpression(config, index);
    const sql = render(bind(expression, scope, field), dialect, 'none', field);
    return { name: column.name, sql };
  });
  return selectWithComputed(context, kept, computed);
};

/**
 * Mask: every input column as is, except the masked one, which becomes its
 * template (the node's own for the dialect, else the platform's) under the
 * same name and in the same place.
 */
/**
 * The masked column of a Mask gem and the SQL that masks it in `dialect`:
 * the node's own template, else the platform's, else the default, with
 * `{{column}}` replaced by the column. Both the SQL and the PySpark
 * generator write it.
 */
export function maskedColumnExpression(
  config: NodeOf<'Mask'>['config'],
  input: readonly ColumnSchema[],
  dialect: SqlDialectName,
  maskTemplates: MaskTemplates | undefined,
): { masked: ColumnSchema; expression: string } {
  const { column, method, template } = config;
  const own = template?.[dialect];
  const sql = own ?? maskTemplates?.[method]?.[dialect];
  const field = own !== undefined ? ['template', dialect] : ['method'];
  const masked = input.find(c => sameName(c.name, column));
  if (!masked) {
    throw new CodegenProblem(
      `the input has no column "${column}"`,
      'internal-error',
      ['column'],
    );
  }
  const whose =
    own !== undefined ? 'the template' : `the platform's ${method} template`;
  if (sql !== undefined && !sql.includes(MASK_COLUMN_PLACEHOLDER)) {
    throw new CodegenProblem(
      `${whose} for ${dialect} ${
        sql.trim() ? `does not use ${MASK_COLUMN_PLACEHOLDER}` : 'is empty'
      }; it must compute the masked value of ${MASK_COLUMN_PLACEHOLDER}`,
      'not-supported',
      field,
    );
  }
  if (
    sql === undefined &&
    STRING_ONLY_METHODS.has(method) &&
    masked.type.kind !== 'string'
  ) {
    throw new CodegenProblem(
      `the default ${method} template writes text, but column "${masked.name}" is ${masked.type.kind}; give the node a template.${dialect} that keeps its type`,
      'not-supported',
      ['method'],
    );
  }
  const expression = (sql ?? DEFAULT_MASK_TEMPLATES[method][dialect])
    .trim()
    .split(MASK_COLUMN_PLACEHOLDER)
    .join(quoteIdentifier(masked.name, dialect));
  return { masked, expression };
}

const mask: Generator<NodeOf<'Mask'>> = context => {
  const { dialect } = context;
  const { masked, expression } = maskedColumnExpression(
    context.node.config,
    context.inputs.in,
    dialect,
    context.maskTemplates,
  );
  const items = context.inputs.in.map(c =>
    c === masked
      ? `${expression} AS ${quoteIdentifier(c.name, dialect)}`
      : quoteIdentifier(c.name, dialect),
  );
  checkOutput(
    context,
    context.inputs.in.map(c => c.name),
  );
  return [...selectList(items), from(context)];
};

/**
 * SQL: the gem's query as the checked parse writes it in the dialect (see
 * `analyzeSqlGem`), never the author's text, over its inputs: each input
 * name a CTE reading the gem feeding it, nested inside the gem's own CTE
 * so that the names stay local. The declared columns are selected by
 * name, so the output has exactly the declared schema.
 */
const sql: Generator<NodeOf<'SQL'>> = context => {
  const { dialect, node } = context;
  const { inputs, schema } = node.config;
  const query = checkedSqlQuery(node.config.sql, inputs, dialect);
  const aliases = inputs.flatMap((name, index) => {
    const upstream = context.upstream[`in${index}`];
    const quoted = quoteIdentifier(name, dialect);
    // The CTE feeding it may already have the name the query uses.
    return quoted.toLowerCase() ===
      quoteIdentifier(upstream, dialect).toLowerCase()
      ? []
      : [`${quoted} AS (SELECT * FROM ${quoteIdentifier(upstream, dialect)})`];
  });
  const lines = query.text.split('\n');
  const inputNames = new Set(inputs.map(name => name.toLowerCase()));
  let body: string[];
  if (aliases.length === 0) {
    body = lines;
  } else if (
    query.ctes.length > 0 &&
    !query.recursive &&
    !query.ctes.some(cte => inputNames.has(cte)) &&
    /^WITH\s/.test(query.text)
  ) {
    // Its own WITH continues ours: nested WITH clauses are not SQL.
    body = [
      ...aliases.map((a, i) => `${i === 0 ? 'WITH ' : ''}${a},`),
      ...query.text.replace(/^WITH\s+/, '').split('\n'),
    ];
  } else {
    // A recursive WITH, or CTEs named like an input, keep a scope of their own.
    const own =
      query.ctes.length > 0
        ? ['SELECT *', 'FROM (', ...indent(lines), ') AS query']
        : lines;
    body = [
      ...aliases.map(
        (a, i) =>
          `${i === 0 ? 'WITH ' : ''}${a}${i < aliases.length - 1 ? ',' : ''}`,
      ),
      ...own,
    ];
  }
  checkOutput(
    context,
    schema.map(c => c.name),
  );
  return [
    ...selectList(schema.map(c => quoteIdentifier(c.name, dialect))),
    'FROM (',
    ...indent(body),
    `) AS ${quoteIdentifier(node.id, dialect)}`,
  ];
};

/**
 * A SQL gem's query generated for `dialect` from its checked parse; the
 * check ran during propagation, so a failure here is the compiler's.
 */
export function checkedSqlQuery(
  text: string,
  inputs: readonly string[],
  dialect: SqlDialectName,
): { text: string; ctes: readonly string[]; recursive: boolean } {
  const checked = checkSqlGem(text, inputs);
  const query = checked?.query;
  if (!query) {
    throw new CodegenProblem(
      checked
        ? `the query of the SQL gem does not check: ${
            checked.problems[0]?.message ?? 'no query'
          }`
        : PARSER_NOT_LOADED,
      'internal-error',
      ['sql'],
    );
  }
  return {
    text: query[dialect],
    ctes: query.ctes,
    recursive: query.recursive,
  };
}

/**
 * The CTE body (a SELECT, one line per entry, unindented) of each gem type
 * that code generation supports. Target is written by the statement itself.
 */
export const gemGenerators: GemWriters<GemCodegenContext, string[]> = {
  Source: source,
  Filter: filter,
  Reformat: reformat,
  Join: join,
  Aggregate: aggregate,
  Window: window,
  OrderBy: orderBy,
  Deduplicate: deduplicate,
  Union: union,
  Limit: limit,
  SQL: sql,
  Mask: mask,
};
