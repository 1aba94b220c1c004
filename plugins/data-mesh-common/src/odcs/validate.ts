import Ajv2019, { ErrorObject, ValidateFunction } from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { isMap, isSeq, LineCounter, Node, parseDocument } from 'yaml';
import odcsJsonSchema from './schema/odcs-json-schema-v3.1.0.json';
import { OdcsDocument } from './types';

/**
 * One problem of an ODCS document: where it is (a path such as
 * `schema[0].properties[2].logicalType`, and the line and column when the
 * document was read from YAML text) and what is wrong, in one sentence.
 *
 * @public
 */
export interface OdcsProblem {
  /** The path in the document; empty for the document itself. */
  readonly path: string;
  readonly message: string;
  /** 1-based, when the document came from text. */
  readonly line?: number;
  readonly column?: number;
}

/**
 * The result of reading an ODCS document: the document when it is valid,
 * else every problem found.
 *
 * @public
 */
export type OdcsReadResult =
  | { readonly ok: true; readonly document: OdcsDocument }
  | { readonly ok: false; readonly problems: readonly OdcsProblem[] };

type Segment = string | number;

let compiled: ValidateFunction | undefined;

/** Compiled once and on first use: compiling the 86 kB schema takes a while. */
function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv2019({ allErrors: true, strict: false });
    addFormats(ajv);
    compiled = ajv.compile(odcsJsonSchema);
  }
  return compiled;
}

/**
 * Checks a value against the ODCS v3.1.0 JSON Schema (shipped with this
 * package, so no network is needed). Returns no problems when it is valid.
 *
 * @public
 */
export function validateOdcs(value: unknown): OdcsProblem[] {
  const validate = validator();
  if (validate(value)) return [];
  return describeErrors(validate.errors ?? []).map(({ path, message }) => ({
    path: formatOdcsPath(path),
    message,
  }));
}

/**
 * Reads an ODCS document from YAML (or JSON) text and validates it; each
 * problem has its path and its line and column in the text.
 *
 * @public
 */
export function readOdcs(text: string): OdcsReadResult {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    return {
      ok: false,
      problems: document.errors.map(error => {
        const at = lineCounter.linePos(error.pos[0]);
        return {
          path: '',
          message: `not valid YAML: ${error.message.split('\n')[0]}`,
          line: at.line,
          column: at.col,
        };
      }),
    };
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // Aliases that expand without bound ("billion laughs") end up here.
    return {
      ok: false,
      problems: [
        { path: '', message: `not valid YAML: ${(error as Error).message}` },
      ],
    };
  }
  const validate = validator();
  if (validate(value)) return { ok: true, document: value as OdcsDocument };
  return {
    ok: false,
    problems: describeErrors(validate.errors ?? []).map(
      ({ path, message, key }) => {
        const offset = offsetOf(document.contents, path, key);
        const at =
          offset === undefined ? undefined : lineCounter.linePos(offset);
        return {
          path: formatOdcsPath(key === undefined ? path : [...path, key]),
          message,
          ...(at ? { line: at.line, column: at.col } : {}),
        };
      },
    ),
  };
}

/** `schema[0].properties[2].name`, the way ODCS tools print paths. */
export function formatOdcsPath(path: readonly Segment[]): string {
  let result = '';
  for (const segment of path) {
    if (typeof segment === 'number') result += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment))
      result += result ? `.${segment}` : segment;
    else result += `[${JSON.stringify(segment)}]`;
  }
  return result;
}

/** Where in the text a path (or, with `key`, a key of the mapping there) is. */
function offsetOf(
  root: unknown,
  path: readonly Segment[],
  key?: string,
): number | undefined {
  let node: unknown = root;
  let best: number | undefined = (root as Node | null)?.range?.[0];
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        item =>
          String((item.key as Node & { value?: unknown })?.value) === segment,
      );
      if (!pair) return best;
      best = (pair.key as Node | null)?.range?.[0] ?? best;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      best = (node as Node | null)?.range?.[0] ?? best;
    } else {
      return best;
    }
  }
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find(
      item => String((item.key as Node & { value?: unknown })?.value) === key,
    );
    return (pair?.key as Node | null)?.range?.[0] ?? best;
  }
  return best;
}

interface Described {
  path: Segment[];
  /** A key of the object at `path` that the problem is about. */
  key?: string;
  message: string;
}

function pathOf(instancePath: string): Segment[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map(part => (/^\d+$/.test(part) ? Number(part) : part));
}

