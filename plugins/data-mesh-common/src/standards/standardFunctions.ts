import {
  bindExpression,
  defaultFunctionCatalogue,
  Expression,
  formatExpression,
  formatSqlType,
  FunctionCategory,
  FunctionDefinition,
  isExpressionError,
  parseExpression,
  parseSqlType,
  SqlType,
  sqlTypesEqual,
  tryParseExpression,
  walkExpression,
} from '../expression';
import type { PathSegment } from '../project';
import { replaceColumns } from '../compiler/lower/replaceColumns';
import type { StandardsFile } from './schema';
import type { StandardFunction } from './types';

type Declared = NonNullable<StandardsFile['functions']>[number];

/** A problem with one function of `standards.yaml`, at a path inside it. */
export interface StandardFunctionProblem {
  readonly path: readonly PathSegment[];
  readonly message: string;
  readonly code: 'invalid-expression' | 'invalid-type' | 'duplicate-name';
  /** Where inside an expression field, when the problem is in one. */
  readonly within?: { readonly offset: number; readonly length: number };
}

/** Groups the docs and completion list a function under, from its result. */
function categoryOf(type: SqlType): FunctionCategory {
  switch (type.kind) {
    case 'date':
    case 'timestamp':
      return 'datetime';
    case 'string':
      return 'string';
    case 'boolean':
      return 'conditional';
    default:
      return 'math';
  }
}

/**
 * Checks the functions of a `standards.yaml` and builds their catalogue
 * entries. A body is bound against the built-in functions only (standard
 * functions do not call each other, so inlining always ends) with the
 * parameters as its columns, and must have exactly the declared return
 * type: inlined, it then gives every call the type the checker promised.
 */
export function standardFunctions(
  declared: readonly Declared[],
  version: string,
): { functions: StandardFunction[]; problems: StandardFunctionProblem[] } {
  const functions: StandardFunction[] = [];
  const problems: StandardFunctionProblem[] = [];
  const seen = new Set<string>();
  declared.forEach((fn, index) => {
    const at = (...path: PathSegment[]) => ['functions', index, ...path];
    const key = fn.name.toLowerCase();
    if (defaultFunctionCatalogue.lookup(key) || seen.has(key)) {
      problems.push({
        path: at('name'),
        code: 'duplicate-name',
        message: `function "${fn.name}" is ${
          seen.has(key) ? 'defined twice' : 'a built-in function'
        }; give it another name`,
      });
      return;
    }
    seen.add(key);
    const names = new Set<string>();
    for (const [i, p] of fn.parameters.entries()) {
      if (names.has(p.name.toLowerCase())) {
        problems.push({
          path: at('parameters', i, 'name'),
          code: 'duplicate-name',
          message: `parameter "${p.name}" is declared twice`,
        });
        return;
      }
      names.add(p.name.toLowerCase());
    }
    const returns = parseSqlType(fn.returns);
    const body = parseExpression(fn.body);
    try {
      const bound = bindExpression(
        body,
        {
          inputs: [
            {
              alias: fn.name,
              columns: fn.parameters.map(p => ({
                name: p.name,
                type: parseSqlType(p.type),
              })),
            },
          ],
          parameters: [],
        },
        {
          allowAggregates: false,
          allowWindows: false,
          usedIn: `the body of function ${fn.name}`,
        },
      );
      if (!sqlTypesEqual(bound.type, returns)) {
        problems.push({
          path: at('body'),
          code: 'invalid-type',
          message: `the body of ${fn.name} is ${formatSqlType(
            bound.type,
          )}, but the function returns ${formatSqlType(
            returns,
          )}; cast the body`,
        });
        return;
      }
    } catch (error) {
      if (!isExpressionError(error)) throw error;
      problems.push({
        path: at('body'),
        code: 'invalid-expression',
        message: error.reason,
        within: { offset: error.offset, length: error.length },
      });
      return;
    }
    const definition: FunctionDefinition = {
      name: key,
      category: categoryOf(returns),
      kind: 'scalar',
      description: `${fn.description} (standards ${version})`,
      signatures: [
        {
          parameters: fn.parameters.map(p => ({ name: p.name, type: p.type })),
          returns,
        },
      ],
      example: fn.example,
    };
    functions.push({
      name: key,
      parameters: fn.parameters.map(p => p.name.toLowerCase()),
      returns,
      body,
      definition,
    });
  });
  // An example is checked as a caller would write it, against the whole set.
  const catalogue = defaultFunctionCatalogue.extend(
    functions.map(f => f.definition),
  );
  declared.forEach((fn, index) => {
    if (!functions.some(f => f.name === fn.name.toLowerCase())) return;
    try {
      bindExpression(
        parseExpression(fn.example),
        { inputs: [], parameters: [] },
        { functions: catalogue },
      );
    } catch (error) {
      if (!isExpressionError(error)) throw error;
      problems.push({
        path: ['functions', index, 'example'],
        code: 'invalid-expression',
        message: error.reason,
        within: { offset: error.offset, length: error.length },
      });
    }
  });
  return { functions, problems };
}

/**
 * The expression text with every call of a standard function replaced by
 * the function's body, each parameter read in it replaced by the
 * argument's syntax tree (the renderer adds the parentheses the text
 * needs). Arguments are inlined as written; calls in arguments are
 * inlined first. Text without such calls is returned as it is.
 */
export function inlineStandardFunctions(
  text: string,
  functions: ReadonlyMap<string, StandardFunction>,
): string {
  if (functions.size === 0) return text;
  const parsed = tryParseExpression(text);
  if (!parsed.ok) return text;
  let found = false;
  walkExpression(parsed.expression, e => {
    if (e.kind === 'call' && functions.has(e.name.value.toLowerCase())) {
      found = true;
    }
  });
  if (!found) return text;
  return formatExpression(
    replaceColumns(
      parsed.expression,
      column => column,
      call => {
        const fn = functions.get(call.name.value.toLowerCase());
        if (!fn || call.window) return call;
        return inlineBody(fn, call.args);
      },
    ),
  );
}

function inlineBody(
  fn: StandardFunction,
  args: readonly Expression[],
): Expression {
  return replaceColumns(fn.body, column => {
    const index = fn.parameters.indexOf(column.name.value.toLowerCase());
    return index >= 0 && args[index] ? args[index] : column;
  });
}
