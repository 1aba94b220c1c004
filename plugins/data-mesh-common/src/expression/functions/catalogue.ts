import { aggregateFunctions } from './aggregate';
import { arrayFunctions } from './array';
import { conditionalFunctions } from './conditional';
import { datetimeFunctions } from './datetime';
import type { FunctionDefinition } from './definition';
import { hashingFunctions } from './hashing';
import { mathFunctions } from './math';
import { stringFunctions } from './string';
import { stringExtraFunctions } from './stringExtras';
import { trigonometryFunctions } from './trigonometry';
import { tryArithmeticFunctions } from './tryArithmetic';
import { windowFunctions } from './window';

/**
 * A set of functions that expressions may call, looked up by name or alias
 * without regard to case (function names are case-insensitive in Spark).
 *
 * @public
 */
export class FunctionCatalogue {
  private readonly byName = new Map<string, FunctionDefinition>();

  constructor(readonly functions: readonly FunctionDefinition[]) {
    for (const definition of functions) {
      for (const name of [definition.name, ...(definition.aliases ?? [])]) {
        const key = name.toLowerCase();
        if (this.byName.has(key)) {
          throw new Error(`function name '${name}' is defined twice`);
        }
        this.byName.set(key, definition);
      }
    }
  }

  /** The function called `name` (or with that alias), if any. */
  lookup(name: string): FunctionDefinition | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** Every name and alias, for suggestions and completion. */
  names(): string[] {
    return [...this.byName.keys()];
  }

  /**
   * A catalogue with `definitions` added, for example a platform team's
   * standard functions. Names must not clash with existing ones.
   */
  extend(definitions: readonly FunctionDefinition[]): FunctionCatalogue {
    return new FunctionCatalogue([...this.functions, ...definitions]);
  }
}

/**
 * The built-in functions: Spark SQL functions whose meaning DuckDB can
 * reproduce, each with its DuckDB rendering.
 *
 * @public
 */
export const defaultFunctionCatalogue = new FunctionCatalogue([
  ...stringFunctions,
  ...stringExtraFunctions,
  ...datetimeFunctions,
  ...mathFunctions,
  ...tryArithmeticFunctions,
  ...trigonometryFunctions,
  ...conditionalFunctions,
  ...hashingFunctions,
  ...arrayFunctions,
  ...aggregateFunctions,
  ...windowFunctions,
]);
