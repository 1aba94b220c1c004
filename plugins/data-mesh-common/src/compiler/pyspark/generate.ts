import { DeclaredParameter, declareParameters } from '../parameters';
import {
  parameterArgumentLines,
  parameterAssignmentLines,
  parameterModuleLines,
} from './parameters';
import { formatSqlType, quoteIdentifier } from '../../expression';
import { TargetColumn, targetColumns } from '../codegen/targetColumns';
import type { PipelineFile, PipelineNode } from '../../project';
import {
  CodegenDiagnostics,
  GemGraph,
  gemGraph,
  generatorFor,
  NO_TARGET,
} from '../codegen/gemGraph';
import { gemSchemas } from '../codegen/gemContext';
import { CodegenProblem, tableName } from '../codegen/gems';
import type { MaskTemplates } from '../codegen/maskTemplates';
import { hasErrors } from '../diagnostics';
import type { NodeOf } from '../gems/gem';
import { ancestors } from '../graph';
import type { CompilerDiagnostic, SchemaPropagation } from '../types';
import {
  PyConstant,
  PySparkGemCode,
  pySparkGenerators,
  PyStatement,
} from './gems';
import { PythonNames } from './names';
import {
  attribute,
  call,
  dict,
  Py,
  pyComment,
  pyMultilineString,
  pyString,
  statement,
} from './python';

/**
 * Options of {@link generatePySpark}.
 *
 * @public
 */
export interface GeneratePySparkOptions {
  /**
   * The table a dataset of the project is read from or written to, as
   * Spark SQL used verbatim (`main.bronze.orders`). Default: the dataset's
   * name.
   */
  readonly tables?: (dataset: string) => string;
  /**
   * The platform's Mask templates, replacing the defaults
   * (`DEFAULT_MASK_TEMPLATES`); only the `spark` ones are used. A node's own
   * `template.spark` wins over both.
   */
  readonly maskTemplates?: MaskTemplates;
  /**
   * Spark SQL statements `main()` runs before writing: those creating what
   * the Targets write into (`targetPreparationStatements`), so that the
   * job runs on an empty catalog.
   */
  readonly prepare?: readonly string[];
}

/**
 * The result of {@link generatePySpark}: the Python file, or diagnostics
 * saying why there is none.
 *
 * @public
 */
export interface GeneratedPySpark {
  readonly code?: string;
  readonly diagnostics: readonly CompilerDiagnostic[];
}

/**
 * Generates the PySpark entry point of a pipeline (a Databricks
 * `spark_python_task` file), from its graph and its propagated schemas
 * (which must have no errors).
 *
 * `build(spark)` holds one DataFrame variable per gem, named after its node
 * id, and returns the DataFrame each Target writes; `main()` sets the
 * catalog and schema given on the command line, runs the `prepare`
 * statements and writes them, every column of a dataset cast to its
 * contract type: a dataset's table with `writeTo` (which keeps the table's
 * definition; `overwrite` replaces all rows), a table without a contract
 * with `saveAsTable`, mode `merge` with a Delta merge on the merge keys
 * (nulls matching nulls). Expressions are the Spark SQL the SQL generator
 * writes, inside `F.expr`, so both mean the same.
 *
 * It writes the primitive gems: Subgraph and BusinessRule gems are
 * reported (`not-supported`); run `lowerPipeline` first.
 *
 * @public
 */
