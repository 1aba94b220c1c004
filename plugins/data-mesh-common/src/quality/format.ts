/**
 * Numbers and values as messages show them.
 */

/** A count with thousands separators: `17,910`. */
export function formatCount(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A bound or threshold as written in the contract: `0`, `2.5`, `26`. */
export function formatBound(value: number): string {
  return String(value);
}

/** Hours with at most one decimal: `49.5`, `24`. */
export function formatHours(hours: number): string {
  return String(Math.round(hours * 10) / 10);
}

/** A list for a sentence, cut after `limit` items: `web, store, partner`. */
export function formatList(items: readonly string[], limit = 5): string {
  const shown = items.slice(0, limit).join(', ');
  return items.length > limit
    ? `${shown} and ${items.length - limit} more`
    : shown;
}

/** `text`, cut to `length` characters with an ellipsis. */
export function truncate(text: string, length = 200): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/**
 * The `check` of a rule this code does not know, for example one from a
 * newer file format: reported, never thrown.
 */
export function checkOf(rule: never): string {
  return String((rule as { check?: unknown }).check);
}
