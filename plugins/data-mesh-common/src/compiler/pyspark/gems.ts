import { BoundExpression, quoteIdentifier } from '../../expression';
import type { PipelineNode } from '../../project';
import {
  bind,
  boundSortKeys,
  checkedSqlQuery,
  CodegenProblem,
  freshName,
  groupedColumn,
  joinedNames,
  joinPlan,
  maskedColumnExpression,
  render,
  sameName,
  tableName,
  windowColumnExpression,
} from '../codegen/gems';
import {
  checkOutput,
  GemSchemas,
  reformatKeptColumns,
  singleScope,
  withComputed,
} from '../codegen/gemContext';
import { SortConfig, sortOrder } from '../codegen/sortOrder';
import type { MaskTemplates } from '../codegen/maskTemplates';
import type { NodeOf } from '../gems/gem';
import type { GemWriters } from '../codegen/gemGraph';
import type { PythonNames } from './names';
import { pySql } from './parameters';
import { call, dict, Py, pyMultilineString, pyString } from './python';

/** What a gem's PySpark generator knows about its node. */
export interface PySparkGemContext<N extends PipelineNode = PipelineNode>
  extends GemSchemas {
  readonly node: N;
  /** The Python variable holding the DataFrame on each input port. */
  readonly upstream: Readonly<Record<string, string>>;
  /** The node's own variable. */
  readonly variable: string;
  /** For the names a gem needs besides its variable. */
  readonly names: PythonNames;
  readonly tables?: (dataset: string) => string;
  readonly maskTemplates?: MaskTemplates;
}

/** A line of `build()`: `assign = value`, or `value` alone. */
export interface PyStatement {
  readonly assign?: string;
  readonly value: Py;
}

/** A module-level string constant (a SQL gem's query). */
export interface PyConstant {
  readonly name: string;
  readonly comment: string;
  readonly value: string;
}

/** The code of one gem; the last statement assigns its variable. */
export interface PySparkGemCode {
  readonly statements: readonly PyStatement[];
  readonly constants?: readonly PyConstant[];
  /** The temp views the code creates (SQL gem inputs), by name. */
  readonly views?: readonly string[];
}

type Generator<N extends PipelineNode> = (
  context: PySparkGemContext<N>,
) => PySparkGemCode;

/** `F.expr("<spark sql>")`, parameters spliced in as literals. */
function expr(sql: string): Py {
  return call('F', 'expr', pySql(sql));
}

/** Whether an expression is a bare column (a parameter marker is not). */
function isColumn(bound: BoundExpression): boolean {
  return bound.expression.kind === 'column' && !bound.expression.parameter;
}

/** A bare column as `F.col`, anything else as `F.expr`. */
function column(bound: BoundExpression, sql: string): Py {
  return isColumn(bound) ? call('F', 'col', pyString(sql)) : expr(sql);
}

/**
 * A grouping or partitioning key: a bare column by name (which the DataFrame
 * API accepts as a string), anything else as `F.expr`.
 */
function key(bound: BoundExpression, sql: string): Py {
  return isColumn(bound) ? pyString(sql) : expr(sql);
}

/** A column name as the DataFrame API parses it: quoted as Spark needs. */
function columnName(name: string): string {
  return pyString(quoteIdentifier(name, 'spark'));
}

/** The one statement assigning the gem's variable. */
function assign(context: PySparkGemContext, value: Py): PySparkGemCode {
  return { statements: [{ assign: context.variable, value }] };
}

/**
 * A sort key with its null ordering always spelled out. Nulls sort as in
 * Spark SQL (first when ascending, last when descending) unless the config
 * says otherwise; `reverse` flips the order (keep last = first in the
 * reversed order), as the SQL generator does.
 */
function sortColumn(sorted: Py, item: SortConfig, reverse = false): Py {
  const { descending, nulls } = sortOrder(item, reverse);
  return call(sorted, `${descending ? 'desc' : 'asc'}_nulls_${nulls}`);
}

