import { InputError } from '@backstage/errors';
import express from 'express';

/**
 * How deep a request body may nest. A pipeline is nodes → node → config →
 * a list of columns → a column: a few levels. Deeper bodies are refused
 * before anything recursive (schema checks, JSON.stringify) sees them.
 */
export const MAX_BODY_DEPTH = 64;

/**
 * The path of the first value nested deeper than `maxDepth`, or undefined.
 * Iterative, so that the check itself cannot run out of stack.
 */
export function tooDeepAt(
  value: unknown,
  maxDepth: number,
): Array<string | number> | undefined {
  const stack: Array<{ value: unknown; path: Array<string | number> }> = [
    { value, path: [] },
  ];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (path.length >= maxDepth) return path;
    const entries = Array.isArray(current)
      ? current.map((item, i) => [i, item] as const)
      : Object.entries(current);
    for (const [key, item] of entries) {
      if (item !== null && typeof item === 'object') {
        stack.push({ value: item, path: [...path, key] });
      }
    }
  }
  return undefined;
}

/** Set on a request whose body passed the depth check. */
const DEPTH_CHECKED = Symbol('data-mesh.bodyDepthChecked');

/**
 * Parses a JSON body of at most `limit` (413 beyond it, 400 for malformed
 * JSON, both with body-parser's own message) and refuses one nested deeper
 * than {@link MAX_BODY_DEPTH} with a 400 naming where. A body parsed
 * before (ahead of the OpenAPI validator, say) is neither parsed nor
 * checked again.
 */
export function jsonBody(limit: string): express.RequestHandler[] {
  return [
    express.json({ limit }),
    (req, _res, next) => {
      const checked = req as { [DEPTH_CHECKED]?: true };
      if (checked[DEPTH_CHECKED]) {
        next();
        return;
      }
      checked[DEPTH_CHECKED] = true;
      const path = tooDeepAt(req.body, MAX_BODY_DEPTH);
      if (path) {
        const where = path
          .slice(0, 8)
          .map(p => (typeof p === 'number' ? `[${p}]` : `.${p}`))
          .join('');
        next(
          new InputError(
            `Invalid request body: nested more than ${MAX_BODY_DEPTH} levels deep at body${where}…`,
          ),
        );
        return;
      }
      next();
    },
  ];
}
