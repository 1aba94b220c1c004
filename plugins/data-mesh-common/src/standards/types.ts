import type {
  Expression,
  FunctionCatalogue,
  FunctionDefinition,
  SqlType,
} from '../expression';
import type { MaskTemplates } from '../compiler/codegen/maskTemplates';
import type { RuleFile, SubgraphFile } from '../project';

/**
 * How a data project's pipelines name a rule or subgraph of the standards
 * library: `standards/<name>`. The prefix keeps the two name spaces apart,
 * so a project's own `CommonSalesClassification` and the library's
 * `standards/CommonSalesClassification` never clash, and upgrading the
 * library cannot change what a project's plain name means.
 *
 * @public
 */
export const STANDARDS_REFERENCE_PREFIX = 'standards/';

/**
 * A function of the standards library: its catalogue entry, for type
 * checking and completion, and its body, which the compiler inlines at
 * every call so that each dialect writes it with its own function table.
 *
 * @public
 */
export interface StandardFunction {
  readonly name: string;
  /** Parameter names in order, as the body reads them. */
  readonly parameters: readonly string[];
  readonly returns: SqlType;
  /** The body, parsed; its column references are the parameters. */
  readonly body: Expression;
  readonly definition: FunctionDefinition;
}

/**
 * One version of the platform standards library, loaded and checked by
 * `loadStandardsLibrary`: what `loadProject` takes as its `standards`
 * option.
 *
 * @public
 */
export interface StandardsLibrary {
  readonly version: string;
  readonly description?: string;
  /** Mask gem templates replacing the dialects' defaults. */
  readonly maskTemplates: MaskTemplates;
  readonly functions: readonly StandardFunction[];
  /** The built-in functions plus {@link StandardsLibrary.functions}. */
  readonly catalogue: FunctionCatalogue;
  /** Rules by plain name (pipelines write `standards/<name>`). */
  readonly rules: Readonly<Record<string, RuleFile>>;
  /** Subgraphs by plain name (pipelines write `standards/<name>`). */
  readonly subgraphs: Readonly<Record<string, SubgraphFile>>;
}
