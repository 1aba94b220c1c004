import {
  bindExpression,
  Expression,
  FunctionCatalogue,
  formatExpression,
  InputSchema,
  ParameterSchema,
  isExpressionError,
  parseExpression,
  parseSqlType,
  SourceSpan,
  SqlType,
  sqlTypesEqual,
} from '../../expression';
import type { PathSegment, RuleFile, ScalarValue } from '../../project';
import { replaceColumns } from './replaceColumns';

/** Why a rule could not be written as an expression, at a field of the node's config. */
export interface RuleProblem {
  readonly field: readonly PathSegment[];
  readonly message: string;
}

/** Generated nodes have no source text of their own. */
const NO_SPAN: SourceSpan = { offset: 0, end: 0, line: 1, column: 1 };

function literal(value: ScalarValue): Expression {
  if (typeof value === 'number') return parseExpression(String(value));
  const span = NO_SPAN;
  if (value === null) return { kind: 'literal', value: { type: 'null' }, span };
  if (typeof value === 'string') {
    return { kind: 'literal', value: { type: 'string', value }, span };
  }
  return { kind: 'literal', value: { type: 'boolean', value }, span };
}

function cast(operand: Expression, type: SqlType): Expression {
  return {
    kind: 'cast',
    operand,
    target: { type, span: NO_SPAN },
    safe: false,
    span: NO_SPAN,
  };
}

/**
 * A business rule applied to a node's input, as one Spark SQL expression:
 * `CASE WHEN <case 1> THEN <value 1> … ELSE <default> END`, where each rule
 * input is replaced by the syntax tree of the expression bound to it.
 *
 * A binding of another kind of type than the rule input declares (an int
 * for a string) is cast to it, so that the conditions compare as the rule
 * was written; and the whole is cast to the rule's output type unless the
 * values already have it, so that the column has the type propagation
 * gives it.
 */
export function businessRuleExpression(
  rule: RuleFile,
  bindings: Readonly<Record<string, string>>,
  input: InputSchema,
  parameters: readonly ParameterSchema[] = [],
  functions?: FunctionCatalogue,
): { expression: string } | { problems: RuleProblem[] } {
  const problems: RuleProblem[] = [];
  // Bindings are the pipeline's expressions: they may read its parameters.
  const scope = { inputs: [input], parameters };
  const substitutes = new Map<string, Expression>();
  for (const ruleInput of rule.inputs) {
    const text = bindings[ruleInput.name];
    const field = ['bindings', ruleInput.name];
    if (text === undefined) {
      problems.push({
        field: ['bindings'],
        message: `rule input "${ruleInput.name}" is not bound to an expression`,
      });
      continue;
    }
    try {
      const parsed = parseExpression(text);
      const declared = parseSqlType(ruleInput.type);
      const { type } = bindExpression(parsed, scope, {
        functions,
        allowAggregates: false,
        allowWindows: false,
      });
      substitutes.set(
        ruleInput.name.toLowerCase(),
        type.kind === declared.kind ? parsed : cast(parsed, declared),
      );
    } catch (error) {
      if (!isExpressionError(error)) throw error;
      problems.push({ field, message: error.message });
    }
  }
  if (problems.length) return { problems };

  const isRuleQualifier = (q: string | undefined) =>
    q === undefined || q.toLowerCase() === rule.name.toLowerCase();
  try {
    const branches = rule.cases.map(item => ({
      when: replaceColumns(parseExpression(item.when), column =>
        isRuleQualifier(column.qualifier?.value)
          ? substitutes.get(column.name.value.toLowerCase()) ?? column
          : column,
      ),
      then: literal(item.then),
      span: NO_SPAN,
    }));
    const classified: Expression = {
      kind: 'case',
      branches,
      otherwise: literal(rule.default),
      span: NO_SPAN,
    };
    const outputType = parseSqlType(rule.outputType);
    const { type } = bindExpression(classified, scope, {
      functions,
      allowAggregates: false,
      allowWindows: false,
    });
    return {
      expression: formatExpression(
        sqlTypesEqual(type, outputType)
          ? classified
          : cast(classified, outputType),
      ),
    };
  } catch (error) {
    if (!isExpressionError(error)) throw error;
    return {
      problems: [
        { field: ['rule'], message: `rule "${rule.name}": ${error.message}` },
      ],
    };
  }
}
