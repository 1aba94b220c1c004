/** A point in time as a short axis or table label, in the reader's zone. */
export function formatDateTime(value: string | number | Date): string {
  return new Date(value).toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** A day as an axis tick, e.g. `Dec 5`. */
export function formatDay(value: string | number | Date): string {
  return new Date(value).toLocaleDateString(undefined, {
    month: 'short',
    day: 'numeric',
  });
}

/** A number of DBUs as people read it: two decimals at most. */
export function formatDbus(dbus: number): string {
  return `${dbus.toLocaleString(undefined, { maximumFractionDigits: 2 })} DBU${
    dbus === 1 ? '' : 's'
  }`;
}
