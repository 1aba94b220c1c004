import { CliCommand, CliIo, CliUsageError } from '../types';
import { CONTRACT_DIFF_HELP, runContractDiff } from './contractDiff';

const HELP = `Usage: meshwork contract <diff> …

Data contracts of a project's datasets, and how a change meets their
consumers.

${CONTRACT_DIFF_HELP}`;

async function runContract(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    if (sub === undefined) throw new CliUsageError('missing diff');
    io.stdout.write(HELP);
    return 0;
  }
  if (sub === 'diff') return runContractDiff(rest, io);
  throw new CliUsageError(`unknown contract command '${sub}'; use diff`);
}

export const contractCommand: CliCommand = {
  name: 'contract',
  summary:
    'Compare dataset contracts with a git ref and name who a change breaks',
  help: HELP,
  run: runContract,
  // 1 means "a change breaks a contract", as `diff` and `git diff
  // --exit-code` use it, so calling it wrongly must be told apart.
  usageExitCode: 2,
};
