import { compileProject } from '@meshwork/data-mesh-common';
import { parseProjectCommand } from '../args';
import { readProjectFolder } from '../../projects';
import { plural, reportDiagnostics } from '../project/projectFolder';
import { CliCommand, CliIo } from '../types';
import {
  projectStandards,
  STANDARDS_HELP,
  STANDARDS_OPTION,
} from '../project/projectStandards';

const HELP = `Usage: meshwork validate <project> [--standards <dir>]

Checks a data project without writing anything: every file parses, the
files refer to each other correctly (datasets, rules, subgraphs, pipelines,
job tasks), every expression type checks against the schemas flowing from
the datasets, and the code and Databricks bundle can be generated.

Problems are printed on stderr as <file>:<line>:<column>: <severity>:
<message>, with paths relative to the working directory. Exits with 1 if
any is an error.

Arguments:
  <project>   The data project folder (the one holding meshwork.yaml)

Options:
${STANDARDS_HELP}
  -h, --help  Show this help
`;

async function runValidate(args: string[], io: CliIo): Promise<number> {
  const { values, project } = parseProjectCommand(args, {
    help: { type: 'boolean', short: 'h' },
    ...STANDARDS_OPTION,
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const files = await readProjectFolder(project);
  const standards = await projectStandards(files, values.standards, io);
  const compiled = compileProject(files, standards.options);
  const errors =
    reportDiagnostics(project, compiled.diagnostics, io) + standards.errors;
  const warnings = compiled.diagnostics.length - (errors - standards.errors);
  const problems =
    compiled.diagnostics.length === 0
      ? '0 problems'
      : `${plural(compiled.diagnostics.length, 'problem')} (${plural(
          errors,
          'error',
        )}, ${plural(warnings, 'warning')})`;
  io.stdout.write(
    `${plural(compiled.project.fileCount, 'file')}, ${problems}\n`,
  );
  return errors > 0 ? 1 : 0;
}

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'Check a data project: files, references, types, generated code',
  help: HELP,
  run: runValidate,
};
