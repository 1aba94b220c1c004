/**
 * Where a piece of an expression sits in its source text.
 *
 * `offset` and `end` count UTF-16 code units (JavaScript string indices, the
 * unit editors such as CodeMirror and Monaco use); `end` is exclusive.
 * `line` and `column` are 1-based and describe `offset`.
 *
 * @public
 */
export interface SourceSpan {
  readonly offset: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
}

/**
 * Maps offsets in an expression's text to 1-based lines and columns.
 * `\n`, `\r\n` and a lone `\r` each end a line.
 */
export class SourceText {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.lineStarts.push(i + 1);
      } else if (ch === 10 /* \n */) {
        this.lineStarts.push(i + 1);
      }
    }
  }

  /** The span from `offset` (inclusive) to `end` (exclusive). */
  span(offset: number, end: number): SourceSpan {
    // Binary search for the last line that starts at or before `offset`.
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return {
      offset,
      end,
      line: low + 1,
      column: offset - this.lineStarts[low] + 1,
    };
  }
}

/** The span that starts where `first` starts and ends where `last` ends. */
export function spanBetween(first: SourceSpan, last: SourceSpan): SourceSpan {
  return {
    offset: first.offset,
    end: last.end,
    line: first.line,
    column: first.column,
  };
}
