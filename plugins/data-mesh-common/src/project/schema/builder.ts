import { suggestNames } from '../../expression/suggest';

/**
 * A tiny schema library. Each project file is described once, with these
 * builders, and everything else is derived from that description: the
 * TypeScript types (`Infer`), validation with paths, the published JSON
 * Schema, and the canonical key order used when writing files. That keeps
 * the four from drifting apart, which hand-maintained copies always do.
 *
 * It is deliberately small: only what the project format needs.
 */

/**
 * A step into a YAML/JSON value: a key of a mapping or an index of a list.
 *
 * @public
 */
export type PathSegment = string | number;

/**
 * Where within a value a problem lies. `target: 'key'` points at the key of
 * the last path segment (an unknown key) rather than at its value.
 *
 * @public
 */
export interface SchemaIssue {
  readonly path: readonly PathSegment[];
  readonly message: string;
  readonly target?: 'key' | 'value';
  /**
   * For a problem inside a string value (an expression or a type): the
   * offset and length of the offending text within the parsed string.
   */
  readonly within?: { readonly offset: number; readonly length: number };
  /** What kind of problem this is; see `ProjectDiagnosticCode`. */
  readonly code?:
    | 'invalid-value'
    | 'unknown-key'
    | 'unknown-type'
    | 'invalid-expression';
}

/**
 * A JSON Schema (draft-07) object, as plain data.
 *
 * @public
 */
export type JsonSchema = { readonly [key: string]: unknown };

/**
 * Collects issues while a value is checked.
 *
 * @public
 */
export type IssueSink = (issue: SchemaIssue) => void;

/**
 * A schema for values of type `T`.
 *
 * `check` reports every problem it finds and returns whether the value is
 * usable as a `T` (so that callers can skip checks that would only repeat
 * the problem).
 *
 * @public
 */
export interface Schema<T> {
  /** Phantom member carrying `T` for {@link Infer}; never set. */
  readonly __type?: T;
  readonly description?: string;
  check(
    value: unknown,
    path: readonly PathSegment[],
    report: IssueSink,
  ): boolean;
  toJsonSchema(): JsonSchema;
  /** Returns `value` (already checked) with keys in the canonical order. */
  canonicalize(value: T): T;
  /** A copy of this schema carrying a description for docs and editors. */
  describe(description: string): this;
}

/**
 * The TypeScript type a schema describes.
 *
 * @public
 */
export type Infer<S> = S extends { readonly __type?: infer T } ? T : never;

/** A string-valued check beyond the JSON type, such as expression syntax. */
export type StringRefinement = (
  value: string,
) => { message: string; offset?: number; length?: number } | undefined;

/** Options every builder takes. */
export interface BaseOptions {
  readonly description?: string;
}

abstract class BaseSchema<T> implements Schema<T> {
  declare readonly __type?: T;
  constructor(readonly description?: string) {}

  abstract check(
    value: unknown,
    path: readonly PathSegment[],
    report: IssueSink,
  ): boolean;

  protected abstract jsonSchemaBody(): JsonSchema;

  toJsonSchema(): JsonSchema {
    const body = this.jsonSchemaBody();
    return this.description ? { description: this.description, ...body } : body;
  }

  canonicalize(value: T): T {
    return value;
  }

  describe(description: string): this {
    const copy = Object.create(Object.getPrototypeOf(this));
    Object.assign(copy, this, { description });
    return copy;
  }
}

/** Names the JSON type of a value the way messages show it. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return typeof value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Options of `s.string`. */
export interface StringOptions extends BaseOptions {
  readonly pattern?: RegExp;
  /** Says what the pattern means, for messages ("an identifier"). */
  readonly patternName?: string;
  readonly minLength?: number;
  /** Extra JSON Schema keywords, e.g. `format`. */
  readonly json?: JsonSchema;
  readonly refine?: StringRefinement;
}

class StringSchema extends BaseSchema<string> {
  constructor(private readonly options: StringOptions = {}) {
    super(options.description);
  }

