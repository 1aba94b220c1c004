import {
  analyzeExpression,
  ColumnRendering,
  commonSupertype,
  formatExpression,
  formatSqlType,
  isExpressionError,
  renderStringLiteral,
} from '../../expression';
import type { RuleFile, ScalarValue } from '../../project';
import { derivedColumn, passThrough, sameName } from './columns';
import type {
  GemEnvironment,
  GemPropagator,
  NodeOf,
  OutputColumn,
  PortColumnRef,
} from './gem';
import { declaredType } from './source';

type RuleNode = NodeOf<'BusinessRule'>;

function literal(value: ScalarValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'string') return renderStringLiteral(value, 'spark');
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

/**
 * The rule as one Spark CASE expression over the node's input, each rule
 * input replaced by the formula bound to it: the derived column's formula.
 * Undefined (and reported) when a rule condition does not check.
 */
function ruleFormula(
  env: GemEnvironment<RuleNode>,
  rule: RuleFile,
  formulas: ReadonlyMap<string, string>,
): string | undefined {
  // A rule reads only its inputs: no parameters.
  const scope = {
    parameters: [],
    inputs: [
      {
        alias: rule.name,
        columns: rule.inputs.map(i => ({
          name: i.name,
          type: declaredType(
            env,
            i.type,
            ['rule'],
            `input "${i.name}" of rule "${rule.name}"`,
          ),
        })),
      },
    ],
  };
  const parts: string[] = [];
  for (const [index, item] of rule.cases.entries()) {
    try {
      const bound = analyzeExpression(item.when, scope, {
        functions: env.context.functions,
        allowAggregates: false,
        allowWindows: false,
      });
      const condition = formatExpression(bound, {
        columnReference: ({ resolved }): ColumnRendering | undefined => {
          const formula = resolved && formulas.get(resolved.column);
          if (formula === undefined) return undefined;
          return {
            sql: /^[A-Za-z_][A-Za-z0-9_.]*$/.test(formula)
              ? formula
              : `(${formula})`,
          };
        },
      });
      parts.push(`WHEN ${condition} THEN ${literal(item.then)}`);
    } catch (error) {
      if (!isExpressionError(error)) throw error;
      env.report({
        severity: 'error',
        code: 'invalid-expression',
        field: ['rule'],
        message: `rule "${rule.name}", cases[${index}].when: ${error.message}`,
      });
      return undefined;
    }
  }
  return `CASE ${parts.join(' ')} ELSE ${literal(rule.default)} END`;
}

/**
 * BusinessRule: the input columns plus `outputColumn`, of the rule's output
 * type. Each rule input must be bound to an expression over the node's input
 * whose type converts to the input's declared type.
 */
export const propagateBusinessRule: GemPropagator<RuleNode> = env => {
  const input = env.inputs.in;
  const { rule: ruleName, outputColumn, bindings } = env.node.config;
  const rule = env.context.rules?.[ruleName];
  if (!rule) {
    env.report({
      severity: 'error',
      code: 'unknown-rule',
      field: ['rule'],
      message: `no rule "${ruleName}" in the project`,
    });
    return {
      out: [
        ...passThrough(input),
        derivedColumn(outputColumn, ruleName, undefined, []),
      ],
    };
  }
  for (const name of Object.keys(bindings)) {
    if (!rule.inputs.some(i => i.name === name)) {
      env.report({
        severity: 'error',
        code: 'invalid-binding',
        field: ['bindings', name],
        message: `rule "${
          rule.name
        }" has no input "${name}"; its inputs are ${rule.inputs
          .map(i => i.name)
          .join(', ')}`,
      });
    }
  }
  const formulas = new Map<string, string>();
  const reads: PortColumnRef[] = [];
  for (const ruleInput of rule.inputs) {
    const text = bindings[ruleInput.name];
    if (text === undefined) {
      env.report({
        severity: 'error',
        code: 'invalid-binding',
        field: ['bindings'],
        message: `rule input "${ruleInput.name}" is not bound to an expression`,
      });
      continue;
    }
    const field = ['bindings', ruleInput.name];
    const bound = env.bind(text, field, [input], {
      usedIn: 'a rule binding',
      allowAggregates: false,
    });
    if (!bound) continue;
    const declared = declaredType(
      env,
      ruleInput.type,
      ['rule'],
      `input "${ruleInput.name}"`,
    );
    if (!commonSupertype(declared, bound.type)) {
      env.report({
        severity: 'error',
        code: 'invalid-binding',
        field,
        message: `rule input "${ruleInput.name}" is ${formatSqlType(
          declared,
        )}, but \`${text}\` is ${formatSqlType(bound.type)}`,
      });
    }
    const column = derivedColumn(ruleInput.name, text, bound, [input]);
    formulas.set(ruleInput.name, column.formula);
    reads.push(
      ...column.reads.filter(
        r => !reads.some(x => x.column === r.column && x.port === r.port),
      ),
    );
  }
  const formula = ruleFormula(env, rule, formulas);
  const derived: OutputColumn = {
    name: outputColumn,
    type: declaredType(
      env,
      rule.outputType,
      ['rule'],
      `the output of rule "${rule.name}"`,
    ),
    formula: formula ?? `${rule.name}(...)`,
    reads,
  };
  const output = passThrough(input).filter(
    c => !sameName(c.name, outputColumn),
  );
  return { out: [...output, derived] };
};
