import { compileProject } from '@meshwork/data-mesh-common';
import { join } from 'node:path';
import { parseProjectCommand } from '../args';
import {
  displayPath,
  generatedFilesIn,
  plural,
  removeGeneratedFile,
  reportDiagnostics,
  writeFileAtomically,
} from '../project/projectFolder';
import { readProjectFolder } from '../../projects';
import { CliCommand, CliIo } from '../types';
import {
  projectStandards,
  STANDARDS_HELP,
  STANDARDS_OPTION,
} from '../project/projectStandards';

const HELP = `Usage: meshwork compile <project> [--check] [--standards <dir>]

Generates a data project's code: Spark SQL in generated/sql/<pipeline>.sql,
the PySpark entry point in generated/python/<pipeline>.py, the Databricks
Asset Bundle (databricks.yml, resources/<job>.job.yml), and the manifest
describing datasets, contracts, lineage, pipelines and jobs
(generated/manifest.json, see docs/manifest.md). Commit them: review then
shows a pipeline change next to the code it changes.

Each file is written atomically (a temporary file renamed over it), only
when its content changes; generated files that no pipeline or job produces
any more are removed. Nothing is written while the project has errors.

Arguments:
  <project>   The data project folder (the one holding meshwork.yaml)

Options:
  --check     Write nothing; exit with 1 and list the files that are stale,
              missing or extra (for CI: generated code must be committed)
${STANDARDS_HELP}
  -h, --help  Show this help
`;

type Change = 'stale' | 'missing' | 'extra';

async function runCompile(args: string[], io: CliIo): Promise<number> {
  const { values, project } = parseProjectCommand(args, {
    check: { type: 'boolean' },
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
    reportDiagnostics(project, compiled.diagnostics, io) + standards.errors >
    0
  ) {
    io.stderr.write(`meshwork: ${project} has errors; nothing was written\n`);
    return 1;
  }

  const existing = generatedFilesIn(files);
  const changes: Array<{ path: string; change: Change; content?: string }> = [];
  for (const file of compiled.files) {
    const current = existing.get(file.path);
    if (current !== file.content) {
      changes.push({
        path: file.path,
        change: current === undefined ? 'missing' : 'stale',
        content: file.content,
      });
    }
  }
  const produced = new Set(compiled.files.map(f => f.path));
  for (const path of existing.keys()) {
    if (!produced.has(path)) changes.push({ path, change: 'extra' });
  }
  changes.sort((a, b) => (a.path < b.path ? -1 : Number(a.path > b.path)));

  if (values.check) {
    for (const { path, change } of changes) {
      io.stderr.write(`${change}: ${displayPath(project, path)}\n`);
    }
    if (changes.length > 0) {
      io.stderr.write(
        `meshwork: ${plural(
          changes.length,
          'generated file',
        )} out of date; run 'meshwork compile ${project}'\n`,
      );
      return 1;
    }
    io.stdout.write(
      `${plural(compiled.files.length, 'generated file')} up to date\n`,
    );
    return 0;
  }

  for (const { path, change, content } of changes) {
    if (change === 'extra') {
      await removeGeneratedFile(project, path);
      io.stdout.write(`removed ${displayPath(project, path)}\n`);
    } else {
      await writeFileAtomically(join(project, ...path.split('/')), content!);
      io.stdout.write(`wrote ${displayPath(project, path)}\n`);
    }
  }
  const removed = changes.filter(c => c.change === 'extra').length;
  const written = changes.length - removed;
  io.stdout.write(
    `${plural(compiled.files.length, 'generated file')}: ${written} written, ${
      compiled.files.length - written
    } unchanged, ${removed} removed\n`,
  );
  return 0;
}

export const compileCommand: CliCommand = {
  name: 'compile',
  summary: "Generate a data project's SQL, PySpark, bundle and manifest",
  help: HELP,
  run: runCompile,
};
