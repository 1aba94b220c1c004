/**
 * Group indexes of regexp_extract and regexp_extract_all: Spark raises
 * INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX when the index is negative or
 * beyond the pattern's groups, where DuckDB returns an empty result. With a
 * literal pattern and index the binder refuses such a call instead.
 */
import { numberArgument, stringArgument } from './define';
import type { ArgumentInfo, ArgumentProblem } from './definition';

/** The capturing groups of a Java regular expression. */
export function capturingGroupCount(pattern: string): number {
  let count = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      i++;
    } else if (inClass) {
      if (ch === ']') inClass = false;
    } else if (ch === '[') {
      inClass = true;
    } else if (ch === '(') {
      // (?<name>…) captures; (?:…), (?=…), (?<=…) and the like do not.
      const named = /^\(\?<[A-Za-z]/.test(pattern.slice(i, i + 4));
      if (pattern[i + 1] !== '?' || named) count++;
    }
  }
  return count;
}

/**
 * Checks the group index argument at `index` (default 1) against the
 * literal pattern at `patternIndex`.
 */
export function checkGroupIndex(patternIndex: number, index: number) {
  return (args: readonly ArgumentInfo[]): ArgumentProblem | undefined => {
    const pattern = stringArgument(args, patternIndex);
    const group = args.length > index ? numberArgument(args, index) : 1;
    if (pattern === undefined || group === undefined) return undefined;
    const groups = capturingGroupCount(pattern);
    if (group >= 0 && group <= groups) return undefined;
    return {
      message: `group ${group} does not exist: '${pattern}' has ${groups} capturing group${
        groups === 1 ? '' : 's'
      } (Spark raises REGEX_GROUP_INDEX)`,
      argument: args.length > index ? index : patternIndex,
    };
  };
}
