import type {
  Infer,
  ObjectSchema,
  PathSegment,
  Shape,
} from '../schema/builder';

/**
 * A problem found by a gem's own cross-field check, relative to its config.
 *
 * @public
 */
export interface GemConfigIssue {
  readonly path: readonly PathSegment[];
  readonly message: string;
}

/**
 * What the project format knows about one gem type: its config schema, the
 * ports its edges may use, and checks that span several config fields.
 * Schema propagation and code generation belong to the compiler.
 *
 * @public
 */
export interface GemDefinition<
  T extends string = string,
  S extends Shape = Shape,
> {
  readonly type: T;
  /** One sentence for docs and the editor's palette. */
  readonly description: string;
  readonly config: ObjectSchema<S>;
  /** The ports in words, for docs: `in → out`. */
  readonly portsSummary: string;
  /**
   * Input port names for a (valid) config, or `undefined` when they are
   * declared in another file (a Subgraph gem's ports are the subgraph's).
   */
  inputPorts(config: Infer<ObjectSchema<S>>): readonly string[] | undefined;
  /** Output port names, or `undefined` as for {@link GemDefinition.inputPorts}. */
  outputPorts(config: Infer<ObjectSchema<S>>): readonly string[] | undefined;
  /** Rules that no single field's schema can state. */
  checkConfig?(config: Infer<ObjectSchema<S>>): GemConfigIssue[];
}

/** Identity function that keeps the literal types of a gem definition. */
export function defineGem<T extends string, S extends Shape>(
  definition: GemDefinition<T, S>,
): GemDefinition<T, S> {
  return definition;
}

/** Ports of a gem with one input `in` and one output `out`. */
export const SINGLE_INPUT = {
  portsSummary: '`in` → `out`',
  inputPorts: () => ['in'],
  outputPorts: () => ['out'],
};

/** `in0` … `in<count-1>`: the ports of a gem with a list of inputs. */
export function numberedPorts(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `in${index}`);
}
