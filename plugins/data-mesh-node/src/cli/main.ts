/*
 * The `meshwork` command line: `meshwork <command> [options]`.
 *
 * Run from the repository with
 *   node --require @backstage/cli/config/nodeTransform.cjs \
 *     plugins/data-mesh-node/src/cli/main.ts seed --warehouse data/warehouse.duckdb
 */

import { initSqlParser } from '@meshwork/data-mesh-common';
import * as polyglotSql from '@polyglot-sql/sdk';
import { commands } from './commands';
import { CliIo, CliUsageError } from './types';

const processIo: CliIo = { stdout: process.stdout, stderr: process.stderr };

function helpText(): string {
  const width = Math.max(...commands.map(command => command.name.length));
  const list = commands
    .map(command => `  ${command.name.padEnd(width)}  ${command.summary}`)
    .join('\n');
  return `Usage: meshwork <command> [options]

Commands:
${list}

Options:
  -h, --help  Show this help; 'meshwork <command> --help' shows a command's options
`;
}

/** Duck-typed: errors from another realm (e.g. Node's inside Jest) fail `instanceof Error`. */
function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    return String(error.message);
  }
  return String(error);
}

/**
 * One line: the first line of the message, never a stack trace, starting
 * in lower case like the rest of the CLI's messages (`Cannot open` becomes
 * `cannot open`; paths and acronyms are left alone).
 */
function describe(error: unknown): string {
  return errorMessage(error)
    .split('\n')[0]
    .replace(/^[A-Z](?=[a-z])/, letter => letter.toLowerCase());
}

/**
 * Runs the `meshwork` CLI with the arguments after the program name and
 * resolves to the process exit code: 0 on success, 1 on any error, which is
 * reported as a single `meshwork: <message>` line on stderr.
 */
export async function main(
  argv: readonly string[],
  io: CliIo = processIo,
): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(helpText());
    return 0;
  }
  const command = commands.find(candidate => candidate.name === name);
  try {
    if (name === undefined) {
      throw new CliUsageError('missing command');
    }
    if (!command) {
      throw new CliUsageError(
        name.startsWith('-')
          ? `unknown option '${name}'`
          : `unknown command '${name}'`,
      );
    }
    // Compiling checks SQL gems with a parser that loads asynchronously.
    await initSqlParser(async () => polyglotSql);
    return await command.run(args, io);
  } catch (error) {
    const help = command
      ? `meshwork ${command.name} --help`
      : 'meshwork --help';
    const usage = error instanceof CliUsageError;
    const hint = usage ? ` (see '${help}')` : '';
    io.stderr.write(`meshwork: ${describe(error)}${hint}\n`);
    return usage ? command?.usageExitCode ?? 1 : 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(code => {
    process.exitCode = code;
  });
}
