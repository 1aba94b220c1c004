import { ExpressionError } from './errors';
import { SourceSpan, SourceText } from './span';

/** The lexical classes of Spark SQL expression text. */
export type TokenKind =
  /** A bare word: a name or a keyword (keywords are decided by the parser). */
  | 'word'
  /** A `backtick-quoted` name; never a keyword. */
  | 'quoted-name'
  | 'number'
  | 'string'
  | 'symbol'
  | 'end';

/**
 * Spark's numeric literal suffixes that this language reads: bigint, double,
 * decimal, and tinyint (`Y`) and smallint (`S`), whose range the parser
 * checks.
 */
export type NumberSuffix = 'L' | 'D' | 'BD' | 'Y' | 'S';

/** One token. `text` is the raw source; `value` is what it means. */
export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /**
   * word: the word as written; quoted-name: the unquoted name; string: the
   * decoded content; number: the digits without suffix; symbol: the symbol.
   */
  readonly value: string;
  /** The upper-cased word, for case-insensitive keyword checks. */
  readonly upper: string;
  readonly suffix?: NumberSuffix;
  readonly span: SourceSpan;
}

/** Operators and punctuation, longest first so that `<=>` wins over `<=`. */
const SYMBOLS = [
  '<=>',
  '<=',
  '>=',
  '<>',
  '!=',
  '==',
  '||',
  '::',
  ':',
  '(',
  ')',
  ',',
  '.',
  '[',
  ']',
  '+',
  '-',
  '*',
  '/',
  '%',
  '=',
  '<',
  '>',
];

/** Characters Spark knows but this language deliberately leaves out. */
const UNSUPPORTED_CHARACTERS: Record<string, string> = {
  '!': "unexpected character '!'; write NOT for negation",
  '&': "bitwise operator '&' is not supported",
  '|': "bitwise operator '|' is not supported; write || to concatenate strings",
  '^': "bitwise operator '^' is not supported; use pow(x, y)",
  '~': "bitwise operator '~' is not supported",
  ';': "unexpected ';': an expression is not a statement",
};