  check(value: unknown, path: readonly PathSegment[], report: IssueSink) {
    if (typeof value !== 'string') {
      report({
        path,
        message: `expected a string, found ${describeType(value)}`,
      });
      return false;
    }
    const { pattern, patternName, minLength, refine } = this.options;
    if (minLength !== undefined && value.length < minLength) {
      report({ path, message: 'must not be empty' });
      return false;
    }
    if (pattern && !pattern.test(value)) {
      report({
        path,
        message: `${JSON.stringify(value)} is not ${
          patternName ?? `a match for ${pattern.source}`
        }`,
      });
      return false;
    }
    const problem = refine?.(value);
    if (problem) {
      report({
        path,
        code: 'invalid-expression',
        message: problem.message,
        within:
          problem.offset === undefined
            ? undefined
            : { offset: problem.offset, length: problem.length ?? 0 },
      });
      return false;
    }
    return true;
  }

  protected jsonSchemaBody(): JsonSchema {
    const { pattern, minLength, json } = this.options;
    return {
      type: 'string',
      ...(minLength !== undefined ? { minLength } : {}),
      ...(pattern ? { pattern: pattern.source } : {}),
      ...json,
    };
  }
}

/** Options of `s.number` and `s.integer`. */
export interface NumberOptions extends BaseOptions {
  readonly integer?: boolean;
  readonly minimum?: number;
  readonly maximum?: number;
}

class NumberSchema extends BaseSchema<number> {
  constructor(private readonly options: NumberOptions = {}) {
    super(options.description);
  }

  check(value: unknown, path: readonly PathSegment[], report: IssueSink) {
    const { integer, minimum, maximum } = this.options;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      report({
        path,
        message: `expected ${
          integer ? 'an integer' : 'a number'
        }, found ${describeType(value)}`,
      });
      return false;
    }
    if (integer && !Number.isInteger(value)) {
      report({ path, message: `expected an integer, found ${value}` });
      return false;
    }
    if (minimum !== undefined && value < minimum) {
      report({ path, message: `must be at least ${minimum}` });
      return false;
    }
    if (maximum !== undefined && value > maximum) {
      report({ path, message: `must be at most ${maximum}` });
      return false;
    }
    return true;
  }

  protected jsonSchemaBody(): JsonSchema {
    const { integer, minimum, maximum } = this.options;
    return {
      type: integer ? 'integer' : 'number',
      ...(minimum !== undefined ? { minimum } : {}),
      ...(maximum !== undefined ? { maximum } : {}),
    };
  }
}

class BooleanSchema extends BaseSchema<boolean> {
  check(value: unknown, path: readonly PathSegment[], report: IssueSink) {
    if (typeof value !== 'boolean') {
      report({
        path,
        message: `expected true or false, found ${describeType(value)}`,
      });
      return false;
    }
    return true;
  }

  protected jsonSchemaBody(): JsonSchema {
    return { type: 'boolean' };
  }
}

class EnumSchema<T extends string | number> extends BaseSchema<T> {
  constructor(readonly values: readonly T[], description?: string) {
    super(description);
  }

