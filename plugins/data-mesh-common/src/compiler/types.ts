import type {
  ColumnSchema,
  FunctionCatalogue,
  ParameterSchema,
  SqlType,
} from '../expression';
import type { PathSegment, RuleFile, SubgraphFile } from '../project';
import type { StandardFunction } from '../standards/types';

/**
 * The typed schema of one port: its columns, in order.
 *
 * @public
 */
export interface PortSchema {
  readonly columns: readonly ColumnSchema[];
}

/**
 * What the compiler needs to know about a dataset to read it: its table and
 * its columns (from the dataset's contract). A type is a Spark type name
 * (`decimal(18,2)`) or an already parsed {@link SqlType}.
 *
 * @public
 */
export interface DatasetSchema {
  readonly table: string;
  readonly columns: ReadonlyArray<{
    readonly name: string;
    readonly type: string | SqlType;
  }>;
  /**
   * Who may read the dataset. A Target writing a `published` one must write
   * exactly its contract's columns; an extra column of an `internal` one is
   * a warning. Default: `internal`.
   */
  readonly visibility?: 'internal' | 'published';
}

/**
 * The other files of the project that schema propagation reads: datasets
 * (keyed by dataset name) for Source and Target gems, rules for
 * BusinessRule gems, subgraphs for Subgraph gems.
 *
 * @public
 */
export interface PropagationContext {
  readonly datasets: Readonly<Record<string, DatasetSchema>>;
  /**
   * The parameters `:name` markers of the graph being propagated read. Set
   * by the compiler from the pipeline's or subgraph's `parameters`.
   */
  readonly parameters?: readonly ParameterSchema[];
  readonly rules?: Readonly<Record<string, RuleFile>>;
  readonly subgraphs?: Readonly<Record<string, SubgraphFile>>;
  /**
   * The functions expressions may call: the built-in ones, plus those of
   * the project's standards library. Default the built-in catalogue.
   */
  readonly functions?: FunctionCatalogue;
  /**
   * The standards library's functions by lower-case name, which lowering
   * replaces by their bodies so that no back end ever sees a call to one.
   */
  readonly standardFunctions?: ReadonlyMap<string, StandardFunction>;
}

/**
 * A column of a dataset (or table) read by a Source gem: where lineage ends.
 *
 * @public
 */
export interface SourceColumnRef {
  /** The dataset's name (for a Source that reads a `table`, the dataset describing it). */
  readonly dataset: string;
  readonly table: string;
  readonly column: string;
}

/**
 * A column of an input port of a node, as read by one of its output columns.
 *
 * @public
 */
export interface InputColumnRef {
  /** The upstream node the port's edge comes from. */
  readonly node: string;
  /** The upstream node's output port. */
  readonly port: string;
  readonly column: string;
}

/**
 * Where one output column of a node comes from.
 *
 * @public
 */
export interface ColumnLineage {
  readonly column: string;
  /**
   * How the node computes it, in canonical Spark SQL over the node's inputs
   * (a column passed through is just its name).
   */
  readonly formula: string;
  /** The upstream columns the formula reads, one step back. */
  readonly inputs: readonly InputColumnRef[];
  /** The Source columns it ultimately derives from, through the whole graph. */
  readonly sources: readonly SourceColumnRef[];
  /**
   * True when the compiler cannot see how the column is computed (a SQL
   * gem whose query it cannot trace): `inputs` then lists every input
   * column, an over-approximation.
   */
  readonly opaque?: boolean;
}

/**
 * Why a diagnostic was raised, so that callers (the editor, the CLI) can
 * react to a class of problems without parsing messages.
 *
 * @public
 */