/** The sort keys of a config, over the single input. */
function sortColumns(
  context: PySparkGemContext,
  items: readonly SortConfig[],
  fieldName: string,
  reverse = false,
): Py[] {
  return boundSortKeys(context, items, fieldName).map(
    ({ item, bound, field }) =>
      sortColumn(
        column(bound, render(bound, 'spark', 'none', field)),
        item,
        reverse,
      ),
  );
}

const source: Generator<NodeOf<'Source'>> = context => {
  const table = tableName(context.node.config, 'spark', context.tables);
  return assign(
    context,
    call(
      call('spark', 'table', pyString(table)),
      'select',
      ...context.output.map(c => columnName(c.name)),
    ),
  );
};

const filter: Generator<NodeOf<'Filter'>> = context => {
  const field = ['condition'];
  const condition = render(
    bind(context.node.config.condition, singleScope(context), field),
    'spark',
    'none',
    field,
  );
  return assign(context, call(context.upstream.in, 'where', expr(condition)));
};

const reformat: Generator<NodeOf<'Reformat'>> = context => {
  const { config } = context.node;
  const kept = reformatKeptColumns(config, context.inputs.in).map(
    ({ input, name, renamed }) => ({
      name,
      py: renamed
        ? call(
            call('F', 'col', columnName(input.name)),
            'alias',
            pyString(name),
          )
        : columnName(name),
    }),
  );
  const computed = config.columns.map((item, index) => {
    const field = ['columns', index, 'expression'];
    const bound = bind(item.expression, singleScope(context), field, {
      allowAggregates: false,
    });
    const sql = render(bound, 'spark', 'none', field);
    return { name: item.name, py: aliased(bound, sql, item.name) };
  });
  const items = withComputed(kept, computed);
  checkOutput(
    context,
    items.map(i => i.name),
  );
  return assign(
    context,
    call(context.upstream.in, 'select', ...items.map(i => i.py)),
  );
};

/**
 * A computed column under `name`. A bare column already so named keeps it,
 * and is just its name when unqualified.
 */
function aliased(bound: BoundExpression, sql: string, name: string): Py {
  if (groupedColumn(bound) === name) {
    return sql.includes('.') ? column(bound, sql) : pyString(sql);
  }
  return call(column(bound, sql), 'alias', pyString(name));
}

const JOIN_TYPES: Record<string, string> = {
  inner: 'inner',
  left: 'left',
  right: 'right',
  full: 'full',
  semi: 'left_semi',
  anti: 'left_anti',
};

const join: Generator<NodeOf<'Join'>> = context => {
  const { steps, kept, columns } = joinPlan(context);
  let joined: Py = '';
  steps.forEach(({ port, alias, type, condition }, index) => {
    // Conditions and columns name the inputs by their aliases.
    const other = call(context.upstream[port], 'alias', pyString(alias));
    if (index === 0) {
      joined = other;
    } else if (!condition) {
      joined =
        type === 'inner'
          ? call(joined, 'crossJoin', other)
          : call(joined, 'join', other, `how=${pyString(JOIN_TYPES[type])}`);
    } else {
      const sql = render(condition.bound, 'spark', 'alias', condition.field);
      joined = call(
        joined,
        'join',
        other,
        expr(sql),
        pyString(JOIN_TYPES[type]),
      );
    }
  });
  const items = columns
    ? columns.map(({ name, bound, field }) =>
        aliased(bound, render(bound, 'spark', 'alias', field), name),
      )
    : kept.flatMap(input =>
        input.columns.map(c =>
          call(
            'F',
            'col',
            pyString(
              `${quoteIdentifier(input.alias, 'spark')}.${quoteIdentifier(
                c.name,
                'spark',
              )}`,
            ),
          ),
        ),
      );
  checkOutput(context, joinedNames(kept, columns));
  return assign(context, call(joined, 'select', ...items));
};

/**
 * Aggregate: `groupBy(keys).agg(aggregates)`. The DataFrame API keeps every
 * key as a column and has no HAVING, so a computed key or a having
 * condition ends in a `select` of the gem's columns, the condition being
 * one more aggregate (of aggregates, like HAVING) filtered on.
 */
