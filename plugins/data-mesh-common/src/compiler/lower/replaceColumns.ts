import type {
  ColumnExpression,
  Expression,
  FrameBound,
  WindowSpec,
} from '../../expression';

type Replace = (column: ColumnExpression) => Expression;

/**
 * A copy of `expression` with every column reference replaced by what
 * `replace` returns for it (the reference itself to keep it). Operator
 * precedence needs no care here: the tree says what applies to what, and
 * the renderer adds the parentheses the SQL text needs.
 */
export function replaceColumns(
  expression: Expression,
  replace: Replace,
): Expression {
  const map = (e: Expression) => replaceColumns(e, replace);
  switch (expression.kind) {
    case 'literal':
      return expression;
    case 'column':
      return replace(expression);
    case 'unary':
      return { ...expression, operand: map(expression.operand) };
    case 'binary':
      return {
        ...expression,
        left: map(expression.left),
        right: map(expression.right),
      };
    case 'is':
    case 'cast':
      return { ...expression, operand: map(expression.operand) };
    case 'in':
      return {
        ...expression,
        operand: map(expression.operand),
        list: expression.list.map(map),
      };
    case 'between':
      return {
        ...expression,
        operand: map(expression.operand),
        low: map(expression.low),
        high: map(expression.high),
      };
    case 'like':
      return {
        ...expression,
        operand: map(expression.operand),
        pattern: map(expression.pattern),
      };
    case 'case':
      return {
        ...expression,
        operand: expression.operand && map(expression.operand),
        branches: expression.branches.map(b => ({
          ...b,
          when: map(b.when),
          then: map(b.then),
        })),
        otherwise: expression.otherwise && map(expression.otherwise),
      };
    case 'call':
      return {
        ...expression,
        args: expression.args.map(map),
        window: expression.window && replaceInWindow(expression.window, map),
      };
    case 'subscript':
      return {
        ...expression,
        operand: map(expression.operand),
        index: map(expression.index),
      };
    default:
      return expression;
  }
}

function replaceInWindow(
  window: WindowSpec,
  map: (e: Expression) => Expression,
): WindowSpec {
  const bound = (b: FrameBound | undefined) =>
    b && (b.offset ? { ...b, offset: map(b.offset) } : b);
  return {
    ...window,
    partitionBy: window.partitionBy.map(map),
    orderBy: window.orderBy.map(item => ({
      ...item,
      expression: map(item.expression),
    })),
    frame: window.frame && {
      ...window.frame,
      start: bound(window.frame.start)!,
      end: bound(window.frame.end),
    },
  };
}