export type CompilerDiagnosticCode =
  /** An expression does not parse, names an unknown column, or does not type check. */
  | 'invalid-expression'
  /** A condition (Filter, Join, having) is not boolean. */
  | 'not-boolean'
  /** A gem names a dataset, rule or subgraph that the project does not have. */
  | 'unknown-reference'
  /** A config field names a column the input does not have. */
  | 'unknown-column'
  /** A Source or Target names a dataset or table the context does not describe. */
  | 'unknown-dataset'
  /** A BusinessRule names a rule the context does not provide. */
  | 'unknown-rule'
  /** A BusinessRule binding is missing, extra or of the wrong type. */
  | 'invalid-binding'
  /** A Subgraph gem names a subgraph the context does not provide. */
  | 'unknown-subgraph'
  /** A SQL gem's query does not parse, or is not exactly one query. */
  | 'invalid-sql'
  /**
   * A SQL gem's query reads something other than the gem's inputs (another
   * table, a file, a table function), calls a function outside the function
   * catalogue, or writes.
   */
  | 'sql-not-allowed'
  /** A column of a dataset, rule or SQL gem has a type that does not parse. */
  | 'invalid-type'
  /** An input port of a node has no edge. */
  | 'missing-input'
  /** An edge goes into a port the node does not have, or a second edge into one port. */
  | 'extra-input'
  /** An edge leaves from an output port its node does not have. */
  | 'invalid-port'
  /** An edge names a node that does not exist. */
  | 'unknown-node'
  /** The graph has a cycle; the nodes on it are not propagated. */
  | 'cycle'
  /** Two output columns get the same name. */
  | 'column-clash'
  /** A column read outside aggregates is not grouped. */
  | 'not-grouped'
  /** Union inputs whose columns do not line up. */
  | 'schema-mismatch'
  /** The columns written do not match the target dataset's contract. */
  | 'contract-mismatch'
  /**
   * A parameter is declared twice or with a type parameters cannot have, a
   * value does not fit its type, a value names no parameter, or a
   * parameter without a default gets no value.
   */
  | 'invalid-parameter'
  /** A gem the compiler does not propagate yet. */
  | 'not-supported'
  /** A bug in the compiler, reported rather than thrown. */
  | 'internal-error';

/**
 * The position of an expression problem inside the expression's text
 * (from the {@link ExpressionError}).
 *
 * @public
 */
export interface ExpressionLocation {
  /** 1-based line inside the expression text. */
  readonly line: number;
  /** 1-based column inside the expression text. */
  readonly column: number;
  /** UTF-16 offset and length of the offending text. */
  readonly offset: number;
  readonly length: number;
  /** The expression error's code (`unknown-column`, `type`, …). */
  readonly code: string;
  /** Names the author may have meant, best first. */
  readonly suggestions: readonly string[];
}

/**
 * A problem found while propagating schemas. `path` points into the
 * pipeline file's data (`['nodes', 2, 'config', 'condition']`) so that a
 * caller holding the YAML can turn it into a line and column; for an
 * expression, `expression` gives the position inside it.
 *
 * @public
 */
export interface CompilerDiagnostic {
  readonly severity: 'error' | 'warning';
  readonly code: CompilerDiagnosticCode;
  readonly message: string;
  /** The node concerned, when there is one. */
  readonly nodeId?: string;
  readonly path: readonly PathSegment[];
  readonly expression?: ExpressionLocation;
}

/**
 * The result of {@link propagateSchemas}. Nodes whose inputs could not be
 * typed (an unknown dataset upstream, a missing edge) have no entry.
 *
 * @public
 */
export interface SchemaPropagation {
  /** The schema of every output port, by node id and port. */
  readonly ports: ReadonlyMap<string, Readonly<Record<string, PortSchema>>>;
  /** The schema arriving on every connected input port, by node id and port. */
  readonly inputs: ReadonlyMap<string, Readonly<Record<string, PortSchema>>>;
  /**
   * The lineage of every output column, by node id and output port. A
   * Target, which has no output port, records the columns it writes under
   * its input port `in`, as in {@link SchemaPropagation.written}.
   */
  readonly lineage: ReadonlyMap<
    string,
    Readonly<Record<string, readonly ColumnLineage[]>>
  >;
  /**
   * The columns every Target writes, by node id, with the types it writes
   * them as: a dataset's contract columns with their contract types, else
   * its input's columns. Every back end casts each column to its type here.
   */
  readonly written: ReadonlyMap<string, PortSchema>;
  readonly diagnostics: readonly CompilerDiagnostic[];
}
