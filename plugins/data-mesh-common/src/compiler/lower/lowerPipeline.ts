import type { Expression, InputSchema } from '../../expression';
import type { PathSegment, PipelineFile, PipelineNode } from '../../project';
import {
  checkParameterValue,
  DeclaredParameter,
  declareParameters,
  parameterLiteral,
  ParameterValue,
  replaceParameterMarkers,
  sameParameter,
  typedMarker,
} from '../parameters';
import type { NodeOf } from '../gems/gem';
import { propagateSchemas } from '../propagate';
import type { CompilerDiagnostic, PropagationContext } from '../types';
import { businessRuleExpression } from './businessRuleExpression';
import { inlineSubgraphs } from './inlineSubgraphs';
import { mapAllExpressions } from './requalify';
import { inlineStandardFunctions } from '../../standards/standardFunctions';

/**
 * Options of {@link lowerPipeline}.
 *
 * @public
 */
export interface LowerOptions {
  /**
   * The values of the pipeline's parameters, for a back end that runs the
   * code it gets (DuckDB): each `:name` becomes a typed literal of the
   * value given here, else of the parameter's default. Without it, each
   * `:name` stays a marker, cast to the parameter's type, for Databricks
   * to fill in from the job.
   */
  readonly parameterValues?: Readonly<Record<string, ParameterValue>>;
}

/**
 * The result of {@link lowerPipeline}.
 *
 * @public
 */
export interface LoweredPipeline {
  /** The pipeline with only primitive gems. */
  readonly pipeline: PipelineFile;
  /**
   * Each node inlined from a subgraph (`enrich__amounts`) → the id of the
   * pipeline's Subgraph node it came from (`enrich`).
   */
  readonly origins: ReadonlyMap<string, string>;
  readonly diagnostics: CompilerDiagnostic[];
}

/**
 * Rewrites a pipeline into one made only of primitive gems (Source, Target,
 * Filter, Reformat, Join, Aggregate, Window, OrderBy, Deduplicate, Union,
 * Limit, SQL, Mask), which is all a code generator has to write:
 *
 * - a Subgraph node `enrich` becomes the subgraph's nodes, with ids
 *   `enrich__<inner id>` (nested subgraphs likewise), wired to what feeds
 *   the Subgraph node and to what it fed;
 * - a BusinessRule node becomes a Reformat that passes its input through and
 *   adds the rule's output column, the rule written as one CASE expression
 *   with each rule input replaced by the expression bound to it.
 *
 * - each parameter marker `:name` becomes what {@link LowerOptions} says;
 * - each call of a standards library function becomes its body.
 *
 * Propagating the lowered pipeline gives every Target the columns and
 * types propagating the original does. Pure: reads only its arguments.
 *
 * @public
 */
export function lowerPipeline(
  pipeline: PipelineFile,
  context: PropagationContext,
  options: LowerOptions = {},
): LoweredPipeline {
  const declared = declareParameters(pipeline.parameters).parameters;
  const inlined = inlineSubgraphs(pipeline, context, 0, declared);
  const diagnostics = [...inlined.diagnostics];
  let nodes = inlined.nodes;
  if (nodes.some(n => n.type === 'BusinessRule')) {
    // A rule is written against the schema arriving at its node.
    const propagation = propagateSchemas(
      { ...inlined, parameters: pipeline.parameters },
      context,
    );
    nodes = nodes.map((node, index) => {
      if (node.type !== 'BusinessRule') return node;
      const upstream = inlined.edges.find(
        e => e.to.node === node.id && e.to.port === 'in',
      )?.from.node;
      const columns = propagation.inputs.get(node.id)?.in?.columns;
      const lowered = lowerBusinessRule(
        node,
        { ...context, parameters: declared },
        upstream !== undefined && columns
          ? { alias: upstream, columns }
          : undefined,
      );
      if ('node' in lowered) return lowered.node;
      // Problems are reported where the author can fix them: on the
      // Subgraph node for a rule inside a subgraph.
      const origin = inlined.origins.get(node.id);
      const at = pipeline.nodes.findIndex(n => n.id === (origin ?? node.id));
      for (const { field, message, code } of lowered.problems) {
        diagnostics.push({
          severity: 'error',
          code,
          nodeId: origin ?? node.id,
          path: origin
            ? ['nodes', at, 'config', 'subgraph']
            : ['nodes', at >= 0 ? at : index, 'config', ...field],
          message: origin ? `in node "${node.id}": ${message}` : message,
        });
      }
      return node;
    });
  }
  const markers = pipelineParameterExpressions(
    declared,
    options.parameterValues,
  );
  diagnostics.push(...markers.diagnostics);
  if (declared.length) {
    nodes = nodes.map(node =>
      mapAllExpressions(node, text =>
        replaceParameterMarkers(text, name =>
          markers.values.get(name.toLowerCase()),
        ),
      ),
    );
  }
  const standard = context.standardFunctions;
  if (standard?.size) {
    nodes = nodes.map(node =>
      mapAllExpressions(node, text => inlineStandardFunctions(text, standard)),
    );
  }
  return {
    pipeline: { ...pipeline, nodes, edges: inlined.edges },
    origins: inlined.origins,
    diagnostics,
  };
}