/** The schema at an Ajv `schemaPath` such as `#/$defs/Team/oneOf`. */
function schemaAt(schemaPath: string): unknown {
  let node: unknown = odcsJsonSchema;
  for (const part of schemaPath.replace(/^#\/?/, '').split('/')) {
    if (!part) continue;
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** A short name for one alternative of a `oneOf`/`anyOf`. */
function describeAlternative(branch: unknown): string {
  if (!branch || typeof branch !== 'object') return 'another shape';
  const b = branch as Record<string, unknown>;
  if (Array.isArray(b.required) && b.required.length > 0) {
    return (b.required as string[]).join(' and ');
  }
  if (typeof b.$ref === 'string') {
    const target = schemaAt(b.$ref) as Record<string, unknown> | undefined;
    const type = target?.type ?? 'object';
    return `${type === 'object' ? 'an' : 'a'} ${String(type)} (${b.$ref
      .split('/')
      .pop()})`;
  }
  if (typeof b.type === 'string') {
    return `${b.type === 'array' || b.type === 'object' ? 'an' : 'a'} ${
      b.type
    }`;
  }
  return 'another shape';
}

/**
 * Turns Ajv's raw errors into one message per problem. Ajv reports every
 * branch it tried of a `oneOf` and every failed `if`; a person wants the
 * one thing to fix: the deepest error when a branch got further, else a
 * single "must be one of …" line.
 */
function describeErrors(errors: readonly ErrorObject[]): Described[] {
  const relevant = errors.filter(e => e.keyword !== 'if');
  const alternatives = relevant.filter(
    e => e.keyword === 'oneOf' || e.keyword === 'anyOf',
  );
  const dropped = new Set<ErrorObject>();
  const replacements = new Map<ErrorObject, Described>();
  for (const choice of alternatives) {
    // Ajv lists the errors of a choice's branches right before it; through
    // a $ref their schemaPath is the referenced schema's, so position and
    // instance path are what tie them to the choice.
    const branches: ErrorObject[] = [];
    for (let i = relevant.indexOf(choice) - 1; i >= 0; i--) {
      const e = relevant[i];
      if (!e.instancePath.startsWith(choice.instancePath)) break;
      branches.push(e);
    }
    const deeper = branches.filter(
      e => e.instancePath.length > choice.instancePath.length,
    );
    const shallow = branches.filter(e => !deeper.includes(e));
    shallow.forEach(e => dropped.add(e));
    if (deeper.length > 0) {
      dropped.add(choice);
      continue;
    }
    const options = schemaAt(choice.schemaPath);
    const names = Array.isArray(options)
      ? options.map(describeAlternative)
      : [];
    const passing = (choice.params as { passingSchemas?: number[] | null })
      .passingSchemas;
    const list = names.join(', ');
    replacements.set(choice, {
      path: pathOf(choice.instancePath),
      message: passing
        ? `must match only one of: ${list} (it matches ${passing
            .map(i => names[i])
            .join(' and ')})`
        : `must be one of: ${list}`,
    });
  }
  // A property a failing sub-schema did not evaluate shows up as
  // "unevaluated": only report it when nothing else is wrong there.
  const failingPaths = relevant
    .filter(e => e.keyword !== 'unevaluatedProperties')
    .map(e => e.instancePath);

  const seen = new Set<string>();
  const result: Described[] = [];
  for (const error of relevant) {
    if (dropped.has(error)) continue;
    const described = replacements.get(error) ?? describeOne(error);
    if (
      error.keyword === 'unevaluatedProperties' &&
      failingPaths.some(p => p.startsWith(error.instancePath))
    ) {
      continue;
    }
    const id = `${formatOdcsPath(described.path)}|${described.key}|${
      described.message
    }`;
    if (seen.has(id)) continue;
    seen.add(id);
    result.push(described);
  }
  return result;
}

function describeOne(error: ErrorObject): Described {
  const path = pathOf(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return {
        path,
        message: `missing required field '${params.missingProperty}'`,
      };
    case 'additionalProperties':
      return {
        path,
        key: String(params.additionalProperty),
        message: `unknown field '${params.additionalProperty}'`,
      };
    case 'unevaluatedProperties':
      return {
        path,
        key: String(params.unevaluatedProperty),
        message: `unknown field '${params.unevaluatedProperty}'`,
      };
    case 'type':
      return { path, message: `must be ${article(String(params.type))}` };
    case 'enum':
      return {
        path,
        message: `must be one of ${(params.allowedValues as unknown[])
          .map(v => JSON.stringify(v))
          .join(', ')}`,
      };
    case 'const':
      return {
        path,
        message: `must be ${JSON.stringify(params.allowedValue)}`,
      };
    case 'minItems':
    case 'maxItems': {
      const limit = Number(params.limit);
      const bound = error.keyword === 'minItems' ? 'at least' : 'at most';
      return {
        path,
        message: `must have ${bound} ${limit} item${limit === 1 ? '' : 's'}`,
      };
    }
    case 'pattern':
      return { path, message: `must match the pattern ${params.pattern}` };
    case 'format':
      return { path, message: `must be a valid ${params.format}` };
    default:
      return { path, message: error.message ?? `fails ${error.keyword}` };
  }
}

function article(type: string): string {
  return type
    .split(',')
    .map(t => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`))
    .join(' or ');
}
