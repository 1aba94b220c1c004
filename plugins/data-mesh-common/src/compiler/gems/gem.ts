import type {
  BindOptions,
  BoundExpression,
  ColumnSchema,
  Expression,
  SqlType,
} from '../../expression';
import type { PathSegment, PipelineNode } from '../../project';
import type {
  CompilerDiagnostic,
  PropagationContext,
  SourceColumnRef,
} from '../types';

/** The schema arriving on one input port of a node, and the name expressions use for it. */
export interface GemInput {
  readonly port: string;
  /** The qualifier expressions use for this input (`c` in `c.id`). */
  readonly alias: string;
  readonly columns: readonly ColumnSchema[];
}

/** A column of an input port read by an output column. */
export interface PortColumnRef {
  readonly port: string;
  readonly column: string;
}

/**
 * An output column as a gem computes it: lineage is kept one step back
 * (`reads`), and the propagator composes it through the graph.
 */
export interface OutputColumn {
  readonly name: string;
  readonly type: SqlType;
  readonly formula: string;
  readonly reads: readonly PortColumnRef[];
  /** Set by Source gems only: the dataset column this is. */
  readonly origin?: SourceColumnRef;
  readonly opaque?: boolean;
  /**
   * Source columns already known (a Subgraph's outputs, traced through its
   * inner graph); otherwise they are composed from `reads`.
   */
  readonly sources?: readonly SourceColumnRef[];
}

/** What a gem may ask the propagator for while computing its outputs. */
export interface GemEnvironment<N extends PipelineNode = PipelineNode> {
  readonly node: N;
  /** The node's connected input ports, by port name. */
  readonly inputs: Readonly<Record<string, GemInput>>;
  readonly context: PropagationContext;
  /** Reports a problem at a path relative to the node's config. */
  report(
    diagnostic: Omit<CompilerDiagnostic, 'nodeId' | 'path'> & {
      readonly field: readonly PathSegment[];
    },
  ): void;
  /**
   * Parses (unless already parsed) and binds an expression of the config
   * against `scope`; reports and returns undefined when it does not check.
   */
  bind(
    expression: string | Expression,
    field: readonly PathSegment[],
    scope: readonly GemInput[],
    options?: BindOptions,
  ): BoundExpression | undefined;
}

/**
 * Computes a gem's output columns per output port from its inputs and
 * config. Problems are reported through the environment; a gem returns
 * what it can (a column whose expression fails gets type `unknown`) so that
 * one mistake does not hide the rest of the pipeline.
 */
export type GemPropagator<N extends PipelineNode = PipelineNode> = (
  env: GemEnvironment<N>,
) => Record<string, readonly OutputColumn[]>;

/** A node of one gem type. */
export type NodeOf<T extends PipelineNode['type']> = Extract<
  PipelineNode,
  { type: T }
>;
