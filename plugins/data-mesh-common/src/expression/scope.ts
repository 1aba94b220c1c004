import type { SqlType } from './types';

/** A column of an input. @public */
export interface ColumnSchema {
  readonly name: string;
  readonly type: SqlType;
}

/**
 * A named input an expression reads from, such as a gem's input port
 * (`in0`, `in1`) or a dataset alias (`customers`).
 *
 * @public
 */
export interface InputSchema {
  readonly alias: string;
  readonly columns: readonly ColumnSchema[];
}

/**
 * The inputs an expression is checked against. An unqualified column name
 * must match exactly one column among all inputs.
 *
 * @public
 */
export interface BindingScope {
  readonly inputs: readonly InputSchema[];
  /**
   * The parameters `:name` markers may read, typed from their declarations.
   * Without it a marker is a string: the text a job passes, which the
   * compiler casts to the declared type where it lowers a pipeline.
   */
  readonly parameters?: readonly ParameterSchema[];
}

/** A declared parameter of a pipeline or subgraph. @public */
export interface ParameterSchema {
  readonly name: string;
  readonly type: SqlType;
}
