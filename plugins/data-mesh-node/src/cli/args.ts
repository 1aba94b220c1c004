import { parseArgs, ParseArgsConfig } from 'node:util';
import { CliUsageError } from './types';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** Node's parse errors as {@link CliUsageError}s with only their first sentence. */
function usageError(error: unknown): unknown {
  const { code, message } = error as NodeJS.ErrnoException;
  if (!code?.startsWith('ERR_PARSE_ARGS')) return error;
  // The rest is advice about positional arguments that no command takes.
  const firstSentence = message.split(/\.(\s|$)/)[0];
  return new CliUsageError(
    firstSentence.charAt(0).toLowerCase() + firstSentence.slice(1),
  );
}

/**
 * `node:util` parseArgs in strict mode, with its errors turned into
 * {@link CliUsageError}s.
 */
export function parseOptions<T extends OptionsConfig>(
  args: string[],
  options: T,
) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false })
      .values;
  } catch (error) {
    throw usageError(error);
  }
}

/**
 * Like {@link parseOptions}, for commands that take one project folder:
 * `meshwork validate <project>`. `project` is empty when `--help` is given.
 */
export function parseProjectCommand<T extends OptionsConfig>(
  args: string[],
  options: T,
) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw usageError(error);
  }
  const { values, positionals } = parsed;
  if ((values as { help?: boolean }).help) return { values, project: '' };
  if (positionals.length === 0) {
    throw new CliUsageError('missing <project>, the data project folder');
  }
  if (positionals.length > 1) {
    throw new CliUsageError(
      `expected one project folder, got ${
        positionals.length
      }: ${positionals.join(' ')}`,
    );
  }
  return { values, project: positionals[0] };
}

/**
 * Reads an integer option written in plain decimal digits. Anything else
 * (`1.5`, `1e3`, `-1`, `0x10`) is rejected rather than coerced.
 */
export function integerOption(
  name: string,
  value: string | undefined,
  { min, description }: { min: number; description: string },
): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed) || parsed < min) {
    throw new CliUsageError(`--${name} must be ${description}, got '${value}'`);
  }
  return parsed;
}
