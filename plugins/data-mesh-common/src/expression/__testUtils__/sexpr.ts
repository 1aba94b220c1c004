import type { Expression, FrameBound, LiteralValue, WindowSpec } from '../ast';
import { formatSqlType } from '../types';

/**
 * A syntax tree as a fully parenthesised S-expression, e.g.
 * `(+ 1 (* 2 3))`, so that tests state the tree's shape (and so precedence)
 * without depending on the renderer.
 */
export function sexpr(node: Expression): string {
  switch (node.kind) {
    case 'literal':
      return literal(node.value);
    case 'column':
      return node.qualifier
        ? `${node.qualifier.value}.${node.name.value}`
        : node.name.value;
    case 'unary':
      return `(${node.operator} ${sexpr(node.operand)})`;
    case 'binary':
      return `(${node.operator} ${sexpr(node.left)} ${sexpr(node.right)})`;
    case 'is':
      return `(IS ${node.negated ? 'NOT ' : ''}${node.test} ${sexpr(
        node.operand,
      )})`;
    case 'in':
      return `(${node.negated ? 'NOT ' : ''}IN ${[node.operand, ...node.list]
        .map(sexpr)
        .join(' ')})`;
    case 'between':
      return `(${node.negated ? 'NOT ' : ''}BETWEEN ${sexpr(
        node.operand,
      )} ${sexpr(node.low)} ${sexpr(node.high)})`;
    case 'like': {
      const escape =
        node.escape === undefined
          ? ''
          : ` ESCAPE ${JSON.stringify(node.escape)}`;
      return `(${node.negated ? 'NOT ' : ''}${node.operator} ${sexpr(
        node.operand,
      )} ${sexpr(node.pattern)}${escape})`;
    }
    case 'case': {
      const parts = ['CASE'];
      if (node.operand) parts.push(sexpr(node.operand));
      for (const branch of node.branches) {
        parts.push(`(WHEN ${sexpr(branch.when)} ${sexpr(branch.then)})`);
      }
      if (node.otherwise) parts.push(`(ELSE ${sexpr(node.otherwise)})`);
      return `(${parts.join(' ')})`;
    }
    case 'cast':
      return `(${node.safe ? 'TRY_CAST' : 'CAST'} ${sexpr(
        node.operand,
      )} ${formatSqlType(node.target.type)})`;
    case 'call': {
      const args = node.star ? ['*'] : node.args.map(sexpr);
      const call = `(${node.name.value}${node.distinct ? ' DISTINCT' : ''}${
        args.length ? ' ' : ''
      }${args.join(' ')})`;
      return node.window ? `(OVER ${call}${windowSpec(node.window)})` : call;
    }
    case 'subscript':
      return `([] ${sexpr(node.operand)} ${sexpr(node.index)})`;
    default:
      throw new Error('unknown node');
  }
}

function literal(value: LiteralValue): string {
  switch (value.type) {
    case 'null':
      return 'NULL';
    case 'boolean':
      return value.value ? 'TRUE' : 'FALSE';
    case 'string':
      return JSON.stringify(value.value);
    case 'date':
      return `DATE:${value.value}`;
    case 'timestamp':
      return `TIMESTAMP:${value.value}`;
    case 'interval':
      return `INTERVAL:${value.value}:${value.unit}`;
    default:
      return `${value.text}${value.suffix ?? ''}`;
  }
}

function windowSpec(window: WindowSpec): string {
  let text = '';
  if (window.partitionBy.length) {
    text += ` (PARTITION ${window.partitionBy.map(sexpr).join(' ')})`;
  }
  if (window.orderBy.length) {
    const items = window.orderBy.map(item =>
      [
        sexpr(item.expression),
        item.direction,
        item.nulls && `NULLS ${item.nulls}`,
      ]
        .filter(Boolean)
        .join(' '),
    );
    text += ` (ORDER ${items.join(', ')})`;
  }
  if (window.frame) {
    const bounds = [window.frame.start, window.frame.end].filter(
      (b): b is FrameBound => b !== undefined,
    );
    const described = bounds.map(b =>
      b.offset ? `${sexpr(b.offset)} ${b.kind}` : b.kind,
    );
    text += ` (${window.frame.unit} ${described.join(' .. ')})`;
  }
  return text;
}