export function generatePySpark(
  pipeline: Pick<PipelineFile, 'name' | 'nodes' | 'edges'> &
    Partial<Pick<PipelineFile, 'description' | 'parameters'>>,
  propagation: SchemaPropagation,
  options: GeneratePySparkOptions = {},
): GeneratedPySpark {
  if (hasErrors(propagation.diagnostics)) {
    return {
      diagnostics: propagation.diagnostics.filter(d => d.severity === 'error'),
    };
  }
  const graph = gemGraph(pipeline);
  const { nodes, upstreamOf, order, targets } = graph;
  const problems = new CodegenDiagnostics(graph);
  if (targets.length === 0) problems.diagnostics.push(NO_TARGET);
  // Only what some Target reads is generated, as in the SQL.
  const needed = new Set(
    targets.flatMap(t => [...ancestors(t.id, upstreamOf)]),
  );
  const gems = order.filter(id => needed.has(id));
  const names = new PythonNames([...nodes.keys()]);
  const code = new Map<string, PySparkGemCode>();
  for (const id of gems) {
    const written = problems.attempt(id, () =>
      generateGem(
        nodes.get(id)!,
        upstreamOf.get(id) ?? {},
        propagation,
        names,
        options,
      ),
    );
    if (written) code.set(id, written);
  }
  const written = new Map<string, TargetColumn[]>();
  for (const target of targets) {
    const columns = problems.attempt(target.id, () =>
      checkTarget(target, upstreamOf.get(target.id)?.in, propagation),
    );
    if (columns) written.set(target.id, columns);
  }
  const { diagnostics } = problems;
  diagnostics.push(...viewClashes(gems, graph, options));
  if (hasErrors(diagnostics)) return { diagnostics };

  const constants = [...code.values()].flatMap(c => c.constants ?? []);
  const body = gems.flatMap((id, index) => {
    const node = nodes.get(id)!;
    const lines = code.get(id)!.statements.flatMap(writeStatement);
    const label = node.label?.trim();
    return [
      ...(index > 0 && label ? [''] : []),
      ...(label ? [`    ${pyComment(label)}`] : []),
      ...lines,
    ];
  });
  const returned = dict(
    targets.map(t => [pyString(t.id), names.of(upstreamOf.get(t.id)!.in)]),
  );
  const build = [
    'def build(spark: SparkSession) -> dict[str, DataFrame]:',
    '    """Returns the DataFrame written by each Target, by node id."""',
    ...body,
    '',
    ...statement('return ', returned),
  ];
  const parameters = declareParameters(pipeline.parameters).parameters;
  const main = mainFunction(
    pipeline.name,
    targets,
    written,
    options,
    parameters,
  );
  const text = [...build, ...main].join('\n');
  return {
    code: [
      pyComment(
        `Pipeline ${pipeline.name}: PySpark, generated by meshwork — do not edit.`,
      ),
      docstring(pipeline.description?.trim() || `Pipeline ${pipeline.name}.`),
      ...imports(text),
      ...constants.flatMap(writeConstant),
      ...prepareConstant(options.prepare ?? []),
      ...parameterModuleLines(parameters),
      '',
      '',
      ...build,
      '',
      '',
      ...main,
      '',
      '',
      'if __name__ == "__main__":',
      '    main()',
      '',
    ].join('\n'),
    diagnostics,
  };
}

function generateGem(
  node: PipelineNode,
  upstream: Record<string, string>,
  propagation: SchemaPropagation,
  names: PythonNames,
  options: GeneratePySparkOptions,
): PySparkGemCode {
  const generate = generatorFor(pySparkGenerators, node);
  const { inputs, output } = gemSchemas(node, propagation);
  return generate({
    node,
    upstream: Object.fromEntries(
      Object.entries(upstream).map(([port, id]) => [port, names.of(id)]),
    ),
    inputs,
    output,
    variable: names.of(node.id),
    names,
    tables: options.tables,
    maskTemplates: options.maskTemplates,
  });
}

/** The columns a Target writes, after checking its merge keys. */
function checkTarget(
  target: NodeOf<'Target'>,
  last: string | undefined,
  propagation: SchemaPropagation,
): TargetColumn[] {
  if (last === undefined) {
    throw new CodegenProblem(
      `Target "${target.id}" has no input`,
      'internal-error',
    );
  }
  const columns = targetColumns(target, propagation, 'spark');
  (target.config.mergeKeys ?? []).forEach((key, index) => {
    if (!columns.some(c => c.name.toLowerCase() === key.toLowerCase())) {
      throw new CodegenProblem(
        `merge key "${key}" is not a column the Target writes`,
        'internal-error',
        ['mergeKeys', index],
      );
    }
  });
  return columns;
}

