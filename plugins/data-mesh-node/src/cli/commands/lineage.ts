import {
  analyzeProjectLineage,
  findColumnLineage,
} from '@meshwork/data-mesh-common';
import { parseProjectCommand } from '../args';
import { readProjectFolder } from '../../projects';
import { reportDiagnostics } from '../project/projectFolder';
import { CliCommand, CliIo, CliUsageError } from '../types';
import {
  projectStandards,
  STANDARDS_HELP,
  STANDARDS_OPTION,
} from '../project/projectStandards';

const HELP = `Usage: meshwork lineage <project> [--column <dataset>.<column>] [--standards <dir>]

Prints the column-level lineage of a data project as JSON on stdout: for
each dataset a pipeline writes, each column's formula, the computations on
its way (steps), the source columns it derives from and the pipelines it
flows through, composed across pipelines (a gold column traces back
through the silver datasets to bronze); and the dataset edges.

Arguments:
  <project>                 The data project folder

Options:
  --column <dataset>.<col>  Only this column's lineage
${STANDARDS_HELP}
  -h, --help                Show this help
`;

async function runLineage(args: string[], io: CliIo): Promise<number> {
  const { values, project } = parseProjectCommand(args, {
    column: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    ...STANDARDS_OPTION,
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (values.column !== undefined && !/^[^.]+\.[^.]+$/.test(values.column)) {
    throw new CliUsageError(
      `--column must be <dataset>.<column>, got '${values.column}'`,
    );
  }
  const files = await readProjectFolder(project);
  const standards = await projectStandards(files, values.standards, io);
  const { lineage, diagnostics } = analyzeProjectLineage(
    files,
    standards.options,
  );
  if (reportDiagnostics(project, diagnostics, io) + standards.errors > 0) {
    return 1;
  }

  if (values.column === undefined) {
    io.stdout.write(`${JSON.stringify(lineage, null, 2)}\n`);
    return 0;
  }
  const found = findColumnLineage(lineage, values.column);
  if (!found.found) {
    const hint = found.suggestions.length
      ? ` (did you mean ${found.suggestions.map(s => `'${s}'`).join(', ')}?)`
      : '';
    throw new Error(
      `no column '${values.column}' in a dataset the project writes${hint}`,
    );
  }
  io.stdout.write(
    `${JSON.stringify(
      { dataset: found.dataset, ...found.lineage },
      null,
      2,
    )}\n`,
  );
  return 0;
}

export const lineageCommand: CliCommand = {
  name: 'lineage',
  summary: "Print a data project's column-level lineage as JSON",
  help: HELP,
  run: runLineage,
};