const aggregate: Generator<NodeOf<'Aggregate'>> = context => {
  const { groupBy = [], aggregates, having } = context.node.config;
  const scope = singleScope(context);
  const keys: Py[] = [];
  const keySql = new Set<string>();
  const names: string[] = [];
  let computedKey = false;
  groupBy.forEach((text, index) => {
    const field = ['groupBy', index];
    const bound = bind(text, scope, field, {
      allowAggregates: false,
      allowWindows: false,
    });
    const sql = render(bound, 'spark', 'none', field);
    // A key listed twice would be two columns of one name.
    if (keySql.has(sql)) return;
    keySql.add(sql);
    keys.push(key(bound, sql));
    const grouped = groupedColumn(bound);
    if (grouped === undefined) computedKey = true;
    else if (!names.includes(grouped)) names.push(grouped);
  });
  const values = aggregates.map((item, index) => {
    const field = ['aggregates', index, 'expression'];
    const sql = render(
      bind(item.expression, scope, field, { allowWindows: false }),
      'spark',
      'none',
      field,
    );
    names.push(item.name);
    return call(expr(sql), 'alias', pyString(item.name));
  });
  checkOutput(context, names);
  const grouped = keys.length
    ? call(context.upstream.in, 'groupBy', ...keys)
    : context.upstream.in;
  let result: Py;
  if (having === undefined) {
    result = call(grouped, 'agg', ...values);
  } else {
    const field = ['having'];
    const condition = render(
      bind(having, scope, field, { allowWindows: false }),
      'spark',
      'none',
      field,
    );
    const flag = pyString(freshName(context.output, '_having'));
    result = call(
      call(grouped, 'agg', ...values, call(expr(condition), 'alias', flag)),
      'where',
      call('F', 'col', flag),
    );
  }
  if (computedKey || having !== undefined) {
    result = call(result, 'select', ...names.map(columnName));
  }
  return assign(context, result);
};

/** Window: the gem's columns added (or replaced) at once by `withColumns`. */
const window: Generator<NodeOf<'Window'>> = context => {
  const { config } = context.node;
  const scope = singleScope(context);
  const entries = config.columns.map((item, index): [string, Py] => {
    const field = ['columns', index, 'expression'];
    const sql = render(
      bind(windowColumnExpression(config, index), scope, field),
      'spark',
      'none',
      field,
    );
    return [pyString(item.name), expr(sql)];
  });
  checkOutput(
    context,
    withComputed<{ name: string }>(context.inputs.in, config.columns).map(
      c => c.name,
    ),
  );
  return assign(
    context,
    call(context.upstream.in, 'withColumns', dict(entries)),
  );
};

const orderBy: Generator<NodeOf<'OrderBy'>> = context =>
  assign(
    context,
    call(
      context.upstream.in,
      'orderBy',
      ...sortColumns(context, context.node.config.orderBy, 'orderBy'),
    ),
  );

const limit: Generator<NodeOf<'Limit'>> = context =>
  assign(
    context,
    call(context.upstream.in, 'limit', String(context.node.config.count)),
  );

/**
 * Deduplicate: number the rows of each key in the gem's order (reversed to
 * keep the last), keep the first. The window goes in a variable of its own.
 */
const deduplicate: Generator<NodeOf<'Deduplicate'>> = context => {
  const { keys, keep, orderBy: order } = context.node.config;
  const scope = singleScope(context);
  const partition = keys.map((text, index) => {
    const field = ['keys', index];
    const bound = bind(text, scope, field, {
      allowAggregates: false,
      allowWindows: false,
    });
    return key(bound, render(bound, 'spark', 'none', field));
  });
  // row_number needs an order; without one any row of a key may be kept,
  // so ordering by the keys themselves (a tie) is as good as any.
  const sorts = order
    ? sortColumns(context, order, 'orderBy', keep === 'last')
    : partition;
  const spec = context.names.fresh(`${context.variable}_window`);
  const rowNumber = pyString(freshName(context.inputs.in, '_row_number'));
  return {
    statements: [
      {
        assign: spec,
        value: call(
          call('Window', 'partitionBy', ...partition),
          'orderBy',
          ...sorts,
        ),
      },
      {
        assign: context.variable,
        value: call(
          call(
            call(
              context.upstream.in,
              'withColumn',
              rowNumber,
              call(call('F', 'row_number'), 'over', spec),
            ),
            'where',
            `${flatCol(rowNumber)} == 1`,
          ),
          'drop',
          rowNumber,
        ),
      },
    ],
  };
};

