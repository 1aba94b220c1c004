/**
 * Spark evaluates regular expressions with Java's `java.util.regex`, DuckDB
 * with RE2. The common syntax means the same in both; these helpers reject
 * the Java-only parts and translate replacement strings, whose syntax
 * differs (`$1` in Java, `\1` in RE2).
 */

/** Java-only regex constructs, with what to say about them. */
const JAVA_ONLY_CONSTRUCTS: ReadonlyArray<[RegExp, string]> = [
  [/\(\?<?[=!]/, 'lookahead and lookbehind'],
  [/(^|[^\\])\\[1-9]/, 'backreferences'],
  [/[*+?}][+]/, 'possessive quantifiers'],
  [/\(\?>/, 'atomic groups'],
  [/\(\?<[A-Za-z]/, 'named groups (?<name>…)'],
];

/**
 * Why a Java regular expression cannot run on DuckDB (RE2), or undefined
 * when it can.
 */
export function javaRegexProblem(pattern: string): string | undefined {
  for (const [construct, name] of JAVA_ONLY_CONSTRUCTS) {
    if (construct.test(pattern)) {
      return `regular expression '${pattern}' uses ${name}, which DuckDB's RE2 engine does not support`;
    }
  }
  return undefined;
}

/** The result of translating a replacement string. */
export type ReplacementTranslation =
  | { readonly ok: true; readonly re2: string }
  | { readonly ok: false; readonly problem: string };

/**
 * Translates a Java `Matcher.replaceAll` replacement (`$1` refers to a group,
 * `\$` is a literal dollar) to RE2's (`\1` refers to a group, `\\` is a
 * literal backslash).
 */
export function translateJavaReplacement(
  replacement: string,
): ReplacementTranslation {
  let re2 = '';
  for (let i = 0; i < replacement.length; i++) {
    const ch = replacement[i];
    if (ch === '\\') {
      const next = replacement[i + 1];
      if (next === undefined) {
        return {
          ok: false,
          problem: `replacement '${replacement}' ends with a lone backslash`,
        };
      }
      re2 += next === '\\' ? '\\\\' : next;
      i++;
    } else if (ch === '$') {
      const next = replacement[i + 1] ?? '';
      if (!/[0-9]/.test(next)) {
        return {
          ok: false,
          problem: `replacement '${replacement}' has '$' without a group number; write \\$ for a literal dollar`,
        };
      }
      if (/[0-9]/.test(replacement[i + 2] ?? '')) {
        return {
          ok: false,
          problem: `replacement '${replacement}' refers to a group above 9, which DuckDB does not support`,
        };
      }
      re2 += `\\${next}`;
      i++;
    } else {
      re2 += ch;
    }
  }
  return { ok: true, re2 };
}