  check(value: unknown, path: readonly PathSegment[], report: IssueSink) {
    if ((this.values as readonly unknown[]).includes(value)) return true;
    const allowed = this.values.map(v => JSON.stringify(v)).join(', ');
    const suggestion =
      typeof value === 'string'
        ? suggestNames(value, this.values.map(String), 1)[0]
        : undefined;
    report({
      path,
      message:
        this.values.length === 1
          ? `expected ${allowed}, found ${
              JSON.stringify(value) ?? describeType(value)
            }`
          : `expected one of ${allowed}, found ${
              JSON.stringify(value) ?? describeType(value)
            }${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
    });
    return false;
  }

  protected jsonSchemaBody(): JsonSchema {
    return this.values.length === 1
      ? { const: this.values[0] }
      : { enum: [...this.values] };
  }
}

/**
 * A scalar parameter or rule value: string, number, boolean or null.
 *
 * @public
 */
export type ScalarValue = string | number | boolean | null;

class ScalarSchema extends BaseSchema<ScalarValue> {
  check(value: unknown, path: readonly PathSegment[], report: IssueSink) {
    if (
      value === null ||
      typeof value === 'string' ||
      typeof value === 'boolean' ||
      (typeof value === 'number' && Number.isFinite(value))
    ) {
      return true;
    }
    report({
      path,
      message: `expected a string, number, boolean or null, found ${describeType(
        value,
      )}`,
    });
    return false;
  }

  protected jsonSchemaBody(): JsonSchema {
    return { type: ['string', 'number', 'boolean', 'null'] };
  }
}

/** Options of `s.array`. */
export interface ArrayOptions extends BaseOptions {
  readonly minItems?: number;
}

class ArraySchema<T> extends BaseSchema<T[]> {
  constructor(
    readonly items: Schema<T>,
    private readonly options: ArrayOptions = {},
  ) {
    super(options.description);
  }

  check(value: unknown, path: readonly PathSegment[], report: IssueSink) {
    if (!Array.isArray(value)) {
      report({
        path,
        message: `expected a list, found ${describeType(value)}`,
      });
      return false;
    }
    let ok = true;
    const { minItems } = this.options;
    if (minItems !== undefined && value.length < minItems) {
      report({
        path,
        message: `needs at least ${minItems} item${
          minItems === 1 ? '' : 's'
        }, found ${value.length}`,
      });
      ok = false;
    }
    value.forEach((item, index) => {
      if (!this.items.check(item, [...path, index], report)) ok = false;
    });
    return ok;
  }

  protected jsonSchemaBody(): JsonSchema {
    const { minItems } = this.options;
    return {
      type: 'array',
      items: this.items.toJsonSchema(),
      ...(minItems !== undefined ? { minItems } : {}),
    };
  }

  canonicalize(value: T[]): T[] {
    return value.map(item => this.items.canonicalize(item));
  }
}

/** Options of `s.record`. */
export interface RecordOptions extends BaseOptions {
  /**
   * Canonical form sorts the keys (in code-unit order) instead of keeping
   * the author's: for generated documents, where only a stable order counts.
   */
  readonly sortKeys?: boolean;
}

class RecordSchema<T> extends BaseSchema<Record<string, T>> {
  constructor(
    readonly values: Schema<T>,
    private readonly keyPattern?: RegExp,
    private readonly options: RecordOptions = {},
  ) {
    super(options.description);
  }

  check(value: unknown, path: readonly PathSegment[], report: IssueSink) {
    if (!isPlainObject(value)) {
      report({
        path,
        message: `expected a mapping, found ${describeType(value)}`,
      });
      return false;
    }
    let ok = true;
    for (const [key, item] of Object.entries(value)) {
      if (this.keyPattern && !this.keyPattern.test(key)) {
        report({
          path: [...path, key],
          target: 'key',
          message: `${JSON.stringify(key)} is not a valid name`,
        });
        ok = false;
      }
      if (!this.values.check(item, [...path, key], report)) ok = false;
    }
    return ok;
  }

  protected jsonSchemaBody(): JsonSchema {
    return {
      type: 'object',
      ...(this.keyPattern
        ? { propertyNames: { pattern: this.keyPattern.source } }
        : {}),
      additionalProperties: this.values.toJsonSchema(),
    };
  }

  canonicalize(value: Record<string, T>): Record<string, T> {
    // Unless told otherwise the author's key order is kept: a mapping of
    // names is not a record type with a canonical order.
    const entries = Object.entries(value);
    if (this.options.sortKeys) {
      entries.sort(([a], [b]) => (a < b ? -1 : Number(a > b)));
    }
    const result: Record<string, T> = {};
    for (const [key, item] of entries) {
      result[key] = this.values.canonicalize(item);
    }
    return result;
  }
}

/**
 * Marks an object property as optional.
 *
 * @public
 */
export interface OptionalSchema<T> extends Schema<T | undefined> {
  readonly optional: true;
  readonly inner: Schema<T>;
}

class Optional<T>
  extends BaseSchema<T | undefined>
  implements OptionalSchema<T>
{
  readonly optional = true as const;
  constructor(readonly inner: Schema<T>) {
    super(inner.description);
  }
  check(value: unknown, path: readonly PathSegment[], report: IssueSink) {
    return value === undefined || this.inner.check(value, path, report);
  }
  protected jsonSchemaBody(): JsonSchema {
    return this.inner.toJsonSchema();
  }
  canonicalize(value: T | undefined): T | undefined {
    return value === undefined ? value : this.inner.canonicalize(value);
  }
}

function isOptional(
  schema: Schema<unknown>,
): schema is OptionalSchema<unknown> {
  return (schema as Partial<OptionalSchema<unknown>>).optional === true;
}

/**
 * Property schemas of an object, in canonical order.
 *
 * @public
 */
export type Shape = { readonly [key: string]: Schema<any> };

type OptionalKeys<S extends Shape> = {
  [K in keyof S]: S[K] extends OptionalSchema<any> ? K : never;
}[keyof S];
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>;
type Flatten<T> = { [K in keyof T]: T[K] } & {};

/** The type of an object with the given shape. */
export type InferShape<S extends Shape> = Flatten<
  { [K in RequiredKeys<S>]: Infer<S[K]> } & {
    [K in OptionalKeys<S>]?: S[K] extends OptionalSchema<infer T> ? T : never;
  }
>;

/**
 * An object with known keys. Unknown keys are errors (with a "did you mean"),
 * because in a hand-edited file a misspelt optional key would otherwise be
 * silently ignored.
 *
 * @public
 */
export interface ObjectSchema<S extends Shape> extends Schema<InferShape<S>> {
  readonly shape: S;
}

class ObjectSchemaImpl<S extends Shape>
  extends BaseSchema<InferShape<S>>
  implements ObjectSchema<S>
{
  constructor(readonly shape: S, description?: string) {
    super(description);
  }

  check(value: unknown, path: readonly PathSegment[], report: IssueSink) {
    if (!isPlainObject(value)) {
      report({
        path,
        message: `expected a mapping, found ${describeType(value)}`,
      });
      return false;
    }
    let ok = true;
    const known = Object.keys(this.shape);
    // A misspelt required key is one mistake: report the unknown key with
    // its suggestion, not also the "missing" key it was meant to be.
    const misspelt = new Set<string>();
    for (const key of Object.keys(value)) {
      if (key in this.shape) continue;
      const suggestion = suggestNames(key, known, 1)[0];
      if (suggestion && value[suggestion] === undefined)
        misspelt.add(suggestion);
      report({
        path: [...path, key],
        target: 'key',
        code: 'unknown-key',
        message: `unknown key "${key}"${
          suggestion ? ` (did you mean "${suggestion}"?)` : ''
        }; expected ${known.map(k => `"${k}"`).join(', ')}`,
      });
      ok = false;
    }
    for (const [key, schema] of Object.entries(this.shape)) {
      const item = value[key];
      if (item === undefined) {
        if (!isOptional(schema)) {
          if (!misspelt.has(key)) {
            report({ path, message: `missing required key "${key}"` });
          }
          ok = false;
        }
        continue;
      }
      if (!schema.check(item, [...path, key], report)) ok = false;
    }
    return ok;
  }

  protected jsonSchemaBody(): JsonSchema {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const [key, schema] of Object.entries(this.shape)) {
      properties[key] = schema.toJsonSchema();
      if (!isOptional(schema)) required.push(key);
    }
    return {
      type: 'object',
      properties,
      ...(required.length ? { required } : {}),
      additionalProperties: false,
    };
  }

  canonicalize(value: InferShape<S>): InferShape<S> {
    const source = value as Record<string, unknown>;
    const result: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(this.shape)) {
      if (source[key] !== undefined) {
        result[key] = schema.canonicalize(source[key]);
      }
    }
    return result as InferShape<S>;
  }
}

/**
 * The type of a value of one of the variants `V`.
 *
 * @public
 */
export type InferUnion<V> = { [T in keyof V]: Infer<V[T]> }[keyof V];

/**
 * One of several object shapes, told apart by the string value of one key
 * (`type` for gems, `check` for quality rules).
 *
 * @public
 */
export interface UnionSchema<
  K extends string,
  V extends { [tag: string]: ObjectSchema<any> },
> extends Schema<InferUnion<V>> {
  readonly key: K;
  readonly variants: V;
}

class UnionSchemaImpl<
    K extends string,
    V extends { [tag: string]: ObjectSchema<any> },
  >
  extends BaseSchema<InferUnion<V>>
  implements UnionSchema<K, V>
{
  constructor(readonly key: K, readonly variants: V, description?: string) {
    super(description);
  }

  check(value: unknown, path: readonly PathSegment[], report: IssueSink) {
    if (!isPlainObject(value)) {
      report({
        path,
        message: `expected a mapping, found ${describeType(value)}`,
      });
      return false;
    }
    const tag = value[this.key];
    const tags = Object.keys(this.variants);
    if (typeof tag !== 'string' || !(tag in this.variants)) {
      if (tag === undefined) {
        report({ path, message: `missing required key "${this.key}"` });
        return false;
      }
      const suggestion =
        typeof tag === 'string' ? suggestNames(tag, tags, 1)[0] : undefined;
      report({
        path: [...path, this.key],
        code: 'unknown-type',
        message: `unknown ${this.key} ${JSON.stringify(tag)}${
          suggestion ? ` (did you mean "${suggestion}"?)` : ''
        }; expected one of ${tags.join(', ')}`,
      });
      return false;
    }
    return this.variants[tag].check(value, path, report);
  }

  protected jsonSchemaBody(): JsonSchema {
    // if/then per variant, rather than oneOf, so that editors report the
    // problems of the variant the author chose instead of every variant's.
    return {
      type: 'object',
      required: [this.key],
      properties: { [this.key]: { enum: Object.keys(this.variants) } },
      allOf: Object.entries(this.variants).map(([tag, variant]) => ({
        if: { properties: { [this.key]: { const: tag } } },
        then: variant.toJsonSchema(),
      })),
    };
  }

  canonicalize(value: InferUnion<V>): InferUnion<V> {
    const tag = (value as Record<string, unknown>)[this.key] as string;
    return this.variants[tag].canonicalize(value) as InferUnion<V>;
  }
}

/** The builders. */
export const s = {
  string: (options?: StringOptions): Schema<string> =>
    new StringSchema(options),
  number: (options?: NumberOptions): Schema<number> =>
    new NumberSchema(options),
  integer: (options?: Omit<NumberOptions, 'integer'>): Schema<number> =>
    new NumberSchema({ ...options, integer: true }),
  boolean: (): Schema<boolean> => new BooleanSchema(),
  scalar: (): Schema<ScalarValue> => new ScalarSchema(),
  enum: <T extends string | number>(values: readonly T[]): Schema<T> =>
    new EnumSchema<T>(values),
  literal: <T extends string | number>(value: T): Schema<T> =>
    new EnumSchema<T>([value]),
  array: <T>(items: Schema<T>, options?: ArrayOptions): Schema<T[]> =>
    new ArraySchema(items, options),
  record: <T>(
    values: Schema<T>,
    keyPattern?: RegExp,
    options?: RecordOptions,
  ): Schema<Record<string, T>> => new RecordSchema(values, keyPattern, options),
  object: <S extends Shape>(shape: S): ObjectSchema<S> =>
    new ObjectSchemaImpl(shape),
  optional: <T>(inner: Schema<T>): OptionalSchema<T> => new Optional(inner),
  union: <K extends string, V extends { [tag: string]: ObjectSchema<any> }>(
    key: K,
    variants: V,
  ): UnionSchema<K, V> => new UnionSchemaImpl(key, variants),
};