function flatCol(name: string): string {
  return `F.col(${name})`;
}

/**
 * Union: `unionByName`, or `union` by position with each further input's
 * columns renamed (`toDF`) to the first input's names.
 */
const union: Generator<NodeOf<'Union'>> = context => {
  const { mode, inputs } = context.node.config;
  const first = context.inputs.in0;
  let result: Py = context.upstream.in0;
  for (let index = 1; index < inputs; index++) {
    const port = `in${index}`;
    const columns = context.inputs[port];
    first.forEach((target, position) => {
      const found =
        mode === 'byPosition'
          ? columns[position]
          : columns.find(c => sameName(c.name, target.name));
      if (!found) {
        throw new CodegenProblem(
          `input ${port} has no column lining up with \`${target.name}\``,
          'internal-error',
        );
      }
    });
    if (mode === 'byName') {
      result = call(result, 'unionByName', context.upstream[port]);
    } else {
      const renamed = columns.some((c, i) => c.name !== first[i].name)
        ? call(
            context.upstream[port],
            'toDF',
            ...first.map(c => pyString(c.name)),
          )
        : context.upstream[port];
      result = call(result, 'union', renamed);
    }
  }
  checkOutput(
    context,
    first.map(c => c.name),
  );
  return assign(context, result);
};

/**
 * Mask: the masked column replaced in place by its template (the node's
 * own, else the platform's, else the default), as the SQL generator does.
 */
const mask: Generator<NodeOf<'Mask'>> = context => {
  const { masked, expression } = maskedColumnExpression(
    context.node.config,
    context.inputs.in,
    'spark',
    context.maskTemplates,
  );
  checkOutput(
    context,
    context.inputs.in.map(c => c.name),
  );
  return assign(
    context,
    call(
      context.upstream.in,
      'withColumn',
      pyString(masked.name),
      expr(expression),
    ),
  );
};

/**
 * SQL: each input registered as a temp view under the name the query uses,
 * the query (a module constant, generated from its checked parse as the SQL
 * generator's is) run by `spark.sql`, and the declared columns selected by
 * name.
 */
const sql: Generator<NodeOf<'SQL'>> = context => {
  const { inputs, schema, sql: text } = context.node.config;
  const query = checkedSqlQuery(text, inputs, 'spark');
  const constant = context.names.fresh(`${context.variable}_sql`.toUpperCase());
  checkOutput(
    context,
    schema.map(c => c.name),
  );
  return {
    constants: [
      {
        name: constant,
        comment: `The query of SQL gem ${context.node.id}, over ${inputs.join(
          ', ',
        )}.`,
        value: pyMultilineString(`\n${query.text}\n`),
      },
    ],
    views: inputs,
    statements: [
      ...inputs.map(
        (name, index): PyStatement => ({
          value: call(
            context.upstream[`in${index}`],
            'createOrReplaceTempView',
            pyString(name),
          ),
        }),
      ),
      {
        assign: context.variable,
        value: call(
          call('spark', 'sql', constant),
          'select',
          ...schema.map(c => columnName(c.name)),
        ),
      },
    ],
  };
};

type PySparkWriters = GemWriters<PySparkGemContext, PySparkGemCode>;

/**
 * The PySpark of each gem type code generation writes. Target is written
 * by `main()`; Subgraph and BusinessRule are lowered first.
 */
export const pySparkGenerators: PySparkWriters = {
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