const isDigit = (ch: string) => ch >= '0' && ch <= '9';
const isWordStart = (ch: string) =>
  (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch === '_';
const isWordPart = (ch: string) => isWordStart(ch) || isDigit(ch);
const isSpace = (ch: string) =>
  ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f';

class Lexer {
  private readonly text: string;
  private pos = 0;
  private readonly tokens: Token[] = [];

  constructor(private readonly source: SourceText) {
    this.text = source.text;
  }

  run(): Token[] {
    for (;;) {
      this.skipSpaceAndComments();
      if (this.pos >= this.text.length) break;
      this.tokens.push(this.next());
    }
    const end = this.text.length;
    this.tokens.push({
      kind: 'end',
      text: '',
      value: '',
      upper: '',
      span: this.source.span(end, end),
    });
    return this.tokens;
  }

  private next(): Token {
    const start = this.pos;
    const ch = this.text[start];
    // Spark's raw string literal: r'...' keeps backslashes as written.
    if ((ch === 'r' || ch === 'R') && this.isQuote(this.text[start + 1])) {
      this.pos++;
      return this.string(start, true);
    }
    // Spark's binary literal X'…': there is no binary type to give it.
    if ((ch === 'x' || ch === 'X') && this.isQuote(this.text[start + 1])) {
      this.pos++;
      this.string(start, false);
      throw this.error(
        "binary literals (X'…') are not supported: the language has no binary type; use a string, or unhex('…') in a SQL gem",
        start,
        this.pos,
      );
    }
    if (isWordStart(ch)) return this.word(start);
    if (isDigit(ch) || (ch === '.' && isDigit(this.text[start + 1] ?? ''))) {
      return this.number(start);
    }
    if (this.isQuote(ch)) return this.string(start, false);
    if (ch === '`') return this.quotedName(start);
    for (const symbol of SYMBOLS) {
      if (this.text.startsWith(symbol, start)) {
        this.pos += symbol.length;
        return this.token('symbol', start, symbol);
      }
    }
    const codePoint = String.fromCodePoint(this.text.codePointAt(start)!);
    const reason =
      UNSUPPORTED_CHARACTERS[ch] ??
      (/\p{L}/u.test(codePoint)
        ? `unexpected character '${codePoint}'; quote names that are not plain ASCII with backticks`
        : `unexpected character '${codePoint}'`);
    throw this.error(reason, start, start + codePoint.length);
  }

  private isQuote(ch: string | undefined): boolean {
    // Spark reads "..." as a string literal too (not as a quoted name).
    return ch === "'" || ch === '"';
  }

  private word(start: number): Token {
    while (this.pos < this.text.length && isWordPart(this.text[this.pos])) {
      this.pos++;
    }
    const text = this.text.slice(start, this.pos);
    return this.token('word', start, text);
  }

  private number(start: number): Token {
    const text = this.text;
    let pos = start;
    while (isDigit(text[pos] ?? '')) pos++;
    if (text[pos] === '.') {
      pos++;
      while (isDigit(text[pos] ?? '')) pos++;
    }
    if (text[pos] === 'e' || text[pos] === 'E') {
      let exponent = pos + 1;
      if (text[exponent] === '+' || text[exponent] === '-') exponent++;
      if (isDigit(text[exponent] ?? '')) {
        pos = exponent;
        while (isDigit(text[pos] ?? '')) pos++;
      }
    }
    const digits = text.slice(start, pos);
    let suffixEnd = pos;
    while (suffixEnd < text.length && isWordPart(text[suffixEnd])) suffixEnd++;
    const rawSuffix = text.slice(pos, suffixEnd).toUpperCase();
    this.pos = suffixEnd;
    let suffix: NumberSuffix | undefined;
    if (['L', 'D', 'BD', 'Y', 'S'].includes(rawSuffix)) {
      suffix = rawSuffix as NumberSuffix;
    } else if (rawSuffix === 'F') {
      throw this.error(
        `numeric suffix 'F' is not supported (float is not part of this language); use D for a double or BD for a decimal`,
        start,
        suffixEnd,
      );
    } else if (rawSuffix !== '') {
      throw this.error(
        `invalid number '${text.slice(start, suffixEnd)}'`,
        start,
        suffixEnd,
      );
    }
    if (
      (suffix === 'L' || suffix === 'Y' || suffix === 'S') &&
      /[.eE]/.test(digits)
    ) {
      throw this.error(
        `invalid number '${text.slice(
          start,
          suffixEnd,
        )}': the ${suffix} suffix needs an integer`,
        start,
        suffixEnd,
      );
    }
    return { ...this.token('number', start, digits), suffix };
  }

  private string(start: number, raw: boolean): Token {
    const quote = this.text[this.pos];
    let value = '';
    this.pos++;
    for (;;) {
      if (this.pos >= this.text.length) {
        throw this.error('unterminated string literal', start, this.pos);
      }
      const ch = this.text[this.pos];
      if (ch === quote) {
        // A doubled quote stands for one quote character.
        if (this.text[this.pos + 1] === quote) {
          value += quote;
          this.pos += 2;
          continue;
        }
        this.pos++;
        break;
      }
      if (ch === '\\' && !raw) {
        value += this.escape(start);
        continue;
      }
      if (ch === '\\' && raw && this.pos + 1 < this.text.length) {
        // Raw strings keep escapes as written, but like Spark's lexer still
        // read a backslash and the next character as a pair, so r'\'' works.
        value += this.text.slice(this.pos, this.pos + 2);
        this.pos += 2;
        continue;
      }
      value += ch;
      this.pos++;
    }
    return this.token('string', start, value);
  }

  /** Decodes one backslash escape the way Spark's `unescapeSQLString` does. */
  private escape(stringStart: number): string {
    const escapeStart = this.pos;
    const ch = this.text[this.pos + 1];
    if (ch === undefined) {
      throw this.error(
        'unterminated string literal',
        stringStart,
        this.pos + 1,
      );
    }
    this.pos += 2;
    switch (ch) {
      case 'b':
        return '\b';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'Z':
        return '\x1a';
      // LIKE patterns need to see these escapes, so Spark keeps them.
      case '%':
        return '\\%';
      case '_':
        return '\\_';
      case 'u': {
        const hex = this.text.slice(this.pos, this.pos + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
          throw this.error(
            'invalid unicode escape: \\u needs four hexadecimal digits',
            escapeStart,
            Math.min(this.pos + 4, this.text.length),
          );
        }
        this.pos += 4;
        return String.fromCharCode(parseInt(hex, 16));
      }
      default: {
        const octal = this.text.slice(this.pos - 1, this.pos + 2);
        if (/^[0-3][0-7][0-7]$/.test(octal)) {
          this.pos += 2;
          return String.fromCharCode(parseInt(octal, 8));
        }
        if (ch === '0') return '\0';
        // Any other escaped character stands for itself (\\, \', \" …).
        return ch;
      }
    }
  }

  private quotedName(start: number): Token {
    let value = '';
    this.pos++;
    for (;;) {
      if (this.pos >= this.text.length) {
        throw this.error('unterminated quoted name', start, this.pos);
      }
      const ch = this.text[this.pos];
      if (ch === '`') {
        if (this.text[this.pos + 1] === '`') {
          value += '`';
          this.pos += 2;
          continue;
        }
        this.pos++;
        break;
      }
      value += ch;
      this.pos++;
    }
    if (value === '') {
      throw this.error('empty quoted name', start, this.pos);
    }
    return this.token('quoted-name', start, value);
  }

  private skipSpaceAndComments(): void {
    const text = this.text;
    for (;;) {
      while (this.pos < text.length && isSpace(text[this.pos])) this.pos++;
      if (text.startsWith('--', this.pos)) {
        while (this.pos < text.length && text[this.pos] !== '\n') this.pos++;
        continue;
      }
      if (text.startsWith('/*', this.pos)) {
        const start = this.pos;
        let depth = 0;
        do {
          if (this.pos >= text.length) {
            throw this.error('unterminated comment', start, text.length);
          }
          if (text.startsWith('/*', this.pos)) {
            depth++;
            this.pos += 2;
          } else if (text.startsWith('*/', this.pos)) {
            depth--;
            this.pos += 2;
          } else {
            this.pos++;
          }
        } while (depth > 0);
        continue;
      }
      return;
    }
  }

  private token(kind: TokenKind, start: number, value: string): Token {
    return {
      kind,
      text: this.text.slice(start, this.pos),
      value,
      upper: kind === 'word' ? value.toUpperCase() : '',
      span: this.source.span(start, this.pos),
    };
  }

  private error(reason: string, start: number, end: number): ExpressionError {
    return new ExpressionError({
      code: 'syntax',
      reason,
      span: this.source.span(start, end),
    });
  }
}

/**
 * Splits Spark SQL expression text into tokens, ending with one `end` token.
 * Whitespace and comments (`-- …` and nestable `/* … *\/`) are skipped.
 *
 * @throws ExpressionError for malformed literals and unknown characters.
 */
export function tokenize(source: SourceText): Token[] {
  return new Lexer(source).run();
}
