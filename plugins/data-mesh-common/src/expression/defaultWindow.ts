/**
 * A default window for bare calls, as a Window gem gives its columns: the
 * gem's partitionBy and orderBy become the OVER clause of every window or
 * aggregate call written without one, wherever it sits in the expression
 * (`net_revenue - lag(net_revenue, 1, 0)`, `datediff(d, lag(d))`).
 */
import type { Expression, FunctionCallExpression, WindowSpec } from './ast';
import {
  defaultFunctionCatalogue,
  FunctionCatalogue,
} from './functions/catalogue';

/**
 * The window to write into bare calls; each call gets it at its own span.
 *
 * @public
 */
export type DefaultWindow = Omit<WindowSpec, 'span'>;

/**
 * `expression` with `window` as the OVER clause of each bare call of a
 * window or aggregate function. Calls that have an OVER clause keep it, and
 * the arguments of a call that gets one are left alone (windows do not
 * nest). The tree is composed, never re-parsed, so positions stay those of
 * the author's text; an expression without bare calls is returned as is.
 *
 * @public
 */
export function withDefaultWindow(
  expression: Expression,
  window: DefaultWindow,
  functions: FunctionCatalogue = defaultFunctionCatalogue,
): Expression {
  return mapBareCalls(
    expression,
    call => ({
      ...call,
      window: { ...window, span: call.span },
    }),
    functions,
  );
}

/**
 * Whether `expression` has a call of a window or aggregate function
 * without an OVER clause (which a default window would complete).
 *
 * @public
 */
export function hasBareWindowCall(
  expression: Expression,
  functions: FunctionCatalogue = defaultFunctionCatalogue,
): boolean {
  let found = false;
  mapBareCalls(
    expression,
    call => {
      found = true;
      return call;
    },
    functions,
  );
  return found;
}

function mapBareCalls(
  node: Expression,
  complete: (call: FunctionCallExpression) => FunctionCallExpression,
  functions: FunctionCatalogue,
): Expression {
  const map = (child: Expression) => mapBareCalls(child, complete, functions);
  switch (node.kind) {
    case 'literal':
    case 'column':
      return node;
    case 'call': {
      if (node.window) return node;
      const kind = functions.lookup(node.name.value)?.kind;
      if (kind === 'window' || kind === 'aggregate') return complete(node);
      return changed(node, node.args, map, args => ({ ...node, args }));
    }
    case 'unary':
    case 'is':
    case 'cast': {
      const operand = map(node.operand);
      return operand === node.operand ? node : { ...node, operand };
    }
    case 'binary': {
      const left = map(node.left);
      const right = map(node.right);
      return left === node.left && right === node.right
        ? node
        : { ...node, left, right };
    }
    case 'in': {
      const operand = map(node.operand);
      const list = node.list.map(map);
      return operand === node.operand &&
        list.every((e, i) => e === node.list[i])
        ? node
        : { ...node, operand, list };
    }
    case 'between': {
      const [operand, low, high] = [node.operand, node.low, node.high].map(map);
      return operand === node.operand && low === node.low && high === node.high
        ? node
        : { ...node, operand, low, high };
    }
    case 'like': {
      const operand = map(node.operand);
      const pattern = map(node.pattern);
      return operand === node.operand && pattern === node.pattern
        ? node
        : { ...node, operand, pattern };
    }
    case 'case': {
      const operand = node.operand && map(node.operand);
      const branches = node.branches.map(branch => {
        const when = map(branch.when);
        const then = map(branch.then);
        return when === branch.when && then === branch.then
          ? branch
          : { ...branch, when, then };
      });
      const otherwise = node.otherwise && map(node.otherwise);
      return operand === node.operand &&
        otherwise === node.otherwise &&
        branches.every((b, i) => b === node.branches[i])
        ? node
        : { ...node, operand, branches, otherwise };
    }
    case 'subscript': {
      const operand = map(node.operand);
      const index = map(node.index);
      return operand === node.operand && index === node.index
        ? node
        : { ...node, operand, index };
    }
    default:
      return node;
  }
}

function changed<T extends Expression>(
  node: T,
  children: readonly Expression[],
  map: (child: Expression) => Expression,
  rebuild: (children: Expression[]) => T,
): T {
  const mapped = children.map(map);
  return mapped.every((child, i) => child === children[i])
    ? node
    : rebuild(mapped);
}