/**
 * Temp views are shared by the whole Spark session and, with Spark
 * Connect, resolved only when a query runs: two SQL gems registering one
 * name for different inputs, or a view named like a table a Source reads,
 * would read the wrong data.
 */
function viewClashes(
  gems: readonly string[],
  { nodes, upstreamOf, indexOf }: GemGraph,
  options: GeneratePySparkOptions,
): CompilerDiagnostic[] {
  const found: CompilerDiagnostic[] = [];
  const views = new Map<string, { upstream: string; gem: string }>();
  const tables = new Map<string, string>();
  for (const id of gems) {
    const node = nodes.get(id)!;
    if (node.type === 'Source') {
      const table = tableName(node.config, 'spark', options.tables);
      tables.set(table.toLowerCase(), id);
    }
  }
  for (const id of gems) {
    const node = nodes.get(id)!;
    if (node.type !== 'SQL') continue;
    node.config.inputs.forEach((name, index) => {
      const upstream = upstreamOf.get(id)?.[`in${index}`];
      if (upstream === undefined) return;
      const key = name.toLowerCase();
      const earlier = views.get(key);
      const source = tables.get(quoteIdentifier(name, 'spark').toLowerCase());
      let message: string | undefined;
      if (earlier && earlier.upstream !== upstream) {
        message = `input name "${name}" is also the temp view of SQL gem "${earlier.gem}", for other data; temp views are shared by the Spark session, so rename one`;
      } else if (source !== undefined) {
        message = `input name "${name}" would hide table ${name} read by Source "${source}"; rename the input or qualify the table (schema.table)`;
      }
      if (message) {
        found.push({
          severity: 'error',
          code: 'not-supported',
          nodeId: id,
          path: ['nodes', indexOf.get(id)!, 'config', 'inputs', index],
          message,
        });
      }
      if (!earlier) views.set(key, { upstream, gem: id });
    });
  }
  return found;
}

function writeStatement(line: PyStatement): string[] {
  return statement(
    line.assign !== undefined ? `${line.assign} = ` : '',
    line.value,
  );
}

/** The statements `main()` runs before writing, one string each. */
function prepareConstant(prepare: readonly string[]): string[] {
  if (prepare.length === 0) return [];
  return [
    '',
    '',
    pyComment(
      'Schemas and dataset tables (from their contracts), created when missing.',
    ),
    'PREPARE_TARGETS = (',
    ...prepare.map(sql => `    ${pyMultilineString(sql)},`),
    ')',
  ];
}

function writeConstant(constant: PyConstant): string[] {
  return [
    '',
    '',
    pyComment(constant.comment),
    `${constant.name} = ${constant.value}`,
  ];
}

/** The imports the code uses, sorted as isort would. */
function imports(code: string): string[] {
  const uses = (name: string) => new RegExp(`\\b${name}\\.`).test(code);
  const sql = [
    'DataFrame',
    'SparkSession',
    ...(uses('Window') ? ['Window'] : []),
  ];
  return [
    'import argparse',
    '',
    ...(uses('DeltaTable') ? ['from delta.tables import DeltaTable'] : []),
    `from pyspark.sql import ${sql.join(', ')}`,
    ...(uses('F') ? ['from pyspark.sql import functions as F'] : []),
  ];
}

/** The module docstring, its text wrapped at 79 columns. */
function docstring(text: string): string {
  const lines = text.split(/\r?\n/).flatMap(paragraph => wrap(paragraph, 76));
  const body = pyMultilineString(lines.join('\n'));
  return lines.length > 1 ? `${body.slice(0, -3)}\n"""` : body;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return [...lines, line];
}

const WRITES = {
  overwrite: 'replaces',
  append: 'appends to',
  merge: 'merges into',
} as const;

