import type { ColumnSchema, InputSchema } from '../../expression';
import type { PipelineNode } from '../../project';
import { sameName } from '../gems/columns';
import type { NodeOf } from '../gems/gem';
import type { SchemaPropagation } from '../types';
import { CodegenProblem } from './codegenProblem';

/**
 * What every back end's gem generator (SQL, PySpark) knows about the
 * schemas around its node.
 */
export interface GemSchemas {
  /** What feeds each input port: a CTE, a DataFrame variable. */
  readonly upstream: Readonly<Record<string, string>>;
  /** The columns arriving on each input port. */
  readonly inputs: Readonly<Record<string, readonly ColumnSchema[]>>;
  /** The columns of the node's output port `out`. */
  readonly output: readonly ColumnSchema[];
}

/**
 * The columns arriving on each input port of a node and those leaving its
 * output `out`, from the propagation of the lowered pipeline.
 */
export function gemSchemas(
  node: PipelineNode,
  propagation: SchemaPropagation,
): Pick<GemSchemas, 'inputs' | 'output'> {
  const inputs = propagation.inputs.get(node.id) ?? {};
  const output = propagation.ports.get(node.id)?.out;
  if (!output) {
    throw new CodegenProblem(
      `node "${node.id}" has no propagated output schema`,
      'internal-error',
    );
  }
  return {
    inputs: Object.fromEntries(
      Object.entries(inputs).map(([port, schema]) => [port, schema.columns]),
    ),
    output: output.columns,
  };
}

/** The scope of a gem with one input `in`: named after what feeds it. */
export function singleScope(context: GemSchemas): InputSchema[] {
  return [{ alias: context.upstream.in, columns: context.inputs.in }];
}

/** Checks that the columns a generator writes are the propagated ones. */
export function checkOutput(
  context: Pick<GemSchemas, 'output'>,
  names: readonly string[],
): void {
  const expected = context.output.map(c => c.name);
  if (expected.join('\u0000') !== names.join('\u0000')) {
    throw new CodegenProblem(
      `generated columns (${names.join(
        ', ',
      )}) differ from the propagated schema (${expected.join(', ')})`,
      'internal-error',
    );
  }
}

/**
 * The output columns of a gem that keeps its input columns and computes
 * others (Reformat, Window): a computed column replaces the kept column of
 * its name in place, or comes after the kept ones.
 */
export function withComputed<T extends { readonly name: string }>(
  kept: readonly T[],
  computed: readonly T[],
): T[] {
  const items = [...kept];
  for (const item of computed) {
    const existing = items.findIndex(i => sameName(i.name, item.name));
    if (existing >= 0) items[existing] = item;
    else items.push(item);
  }
  return items;
}

/**
 * The input columns a Reformat keeps, with their output names: all but the
 * dropped ones with `passThrough`, else only the renamed ones.
 */
export function reformatKeptColumns(
  config: NodeOf<'Reformat'>['config'],
  columns: readonly ColumnSchema[],
): Array<{ input: ColumnSchema; name: string; renamed: boolean }> {
  const { passThrough, drop = [], rename = [] } = config;
  const renamed = (name: string) =>
    rename.find(r => sameName(r.from, name))?.to;
  return columns
    .filter(c =>
      passThrough
        ? !drop.some(d => sameName(d, c.name))
        : renamed(c.name) !== undefined,
    )
    .map(input => {
      const to = renamed(input.name);
      return { input, name: to ?? input.name, renamed: to !== undefined };
    });
}
