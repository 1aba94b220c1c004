import { Parser, YAMLError } from 'yaml';

/** Where a YAML syntax error is reported, and what it says. */
export interface LocatedYamlError {
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

/** yaml's message for a `{…}` or `[…]` that does not end where it must. */
const UNCLOSED_FLOW =
  /^Flow (map|sequence) in block collection must be sufficiently indented and end with a ([}\]])/;

/**
 * The place and message of a YAML syntax error as the user should see
 * them. yaml reports an unclosed `{` or `[` where it gives up on it, the
 * first line that cannot continue it, which may be several lines below
 * (after blank lines, or at the next key); the mistake is at the bracket.
 */
export function locateYamlError(
  text: string,
  error: YAMLError,
): LocatedYamlError {
  const message = error.message.split('\n')[0];
  const unclosed = UNCLOSED_FLOW.exec(message);
  if (unclosed) {
    const [close, open] = unclosed[2] === '}' ? ['}', '{'] : [']', '['];
    const at = unclosedFlowStart(text, error.pos[0], open, close);
    if (at !== undefined) {
      return {
        start: at,
        end: at + 1,
        message: `"${open}" is not closed: a flow ${unclosed[1]} must end with "${close}", and lines that continue it must be indented past its key`,
      };
    }
  }
  return { start: error.pos[0], end: error.pos[1], message };
}

/**
 * The offset of the nearest `open` before `before` whose flow collection
 * has no closing `close`, from yaml's concrete syntax tree (which knows
 * brackets in quoted strings and comments are not brackets).
 */
function unclosedFlowStart(
  text: string,
  before: number,
  open: string,
  close: string,
): number | undefined {
  let found: number | undefined;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const token = value as {
      type?: string;
      start?: { offset: number; source: string };
      end?: ReadonlyArray<{ source: string }>;
    };
    if (
      token.type === 'flow-collection' &&
      token.start?.source === open &&
      token.start.offset < before &&
      !(token.end ?? []).some(end => end.source === close) &&
      (found === undefined || token.start.offset > found)
    ) {
      found = token.start.offset;
    }
    Object.values(value).forEach(visit);
  };
  for (const token of new Parser().parse(text)) visit(token);
  return found;
}