/** `main()`: parses the job's parameters and writes every Target. */
function mainFunction(
  name: string,
  targets: readonly NodeOf<'Target'>[],
  columns: ReadonlyMap<string, readonly TargetColumn[]>,
  options: GeneratePySparkOptions,
  parameters: readonly DeclaredParameter[],
): string[] {
  const writes = targets.flatMap(target => {
    const { dataset, table, mode, mergeKeys = [] } = target.config;
    const what =
      dataset !== undefined ? `dataset ${dataset}` : `table ${table}`;
    const written = castColumns(
      `targets[${pyString(target.id)}]`,
      columns.get(target.id)!,
    );
    const into = pyString(tableName(target.config, 'spark', options.tables));
    let value: Py;
    if (mode === 'merge') {
      const on = mergeKeys
        .map(key => {
          const column = quoteIdentifier(key, 'spark');
          return `${quoteIdentifier(
            'target',
            'spark',
          )}.${column} <=> ${quoteIdentifier('source', 'spark')}.${column}`;
        })
        .join(' AND ');
      value = call(
        call(
          call(
            call(
              call(
                call('DeltaTable', 'forName', 'spark', into),
                'alias',
                '"target"',
              ),
              'merge',
              call(written, 'alias', '"source"'),
              pyString(on),
            ),
            'whenMatchedUpdateAll',
          ),
          'whenNotMatchedInsertAll',
        ),
        'execute',
      );
    } else if (dataset !== undefined) {
      // The table exists (PREPARE_TARGETS); writeTo matches columns by name
      // and keeps its definition: contract types and comments.
      const to = call(written, 'writeTo', into);
      value =
        mode === 'append'
          ? call(to, 'append')
          : call(to, 'overwrite', call('F', 'lit', 'True'));
    } else {
      value = call(
        call(attribute(written, 'write'), 'mode', pyString(mode)),
        'saveAsTable',
        into,
      );
    }
    const on = mode === 'merge' ? ` on ${mergeKeys.join(', ')}` : '';
    return [
      `    ${pyComment(`Target ${target.id}: ${WRITES[mode]} ${what}${on}`)}`,
      ...statement('', value),
    ];
  });
  return [
    'def main(argv: list[str] | None = None) -> None:',
    ...statement(
      'parser = ',
      call(
        'argparse',
        'ArgumentParser',
        `description=${pyString(`Runs pipeline ${name}.`)}`,
      ),
    ),
    '    parser.add_argument("--catalog", help="Unity Catalog catalog to use")',
    '    parser.add_argument("--schema", help="schema to use in that catalog")',
    ...parameterArgumentLines(parameters),
    '    # The job may pass parameters this pipeline does not use.',
    '    args, _ = parser.parse_known_args(argv)',
    ...parameterAssignmentLines(parameters),
    '    spark = SparkSession.builder.getOrCreate()',
    '    if args.catalog:',
    '        spark.catalog.setCurrentCatalog(args.catalog)',
    '    if args.schema:',
    '        spark.catalog.setCurrentDatabase(args.schema)',
    ...(options.prepare?.length
      ? [
          '    for statement in PREPARE_TARGETS:',
          '        spark.sql(statement)',
        ]
      : []),
    '    targets = build(spark)',
    ...writes,
  ];
}

/**
 * The DataFrame a Target writes: its columns in the order written, each
 * cast to its type (`F.col(…).cast(…)` is Spark's CAST) under its name;
 * the DataFrame itself when nothing changes.
 */
function castColumns(frame: string, columns: readonly TargetColumn[]): Py {
  if (columns.every(c => !c.cast && c.name === c.input.name)) return frame;
  return call(
    frame,
    'select',
    ...columns.map(c => {
      const read = call(
        'F',
        'col',
        pyString(quoteIdentifier(c.input.name, 'spark')),
      );
      const cast = c.cast
        ? call(read, 'cast', pyString(formatSqlType(c.cast)))
        : read;
      return call(cast, 'alias', pyString(c.name));
    }),
  );
}
