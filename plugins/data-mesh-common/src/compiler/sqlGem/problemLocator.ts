import type { ExpressionLocation } from '../types';
import { SourceText } from '../../expression/span';
import type { ProblemAnchor, SqlProblem } from './checkQuery';
import { CodePointOffsets } from './sqlAst';
import type { SqlParser } from './sqlParser';

/** A problem at its position in the SQL text. */
export interface LocatedSqlProblem {
  readonly code: SqlProblem['code'] | 'internal-error';
  readonly message: string;
  readonly location?: ExpressionLocation;
}

/** Turns problem anchors into lines and columns of the SQL text. */
export class ProblemLocator {
  private tokens?: ReadonlyArray<{
    readonly type: string;
    readonly text: string;
    readonly start: number;
    readonly end: number;
  }>;
  private readonly offsets: CodePointOffsets;
  private readonly lines: SourceText;

  constructor(
    private readonly parser: SqlParser,
    private readonly sql: string,
  ) {
    this.offsets = new CodePointOffsets(sql);
    this.lines = new SourceText(sql);
  }

  problem(problem: SqlProblem): LocatedSqlProblem {
    const { start, end } = this.range(problem.anchor);
    const offset = this.offsets.toUtf16(start);
    const { line, column } = this.lines.span(offset, offset);
    return {
      code: problem.code,
      message: problem.message,
      location: {
        line,
        column,
        offset,
        length: Math.max(this.offsets.toUtf16(end) - offset, 0),
        code: problem.reason,
        suggestions: problem.suggestions ?? [],
      },
    };
  }

  /** The code point range an anchor stands for. */
  private range(anchor: ProblemAnchor): { start: number; end: number } {
    if ('span' in anchor) return anchor.span;
    const tokens = this.tokenList();
    if ('token' in anchor) {
      const wanted = anchor.token.toLowerCase();
      const matches = tokens.filter(
        t => t.type !== 'STRING' && t.text.toLowerCase() === wanted,
      );
      const match = matches[anchor.occurrence] ?? matches[0];
      if (match) return match;
    }
    const statement = 'statement' in anchor ? anchor.statement : 0;
    // Statement n starts after the n-th semicolon.
    let seen = 0;
    for (const token of tokens) {
      if (token.type === 'SEMICOLON') seen++;
      else if (seen >= statement) return token;
    }
    return { start: 0, end: 0 };
  }

  private tokenList() {
    if (!this.tokens) {
      const result = this.parser.tokenize(this.sql, this.parser.Dialect.Spark);
      this.tokens = (result.tokens ?? []).map(token => {
        // The runtime names the field `token_type`; the typings, `tokenType`.
        const raw = token as unknown as Record<string, unknown>;
        return {
          type: String(raw.token_type ?? raw.tokenType ?? ''),
          text: token.text,
          start: token.span.start,
          end: token.span.end,
        };
      });
    }
    return this.tokens;
  }
}
