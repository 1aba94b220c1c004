// prettier-ignore
const KEYWORDS = [
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break',
  'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally',
  'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
  'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
  // Soft keywords: valid names, but confusing ones.
  '_', 'case', 'match', 'type',
];

/** Built-in functions and types; shadowing them is legal but misleading. */
// prettier-ignore
const BUILTINS = [
  'abs', 'aiter', 'all', 'anext', 'any', 'ascii', 'bin', 'bool',
  'breakpoint', 'bytearray', 'bytes', 'callable', 'chr', 'classmethod',
  'compile', 'complex', 'copyright', 'credits', 'delattr', 'dict', 'dir',
  'divmod', 'enumerate', 'eval', 'exec', 'exit', 'filter', 'float', 'format',
  'frozenset', 'getattr', 'globals', 'hasattr', 'hash', 'help', 'hex', 'id',
  'input', 'int', 'isinstance', 'issubclass', 'iter', 'len', 'license',
  'list', 'locals', 'map', 'max', 'memoryview', 'min', 'next', 'object',
  'oct', 'open', 'ord', 'pow', 'print', 'property', 'quit', 'range', 'repr',
  'reversed', 'round', 'set', 'setattr', 'slice', 'sorted', 'staticmethod',
  'str', 'sum', 'super', 'tuple', 'vars', 'zip',
];

/** The names the generated file itself defines or imports. */
// prettier-ignore
const GENERATED = [
  'argparse', 'DataFrame', 'SparkSession', 'Window', 'F', 'DeltaTable',
  'build', 'main', 'spark', 'argv', 'parser', 'args', 'targets',
];

const RESERVED = new Set([...KEYWORDS, ...BUILTINS, ...GENERATED]);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Python names for node ids (and names derived from them), unique and the
 * same for the same pipeline: an id that is already a valid, unreserved
 * identifier keeps its name; any other is made one (invalid characters
 * become `_`, an id with no letter or digit left becomes `node`, a reserved
 * word gets a trailing `_`, as PEP 8 suggests) and
 * numbered on a clash (`_2`, `_3`, …).
 */
export class PythonNames {
  private readonly taken = new Set<string>();
  private readonly names = new Map<string, string>();

  /** Names every id, the ids that need no change first so they keep their name. */
  constructor(ids: readonly string[]) {
    const plain = ids.filter(id => isPlainName(id));
    for (const id of plain) {
      this.names.set(id, id);
      this.taken.add(id);
    }
    for (const id of ids) {
      if (!this.names.has(id)) this.names.set(id, this.fresh(id));
    }
  }

  /** The name of a node id given to the constructor. */
  of(id: string): string {
    const name = this.names.get(id);
    if (name === undefined) throw new Error(`no Python name for "${id}"`);
    return name;
  }

  /** A new unique name made from `base`. */
  fresh(base: string): string {
    let name = base.replace(/[^A-Za-z0-9_]/g, '_');
    if (!/[A-Za-z0-9]/.test(name)) name = 'node';
    else if (!/^[A-Za-z_]/.test(name)) name = `n_${name}`;
    if (RESERVED.has(name) || isDunder(name)) name = `${name}_`;
    let unique = name;
    for (let i = 2; this.taken.has(unique) || RESERVED.has(unique); i++) {
      unique = `${name}_${i}`;
    }
    this.taken.add(unique);
    return unique;
  }
}

function isDunder(name: string): boolean {
  return name.length > 4 && name.startsWith('__') && name.endsWith('__');
}

function isPlainName(name: string): boolean {
  return IDENTIFIER.test(name) && !RESERVED.has(name) && !isDunder(name);
}