function lowerBusinessRule(
  node: NodeOf<'BusinessRule'>,
  context: PropagationContext,
  input: InputSchema | undefined,
):
  | { node: PipelineNode }
  | {
      problems: Array<{
        field: readonly (string | number)[];
        message: string;
        code: CompilerDiagnostic['code'];
      }>;
    } {
  const { rule: name, outputColumn, bindings } = node.config;
  const rule = context.rules?.[name];
  if (!rule) {
    return {
      problems: [
        {
          field: ['rule'],
          message: `no rule "${name}" in the project`,
          code: 'unknown-rule',
        },
      ],
    };
  }
  if (!input) {
    return {
      problems: [
        {
          field: [],
          message: `the input of BusinessRule "${node.id}" has no known schema`,
          code: 'missing-input',
        },
      ],
    };
  }
  const result = businessRuleExpression(
    rule,
    bindings,
    input,
    context.parameters,
    context.functions,
  );
  if ('problems' in result) {
    return {
      problems: result.problems.map(p => ({ ...p, code: 'invalid-binding' })),
    };
  }
  // The rule's column comes last, as the BusinessRule gem puts it, even
  // when it replaces an input column.
  const replaced = input.columns.find(
    c => c.name.toLowerCase() === outputColumn.toLowerCase(),
  );
  const lowered: NodeOf<'Reformat'> = {
    id: node.id,
    type: 'Reformat',
    ...(node.label !== undefined && { label: node.label }),
    position: node.position,
    config: {
      columns: [{ name: outputColumn, expression: result.expression }],
      passThrough: true,
      ...(replaced && { drop: [replaced.name] }),
    },
  };
  return { node: lowered };
}

/**
 * What each pipeline parameter's marker becomes, lower-cased name →
 * expression, and the problems of the values: a value naming no
 * parameter, a value that does not fit, a parameter with no value.
 */
function pipelineParameterExpressions(
  declared: readonly DeclaredParameter[],
  given: Readonly<Record<string, ParameterValue>> | undefined,
): { values: Map<string, Expression>; diagnostics: CompilerDiagnostic[] } {
  const values = new Map<string, Expression>();
  const diagnostics: CompilerDiagnostic[] = [];
  const problem = (path: PathSegment[], message: string) =>
    diagnostics.push({
      severity: 'error',
      code: 'invalid-parameter',
      path,
      message,
    });
  if (!given) {
    for (const parameter of declared) {
      values.set(
        parameter.name.toLowerCase(),
        typedMarker(parameter.name, parameter.type),
      );
    }
    return { values, diagnostics };
  }
  for (const name of Object.keys(given)) {
    if (!sameParameter(declared, name)) {
      const known = declared.map(p => p.name).join(', ');
      problem(
        ['parameters'],
        `a value is given for parameter "${name}", which the pipeline does not declare; its parameters: ${
          known || 'none'
        }`,
      );
    }
  }
  for (const parameter of declared) {
    const key = Object.keys(given).find(
      k => k.toLowerCase() === parameter.name.toLowerCase(),
    );
    const value = key === undefined ? parameter.default : given[key];
    if (value === undefined) {
      problem(
        ['parameters', parameter.index],
        `parameter "${parameter.name}" has no default and no value was given`,
      );
      continue;
    }
    const checked = checkParameterValue(value, parameter.type);
    if ('problem' in checked) {
      problem(
        ['parameters', parameter.index],
        `value of parameter "${parameter.name}": ${checked.problem}`,
      );
      continue;
    }
    values.set(
      parameter.name.toLowerCase(),
      parameterLiteral(checked.text, parameter.type),
    );
  }
  return { values, diagnostics };
}
