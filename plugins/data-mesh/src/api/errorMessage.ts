/** The message of an error from the API: the backend's own words if it sent them. */
export function errorMessage(error: unknown): string {
  const body = (error as { body?: { error?: { message?: string } } })?.body;
  return (
    body?.error?.message ??
    (error instanceof Error ? error.message : String(error))
  );
}
