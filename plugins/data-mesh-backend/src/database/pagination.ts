import { InputError } from '@backstage/errors';
import { Knex } from 'knex';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;

/**
 * Where the previous page ended in a listing ordered by a timestamp and then
 * by id, both descending. Keyset rather than offset pagination, so rows added
 * while someone pages through neither repeat nor go missing, and the id
 * breaks ties between rows with the same timestamp.
 */
interface PagePosition {
  time: number;
  id: string;
}

export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) {
    return DEFAULT_LIMIT;
  }
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new InputError(
      `limit must be an integer from 1 to ${MAX_LIMIT}, got ${limit}`,
    );
  }
  return limit;
}

export function encodeCursor(position: PagePosition): string {
  return Buffer.from(JSON.stringify([position.time, position.id])).toString(
    'base64url',
  );
}

export function decodeCursor(cursor: string): PagePosition {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (
    !Array.isArray(decoded) ||
    decoded.length !== 2 ||
    !Number.isSafeInteger(decoded[0]) ||
    typeof decoded[1] !== 'string'
  ) {
    throw new InputError(`cursor '${cursor}' is not one this API returned`);
  }
  return { time: decoded[0], id: decoded[1] };
}

/** Restricts a query ordered newest first to the rows after the cursor. */
export function afterCursor(
  query: Knex.QueryBuilder,
  cursor: string | undefined,
  timeColumn: string,
  idColumn: string,
): Knex.QueryBuilder {
  if (cursor === undefined) {
    return query;
  }
  const { time, id } = decodeCursor(cursor);
  const at = new Date(time);
  return query.where(builder =>
    builder
      .where(timeColumn, '<', at)
      .orWhere(inner =>
        inner.where(timeColumn, at).andWhere(idColumn, '<', id),
      ),
  );
}
