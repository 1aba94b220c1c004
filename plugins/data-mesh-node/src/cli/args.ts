import { parseArgs, ParseArgsConfig } from 'node:util';
import { CliUsageError } from './types';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/**
 * `node:util` parseArgs in strict mode, with its errors turned into
 * {@link CliUsageError}s carrying only their first sentence (the rest is
 * advice about positional arguments that no command takes).
 */
export function parseOptions<T extends OptionsConfig>(
  args: string[],
  options: T,
) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false })
      .values;
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code?.startsWith('ERR_PARSE_ARGS')) {
      const firstSentence = message.split(/\.(\s|$)/)[0];
      throw new CliUsageError(
        firstSentence.charAt(0).toLowerCase() + firstSentence.slice(1),
      );
    }
    throw error;
  }
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
