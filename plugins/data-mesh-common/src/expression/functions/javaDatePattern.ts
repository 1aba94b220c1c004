/**
 * Translation of Spark's datetime patterns (Java `DateTimeFormatter` letters,
 * as in `date_format(d, 'yyyy-MM-dd')`) to DuckDB's `strftime` / `strptime`
 * specifiers (`'%Y-%m-%d'`).
 *
 * Only letters with an exact DuckDB equivalent are translated; anything else
 * (time zones, week-based years, quarters, …) is rejected with a message
 * rather than producing a string that silently formats differently.
 */

/** The result of translating a pattern. */
export type DatePatternTranslation =
  | { readonly ok: true; readonly strftime: string }
  | { readonly ok: false; readonly problem: string };

/** strftime specifier for each pattern letter, by repeat count. */
const SPECIFIERS: Record<string, Record<number, string>> = {
  y: { 1: '%Y', 2: '%y', 3: '%Y', 4: '%Y' },
  M: { 1: '%-m', 2: '%m', 3: '%b', 4: '%B' },
  L: { 1: '%-m', 2: '%m', 3: '%b', 4: '%B' },
  d: { 1: '%-d', 2: '%d' },
  D: { 1: '%-j', 3: '%j' },
  H: { 1: '%-H', 2: '%H' },
  h: { 1: '%-I', 2: '%I' },
  m: { 1: '%-M', 2: '%M' },
  s: { 1: '%-S', 2: '%S' },
  S: { 3: '%g', 6: '%f' },
  a: { 1: '%p' },
  E: { 1: '%a', 2: '%a', 3: '%a', 4: '%A' },
};

/**
 * Translates a Spark datetime pattern to a DuckDB strftime/strptime format.
 */
export function translateJavaDatePattern(
  pattern: string,
): DatePatternTranslation {
  let result = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === "'") {
      // Quoted text; '' inside (or alone) is a single quote.
      const close = findClosingQuote(pattern, i + 1);
      if (close < 0) {
        return {
          ok: false,
          problem: `unterminated quote in pattern '${pattern}'`,
        };
      }
      const text =
        close === i + 1 ? "'" : pattern.slice(i + 1, close).replace(/''/g, "'");
      result += escapePercent(text);
      i = close + 1;
      continue;
    }
    if (ch === '[' || ch === ']') {
      return {
        ok: false,
        problem: `optional sections ([…]) in pattern '${pattern}' are not supported; use one pattern per format, with coalesce(…) over several`,
      };
    }
    if (/[A-Za-z]/.test(ch)) {
      let count = 1;
      while (pattern[i + count] === ch) count++;
      const specifier = SPECIFIERS[ch]?.[count];
      if (!specifier) {
        const letters = ch.repeat(count);
        return {
          ok: false,
          problem: SPECIFIERS[ch]
            ? `pattern letters '${letters}' in '${pattern}' have no DuckDB strftime equivalent`
            : `pattern letter '${ch}' in '${pattern}' has no DuckDB strftime equivalent; supported letters: y M d D H h m s S a E`,
        };
      }
      result += specifier;
      i += count;
      continue;
    }
    result += escapePercent(ch);
    i++;
  }
  return { ok: true, strftime: result };
}

/** Index of the quote closing a quoted section that starts at `from`. */
function findClosingQuote(pattern: string, from: number): number {
  for (let i = from; i < pattern.length; i++) {
    if (pattern[i] !== "'") continue;
    if (pattern[i + 1] === "'" && i !== from) {
      i++;
      continue;
    }
    return i;
  }
  return -1;
}

function escapePercent(text: string): string {
  return text.replace(/%/g, '%%');
}
