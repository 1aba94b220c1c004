import { spawnSync } from 'child_process';

/**
 * What python3's own parser says about a generated file: the syntax error,
 * if any; the names read before they are assigned, or assigned and never
 * read, inside its functions; and the Spark SQL strings it passes to
 * `F.expr`, `spark.sql` (following module constants) and Delta `merge`.
 */
export interface PythonCheck {
  readonly error?: string;
  readonly undefinedNames: string[];
  readonly unusedNames: string[];
  readonly expressions: string[];
  readonly queries: string[];
  readonly mergeConditions: string[];
  readonly columns: string[];
}

const SCRIPT = String.raw`
import ast, builtins, json, sys

def check(source):
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        return {"error": f"line {error.lineno}: {error.msg}"}
    module_names = set(dir(builtins))
    constants = {}
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            module_names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.FunctionDef):
            module_names.add(node.name)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                module_names.add(target.id)
                if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                    constants[target.id] = node.value.value
    undefined, unused = [], []
    for function in [n for n in tree.body if isinstance(n, ast.FunctionDef)]:
        known = set(module_names) | {a.arg for a in function.args.args}
        assigned, read = [], set()
        for statement in function.body:
            names = [n for n in ast.walk(statement) if isinstance(n, ast.Name)]
            for name in names:
                if isinstance(name.ctx, ast.Load):
                    read.add(name.id)
                    if name.id not in known:
                        undefined.append(f"{function.name}: {name.id}")
            for name in names:
                if isinstance(name.ctx, ast.Store):
                    known.add(name.id)
                    assigned.append(name.id)
        unused += [f"{function.name}: {n}" for n in assigned if n not in read and n != "_"]

    def text(argument):
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
            return argument.value
        if isinstance(argument, ast.Name):
            return constants.get(argument.id)
        # SQL with parameters: the pieces around each parameter's literal.
        if isinstance(argument, ast.BinOp) and isinstance(argument.op, ast.Add):
            left, right = text(argument.left), text(argument.right)
            return None if left is None or right is None else left + right
        if isinstance(argument, ast.Subscript) and getattr(argument.value, "id", None) == "PARAMETERS":
            return "'a parameter'"
        return None

    expressions, queries, merges, columns = [], [], [], []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        owner = node.func.value.id if isinstance(node.func.value, ast.Name) else None
        if owner == "F" and node.func.attr == "expr":
            expressions.append(text(node.args[0]))
        elif owner == "F" and node.func.attr == "col":
            columns.append(text(node.args[0]))
        elif owner == "spark" and node.func.attr == "sql":
            queries.append(text(node.args[0]))
        elif node.func.attr == "merge":
            merges.append(text(node.args[1]))
    return {
        "undefinedNames": undefined,
        "unusedNames": unused,
        "expressions": expressions,
        "queries": queries,
        "mergeConditions": merges,
        "columns": columns,
    }

print(json.dumps([check(source) for source in json.load(sys.stdin)]))
`;

const LITERALS = String.raw`
import ast, json, sys
print(json.dumps([ast.literal_eval(literal) for literal in json.load(sys.stdin)]))
`;

/** The values of Python string literals, as python3 reads them. */
export function pythonStringValues(literals: readonly string[]): string[] {
  return JSON.parse(runPython(LITERALS, JSON.stringify(literals)));
}

/** Checks generated Python files with python3 (one process for all). */
export function checkPython(sources: readonly string[]): PythonCheck[] {
  return JSON.parse(runPython(SCRIPT, JSON.stringify(sources))).map(
    (check: Partial<PythonCheck>) => ({
      undefinedNames: [],
      unusedNames: [],
      expressions: [],
      queries: [],
      mergeConditions: [],
      columns: [],
      ...check,
    }),
  );
}

/**
 * Runs a python3 script on `input`, returning its output. Fails, rather
 * than skips, when python3 is missing: these tests are the only proof that
 * the generated files are Python.
 */
function runPython(script: string, input: string): string {
  const result = spawnSync('python3', ['-c', script], {
    input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) {
    const missing = (result.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(
      missing
        ? 'python3 is not on the PATH: the PySpark tests need it (Python 3.9 or later) to parse the generated files'
        : `python3 failed to start: ${result.error.message}`,
    );
  }
  if (result.status !== 0) {
    throw new Error(`python3 exited with ${result.status}: ${result.stderr}`);
  }
  return result.stdout;
}
