interface StartupFailure {
  failure?: { allowed: boolean; error: Error };
}

interface StartupResult {
  plugins: Array<StartupFailure & { modules: StartupFailure[] }>;
}

/**
 * The reasons the backend could not start, one line each. Backstage reports
 * them as a BackendStartupError whose `result` holds each failed plugin's and
 * module's own error; those messages say what to fix (e.g. which config key).
 */
export function describeStartupFailure(error: unknown): string[] {
  const result = (error as { result?: StartupResult } | undefined)?.result;
  const failures = result?.plugins.flatMap(plugin => [
    plugin,
    ...plugin.modules,
  ]);
  const reasons = (failures ?? [])
    .filter(item => item.failure && !item.failure.allowed)
    .map(item => item.failure!.error.message);
  if (reasons.length > 0) {
    return reasons;
  }
  return [error instanceof Error ? error.message : String(error)];
}

/** Prints why the backend could not start, without a stack trace, and exits. */
export function reportStartupFailure(error: unknown): never {
  const lines = describeStartupFailure(error).map(reason => `  ${reason}`);
  process.stderr.write(
    `\nMeshwork backend failed to start:\n${lines.join('\n')}\n`,
  );
  process.exit(1);
}
