/**
 * Translation of Spark's datetime patterns (Java `DateTimeFormatter` letters,
 * as in `date_format(d, 'yyyy-MM-dd')`) to DuckDB's `strftime` / `strptime`
 * specifiers (`'%Y-%m-%d'`).
 *
 * Only letters with an exact DuckDB equivalent are translated; anything else
 * (time zones, week-based years, quarters, …) is rejected with a message
 * rather than producing a string that silently formats differently.
 *
 * When reading, DuckDB's strptime is more lenient than Spark's parser: it
 * reads `'1'` with `%y` and `'2024-3-5'` with `%Y-%m-%d`, which Spark rejects
 * (`yy` and `MM` need exactly two digits). The translation therefore also
 * describes, as a regular expression, the text Spark's parser accepts, so
 * that the rendering can treat any other text as a parse failure.
 */

/** The result of translating a pattern. */
export type DatePatternTranslation =
  | {
      readonly ok: true;
      /** The DuckDB strftime / strptime format. */
      readonly strftime: string;
      /**
       * The text Spark's parser accepts, as a regular expression in the
       * syntax DuckDB (RE2) and JavaScript share, to be matched against the
       * whole text, ignoring case (Spark parses case-insensitively).
       */
      readonly parsedText: string;
      /** The pattern letters used outside quotes, each once. */
      readonly letters: readonly string[];
    }
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

/** Java's longest year (`appendValue(YEAR, n, 19, …)`). */
const MAX_YEAR_DIGITS = 19;

/** Names in Spark's locale (Locale.US), short form first. */
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
];

function digits(min: number, max: number): string {
  return min === max ? `\\d{${min}}` : `\\d{${min},${max}}`;
}

function oneOf(names: readonly string[]): string {
  return `(?:${names.join('|')})`;
}

/**
 * The text one field accepts when Spark parses it. Spark builds its parser
 * with Java's DateTimeFormatterBuilder (strict, case-insensitive, `y` read
 * as the signed year `u`, fractions of any length up to the `S` count):
 *
 * - `y` (year): `yy` exactly two digits (2000–2099); `y` and `yyy` at
 *   least one and three digits, with an optional minus sign; `yyyy` exactly
 *   four digits, or a sign and more (`+` only once the width is exceeded).
 * - `M`, `d`, `H`, `h`, `m`, `s`: one letter one or two digits, two letters
 *   exactly two (Java also reads leading zeros beyond two digits, which
 *   strptime does not).
 * - `D`: one letter one to three digits, `DDD` exactly three.
 * - `S…`: one digit up to as many as there are letters.
 * - `MMM`/`MMMM`, `E`, `a`: the English names.
 */
function parsedField(letter: string, count: number): string {
  switch (letter) {
    case 'y':
      if (count === 2) return digits(2, 2);
      if (count < 4) return `-?${digits(count, MAX_YEAR_DIGITS)}`;
      return `(?:${digits(count, count)}|-${digits(
        count,
        MAX_YEAR_DIGITS,
      )}|\\+${digits(count + 1, MAX_YEAR_DIGITS)})`;
    case 'M':
    case 'L':
      if (count === 3) return oneOf(MONTHS.map(name => name.slice(0, 3)));
      if (count === 4) return oneOf(MONTHS);
      return digits(count, 2);
    case 'E':
      return count === 4 ? oneOf(DAYS) : oneOf(DAYS.map(d => d.slice(0, 3)));
    case 'D':
      return digits(count, 3);
    case 'S':
      return digits(1, count);
    case 'a':
      return oneOf(['AM', 'PM']);
    default:
      return digits(count, 2);
  }
}

/** Translates a Spark datetime pattern to a DuckDB strftime/strptime format. */
export function translateJavaDatePattern(
  pattern: string,
): DatePatternTranslation {
  let strftime = '';
  let parsedText = '';
  const letters = new Set<string>();
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
      strftime += escapePercent(text);
      parsedText += escapeRegex(text);
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
        const repeated = ch.repeat(count);
        return {
          ok: false,
          problem: SPECIFIERS[ch]
            ? `pattern letters '${repeated}' in '${pattern}' have no DuckDB strftime equivalent`
            : `pattern letter '${ch}' in '${pattern}' has no DuckDB strftime equivalent; supported letters: y M d D H h m s S a E`,
        };
      }
      strftime += specifier;
      parsedText += parsedField(ch, count);
      letters.add(ch);
      i += count;
      continue;
    }
    strftime += escapePercent(ch);
    parsedText += escapeRegex(ch);
    i++;
  }
  return { ok: true, strftime, parsedText, letters: [...letters] };
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

/** Literal text in a regular expression (RE2 rejects escaped letters). */
function escapeRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}
