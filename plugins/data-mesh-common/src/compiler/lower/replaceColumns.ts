import type {
  ColumnExpression,
  FunctionCallExpression,
  Expression,
  FrameBound,
  WindowSpec,
} from '../../expression';

type Replace = (column: ColumnExpression) => Expression;
type ReplaceCall = (call: FunctionCallExpression) => Expression;

/**
 * A copy of `expression` with every column reference replaced by what
 * `replace` returns for it (the reference itself to keep it). Operator
 * precedence needs no care here: the tree says what applies to what, and
 * the renderer adds the parentheses the SQL text needs. `replaceCall`, if
 * given, gets each function call after its arguments were replaced.
 */
export function replaceColumns(
  expression: Expression,
  replace: Replace,
  replaceCall?: ReplaceCall,
): Expression {
  const map = (e: Expression) => replaceColumns(e, replace, replaceCall);
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
    case 'call': {
      const call: FunctionCallExpression = {
        ...expression,
        args: expression.args.map(map),
        window: expression.window && replaceInWindow(expression.window, map),
      };
      return replaceCall ? replaceCall(call) : call;
    }
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
