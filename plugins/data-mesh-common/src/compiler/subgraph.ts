import { commonSupertype, formatSqlType } from '../expression';
import {
  formatDataPath,
  SUBGRAPH_INPUT_NODE,
  SUBGRAPH_OUTPUT_NODE,
} from '../project';
import { sameName } from './gems/columns';
import type {
  GemEnvironment,
  NodeOf,
  OutputColumn,
  PortColumnRef,
} from './gems/gem';
import { declaredType } from './gems/source';
import { lookupLineage } from './lineage';
import {
  checkParameterValue,
  DeclaredParameter,
  declareParameters,
  parameterReference,
  sameParameter,
} from './parameters';
import { propagateGraph } from './propagate';
import type { ColumnLineage, PortSchema } from './types';

/** Deeper nesting than this is taken for a subgraph that uses itself. */
const MAX_SUBGRAPH_DEPTH = 16;

type SubgraphNode = NodeOf<'Subgraph'>;

/** The `$input` columns an inner column derives from, following lineage backwards. */
function boundaryReads(
  lineage: ReadonlyMap<
    string,
    Readonly<Record<string, readonly ColumnLineage[]>>
  >,
  start: ColumnLineage,
): PortColumnRef[] {
  const reads: PortColumnRef[] = [];
  const seen = new Set<ColumnLineage>();
  const stack = [start];
  while (stack.length) {
    const current = stack.pop()!;
    if (seen.has(current)) continue;
    seen.add(current);
    for (const ref of current.inputs) {
      if (ref.node === SUBGRAPH_INPUT_NODE) {
        if (!reads.some(r => r.port === ref.port && r.column === ref.column)) {
          reads.push({ port: ref.port, column: ref.column });
        }
        continue;
      }
      const next = lookupLineage(lineage, ref.node, ref.port, ref.column);
      if (next) stack.push(next);
    }
  }
  return reads;
}

/**
 * The subgraph's declared parameters, which its expressions read, after
 * checking the values the node passes: each names a declared parameter and
 * is a literal of its type or `":name"`, a parameter of the calling graph
 * whose type converts; a parameter without a default must be given one.
 */
function checkSubgraphParameters(
  env: GemEnvironment<SubgraphNode>,
  name: string,
): DeclaredParameter[] {
  const subgraph = env.context.subgraphs![name];
  const declared = declareParameters(subgraph.parameters);
  for (const problem of declared.diagnostics) {
    env.report({
      ...problem,
      field: ['subgraph'],
      message: `in subgraph "${name}" (${formatDataPath(problem.path)}): ${
        problem.message
      }`,
    });
  }
  const invalid = (field: string[], message: string) =>
    env.report({
      severity: 'error',
      code: 'invalid-parameter',
      field,
      message,
    });
  const passed = env.node.config.parameters ?? {};
  const callers = env.context.parameters ?? [];
  for (const [key, value] of Object.entries(passed)) {
    const parameter = sameParameter(declared.parameters, key);
    if (!parameter) {
      const known = declared.parameters.map(p => p.name).join(', ');
      invalid(
        ['parameters', key],
        `subgraph "${name}" has no parameter "${key}"; its parameters: ${
          known || 'none'
        }`,
      );
      continue;
    }
    const reference = parameterReference(value);
    if (reference !== undefined) {
      const outer = sameParameter(callers, reference);
      if (!outer) {
        const known = callers.map(p => `:${p.name}`).join(', ');
        invalid(
          ['parameters', key],
          `no parameter :${reference} here to pass to "${key}"; declared: ${
            known || 'none'
          }`,
        );
      } else if (!commonSupertype(outer.type, parameter.type)) {
        invalid(
          ['parameters', key],
          `parameter "${key}" of subgraph "${name}" is ${formatSqlType(
            parameter.type,
          )}, but :${outer.name} is ${formatSqlType(outer.type)}`,
        );
      }
      continue;
    }
    const checked = checkParameterValue(value, parameter.type);
    if ('problem' in checked) {
      invalid(
        ['parameters', key],
        `parameter "${key}" of subgraph "${name}": ${checked.problem}`,
      );
    }
  }
  for (const parameter of declared.parameters) {
    const given = Object.keys(passed).some(
      key => key.toLowerCase() === parameter.name.toLowerCase(),
    );
    if (!given && parameter.default === undefined) {
      invalid(
        ['parameters'],
        `subgraph "${name}" needs a value for parameter "${parameter.name}", which has no default`,
      );
    }
  }
  return declared.parameters;
}

/**
 * Subgraph: propagates through the subgraph's own graph. The node's inputs
 * must provide the declared input columns (with convertible types), and the
 * inner graph must produce the declared output columns; the columns that
 * actually flow are propagated, so columns passed through survive. Formulas
 * come from the inner graph, and lineage is traced back through it to the
 * calling pipeline's sources. The subgraph's parameters are in its
 * expressions' scope, with the values the node passes.
 */
