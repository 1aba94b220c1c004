import type { SqlDialectName } from '../../dialect';
import {
  ColumnSchema,
  formatSqlType,
  quoteIdentifier,
  SqlType,
  sqlTypesEqual,
} from '../../expression';
import type { NodeOf } from '../gems/gem';
import { sameName } from '../gems/columns';
import type { SchemaPropagation } from '../types';
import { CodegenProblem } from './codegenProblem';
import { bind, render } from './gems';
import { aliased } from './text';

/** A column a Target writes: the input column it comes from, and its type. */
export interface TargetColumn {
  /** The name written (the contract's spelling). */
  readonly name: string;
  /** The input column it is read from. */
  readonly input: ColumnSchema;
  /** The type it is written as; absent when it is written as it comes. */
  readonly cast?: SqlType;
}

/**
 * The columns a Target writes ({@link SchemaPropagation.written}), each with
 * the type to cast it to. A dataset's columns are cast to their contract
 * types, so the table gets the types its contract promises. A table
 * without a contract gets the Spark types the compiler propagated: Spark
 * computes those itself, other engines (DuckDB) are told them by a cast,
 * since their own types differ (a `datediff` is a BIGINT in DuckDB, an INT
 * in Spark).
 */
export function targetColumns(
  target: NodeOf<'Target'>,
  propagation: SchemaPropagation,
  dialect: SqlDialectName,
): TargetColumn[] {
  const input = propagation.inputs.get(target.id)?.in?.columns;
  if (!input) {
    throw new CodegenProblem(
      `Target "${target.id}" has no input`,
      'internal-error',
    );
  }
  const written = propagation.written.get(target.id)?.columns ?? input;
  const contract = target.config.dataset !== undefined;
  return written.map(column => {
    const from = input.find(c => sameName(c.name, column.name));
    if (!from) {
      throw new CodegenProblem(
        `Target "${target.id}" writes column "${column.name}", which its input does not have`,
        'internal-error',
      );
    }
    const typed = column.type.kind !== 'null' && column.type.kind !== 'unknown';
    // Spark computes the propagated types itself, so its SQL casts only
    // where the contract asks for another type; other engines are told
    // every type.
    const needsCast =
      dialect !== 'spark' ||
      (contract && !sqlTypesEqual(from.type, column.type));
    return {
      name: column.name,
      input: from,
      ...(needsCast && typed && { cast: column.type }),
    };
  });
}

/**
 * The select list item writing a Target column in `dialect`: the input
 * column, cast as Spark casts (the dialect's rendering of `CAST`), under
 * the written name.
 */
export function targetSelectItem(
  column: TargetColumn,
  scope: string,
  dialect: SqlDialectName,
): string {
  const reference = quoteIdentifier(column.input.name, 'spark');
  if (!column.cast) {
    return aliased(
      quoteIdentifier(column.input.name, dialect),
      column.name,
      dialect,
    );
  }
  const field = ['dataset'];
  const bound = bind(
    `CAST(${reference} AS ${formatSqlType(column.cast)})`,
    [{ alias: scope, columns: [column.input] }],
    field,
  );
  return aliased(render(bound, dialect, 'none', field), column.name, dialect);
}
