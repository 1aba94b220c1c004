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

/** `node:util` parseArgs in strict mode, with positionals. */
function parseWithPositionals<T extends OptionsConfig>(
  args: string[],
  options: T,
) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: true });
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
  const { values, positionals } = parseWithPositionals(args, options);
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
 * Like {@link parseOptions}, for commands that take a fixed list of
 * arguments, named in the usage error: `meshwork odcs export <project>
 * <dataset>`. `positionals` is empty when `--help` is given.
 */
export function parseArgumentsCommand<T extends OptionsConfig>(
  args: string[],
  options: T,
  names: readonly string[],
) {
  const { values, positionals } = parseWithPositionals(args, options);
  if ((values as { help?: boolean }).help) {
    return { values, positionals: [] as string[] };
  }
  if (positionals.length !== names.length) {
    const expected = names.map(name => `<${name}>`);
    const list =
      expected.length > 1
        ? `${expected.slice(0, -1).join(', ')} and ${
            expected[expected.length - 1]
          }`
        : expected.join('');
    throw new CliUsageError(
      `expected ${list}, got ${positionals.length} argument${
        positionals.length === 1 ? '' : 's'
      }`,
    );
  }
  return { values, positionals };
}

/**
 * Reads an option that takes one of a few words, e.g. `--layer gold`.
 */
export function oneOfOption<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  const found = allowed.find(a => a === value);
  if (!found) {
    throw new CliUsageError(
      `--${name} must be one of ${allowed.join(', ')}, got '${value}'`,
    );
  }
  return found;
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
