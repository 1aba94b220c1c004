import fs from 'node:fs';
import { seedProjectRepository } from '../../projects/git/seedProjectRepository';
import { parseProjectCommand } from '../args';
import { CliCommand, CliIo, CliUsageError } from '../types';

const HELP = `Usage: meshwork seed-repo <project> --to <folder>

Makes a data project folder into a git repository of its own, where the
portal's pipeline editor commits: the embedded portal keeps its projects in
.data/repos/<project>. When <project> is in a git repository, every commit
that changed it is replayed with its author, date and message; files not yet
committed there make one more commit. A <folder> that already exists is left
alone, so people's commits are never lost.

Options:
  --to <folder>  The repository to create; parent folders are created
  -h, --help     Show this help
`;

async function runSeedRepo(args: string[], io: CliIo): Promise<number> {
  const { values, project } = parseProjectCommand(args, {
    to: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (!values.to) throw new CliUsageError('--to <folder> is required');
  if (fs.existsSync(values.to)) {
    io.stdout.write(`Up to date: ${values.to} exists and is left alone\n`);
    return 0;
  }
  const result = await seedProjectRepository({
    source: project,
    target: values.to,
  });
  io.stdout.write(
    `Seeded ${result.path} from ${project}: ${result.commits} commit${
      result.commits === 1 ? '' : 's'
    } on ${result.branch}${
      result.uncommittedFiles ? ', the last one of files not committed yet' : ''
    }\n`,
  );
  return 0;
}

export const seedRepoCommand: CliCommand = {
  name: 'seed-repo',
  summary: 'Make a data project folder into a git repository of its own',
  help: HELP,
  run: runSeedRepo,
};