export function propagateSubgraph(
  env: GemEnvironment<SubgraphNode>,
  depth: number,
  inputLineage: Readonly<Record<string, readonly ColumnLineage[]>>,
): Record<string, OutputColumn[]> {
  const name = env.node.config.subgraph;
  const subgraph = env.context.subgraphs?.[name];
  if (!subgraph) {
    env.report({
      severity: 'error',
      code: 'unknown-subgraph',
      field: ['subgraph'],
      message: `no subgraph "${name}" in the project`,
    });
    return {};
  }
  if (depth >= MAX_SUBGRAPH_DEPTH) {
    env.report({
      severity: 'error',
      code: 'cycle',
      field: ['subgraph'],
      message: `subgraphs nest more than ${MAX_SUBGRAPH_DEPTH} deep; does "${name}" use itself?`,
    });
    return {};
  }
  const mismatch = (message: string) =>
    env.report({
      severity: 'error',
      code: 'schema-mismatch',
      field: ['subgraph'],
      message,
    });

  const schemas: Record<string, PortSchema> = {};
  const boundaryLineage: Record<string, ColumnLineage[]> = {};
  for (const input of subgraph.inputs) {
    const actual = env.inputs[input.name]?.columns ?? [];
    for (const declared of input.schema) {
      const type = declaredType(
        env,
        declared.type,
        ['subgraph'],
        `column "${declared.name}" of input "${input.name}"`,
      );
      const given = actual.find(c => sameName(c.name, declared.name));
      if (!given) {
        mismatch(
          `subgraph "${name}" needs column \`${declared.name}\` on input "${input.name}", which the edge does not provide`,
        );
      } else if (!commonSupertype(given.type, type)) {
        mismatch(
          `subgraph "${name}" input "${input.name}" needs \`${
            declared.name
          }\` as ${formatSqlType(type)}, but it is ${formatSqlType(
            given.type,
          )}`,
        );
      }
    }
    // The inner graph sees every column that arrives, not only the declared
    // ones, so that columns a subgraph passes through stay available after it.
    schemas[input.name] = { columns: actual };
    boundaryLineage[input.name] = actual.map(column => ({
      column: column.name,
      formula: column.name,
      inputs: [],
      sources:
        (inputLineage[input.name] ?? []).find(c =>
          sameName(c.column, column.name),
        )?.sources ?? [],
    }));
  }

  const parameters = checkSubgraphParameters(env, name);
  const inner = propagateGraph(
    subgraph,
    { ...env.context, parameters },
    {
      inputNode: SUBGRAPH_INPUT_NODE,
      outputNode: SUBGRAPH_OUTPUT_NODE,
      inputs: boundaryLineage,
      schemas,
      depth: depth + 1,
    },
  );
  // Inner problems are reported on this node's `subgraph` field, since the
  // path is into this pipeline; where they are in the subgraph file goes in
  // the message (an expression position would point into the wrong text).
  for (const { expression, nodeId, path, ...problem } of inner.diagnostics) {
    const at = expression ? ` ${expression.line}:${expression.column}` : '';
    const where = [nodeId && `node "${nodeId}"`, formatDataPath(path) + at]
      .filter(Boolean)
      .join(', ');
    env.report({
      ...problem,
      field: ['subgraph'],
      message: `in subgraph "${name}" (${where}): ${problem.message}`,
    });
  }

  const result: Record<string, OutputColumn[]> = {};
  for (const output of subgraph.outputs) {
    const from = inner.outputs.get(output.name);
    if (!from) {
      mismatch(
        `output "${output.name}" of subgraph "${name}" has no edge into it`,
      );
      continue;
    }
    const fromInput = from.node === SUBGRAPH_INPUT_NODE;
    const columns = inner.lineage.get(from.node)?.[from.port];
    const schema = (fromInput ? schemas : inner.ports.get(from.node))?.[
      from.port
    ];
    if (!columns || !schema) continue; // the inner graph reported why
    for (const declared of output.schema) {
      const type = declaredType(
        env,
        declared.type,
        ['subgraph'],
        `column "${declared.name}" of output "${output.name}"`,
      );
      const computed = schema.columns.find(c =>
        sameName(c.name, declared.name),
      );
      if (!computed) {
        mismatch(
          `subgraph "${name}" declares \`${declared.name}\` on output "${output.name}", but its graph does not produce it`,
        );
      } else if (!commonSupertype(computed.type, type)) {
        mismatch(
          `subgraph "${name}" declares output \`${
            declared.name
          }\` as ${formatSqlType(type)}, but its graph makes it ${formatSqlType(
            computed.type,
          )}`,
        );
      }
    }
    result[output.name] = schema.columns.map((column, index) => {
      const lineage = columns[index];
      return {
        name: column.name,
        type: column.type,
        formula: lineage.formula,
        reads: fromInput
          ? [{ port: from.port, column: column.name }]
          : boundaryReads(inner.lineage, lineage),
        sources: lineage.sources,
      };
    });
  }
  return result;
}
