import { compileProject, testFileSubject } from '@meshwork/data-mesh-common';
import { parseProjectCommand } from '../args';
import { readProjectFolder } from '../../projects';
import { runPipelineTests, PipelineTestResult } from '../../pipelineTests';
import { plural, reportDiagnostics } from '../project/projectFolder';
import {
  projectStandards,
  STANDARDS_HELP,
  STANDARDS_OPTION,
} from '../project/projectStandards';
import { CliCommand, CliIo, CliUsageError } from '../types';

const HELP = `Usage: meshwork test <project> [--pipeline <name>] [--standards <dir>]

Runs a data project's pipeline tests (tests/<name>.test.yaml) on an
in-memory DuckDB: each test fills the datasets its pipeline reads (or the
inputs of a subgraph or rule) with its given rows, runs the query of the
expected node, and compares the rows with the expected ones.

The project is checked first, as by meshwork validate; with errors no test
runs. Prints one line per test (✓ passed, ✗ failed, ! could not run), the
rows that differ for each failure, then a summary. Exits with 1 if any
test failed or could not run.

Arguments:
  <project>          The data project folder (the one holding meshwork.yaml)

Options:
  --pipeline <name>  Run only the tests of this pipeline, subgraph or rule
${STANDARDS_HELP}
  -h, --help         Show this help
`;

const MARKS: Record<PipelineTestResult['status'], string> = {
  passed: '✓',
  failed: '✗',
  error: '!',
};

const indent = (text: string, by: string) =>
  text
    .split('\n')
    .map(line => by + line)
    .join('\n');

async function runTest(args: string[], io: CliIo): Promise<number> {
  const { values, project } = parseProjectCommand(args, {
    pipeline: { type: 'string' },
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
  if (
    standards.errors > 0 ||
    compiled.diagnostics.some(d => d.severity === 'error')
  ) {
    reportDiagnostics(project, compiled.diagnostics, io);
    io.stderr.write(`meshwork: ${project} has errors; no test was run\n`);
    return 1;
  }
  const loaded = compiled.project;
  const subject = values.pipeline;
  if (subject !== undefined) {
    const tested = new Set(
      [...loaded.tests.values()].map(f => testFileSubject(f.value)?.name),
    );
    if (!tested.has(subject)) {
      throw new CliUsageError(
        `no tests of '${subject}'; tests exist for: ${
          [...tested].sort().join(', ') || 'nothing'
        }`,
      );
    }
  }

  const results = await runPipelineTests(loaded, { subject });
  for (const result of results) {
    io.stdout.write(
      `${MARKS[result.status]} ${result.subject} › ${result.name}\n`,
    );
    const detail = result.diff ?? result.message;
    if (result.status !== 'passed' && detail) {
      io.stdout.write(`${indent(detail, '    ')}\n`);
    }
  }
  const count = (status: PipelineTestResult['status']) =>
    results.filter(r => r.status === status).length;
  const errors = count('error');
  io.stdout.write(
    `Tests: ${count('passed')} passed, ${count('failed')} failed${
      errors ? `, ${plural(errors, 'error')}` : ''
    } (${results.length})\n`,
  );
  return results.every(r => r.status === 'passed') ? 0 : 1;
}

export const testCommand: CliCommand = {
  name: 'test',
  summary: "Run a data project's pipeline tests on an in-memory DuckDB",
  help: HELP,
  run: runTest,
};
