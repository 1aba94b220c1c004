import { CliCommand, CliIo, CliUsageError } from '../types';
import { ODCS_EXPORT_HELP, runOdcsExport } from './odcsExport';
import { ODCS_IMPORT_HELP, runOdcsImport } from './odcsImport';

const HELP = `Usage: meshwork odcs <export|import> …

Data contracts in the Open Data Contract Standard (ODCS) v3, in and out.
See docs/odcs.md for what maps to what.

${ODCS_EXPORT_HELP}
${ODCS_IMPORT_HELP}`;

async function runOdcs(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    if (sub === undefined) throw new CliUsageError('missing export or import');
    io.stdout.write(HELP);
    return 0;
  }
  if (sub === 'export') return runOdcsExport(rest, io);
  if (sub === 'import') return runOdcsImport(rest, io);
  throw new CliUsageError(
    `unknown odcs command '${sub}'; use export or import`,
  );
}

export const odcsCommand: CliCommand = {
  name: 'odcs',
  summary: 'Export a dataset as an ODCS v3.1 contract, or import one',
  help: HELP,
  run: runOdcs,
};
