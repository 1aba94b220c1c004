import {
  compileProject,
  datasetToOdcs,
  renderOdcsYaml,
  validateOdcs,
} from '@meshwork/data-mesh-common';
import { resolve } from 'node:path';
import { readProjectFolder } from '../../projects';
import {
  reportDiagnostics,
  writeFileAtomically,
} from '../project/projectFolder';
import { parseArgumentsCommand } from '../args';
import { CliIo } from '../types';
import {
  projectStandards,
  STANDARDS_HELP,
  STANDARDS_OPTION,
} from '../project/projectStandards';

export const ODCS_EXPORT_HELP = `Usage: meshwork odcs export <project> <dataset> [--out <file>] [--standards <dir>]

Writes a dataset's contract as an Open Data Contract Standard (ODCS) v3.1.0
document in YAML: its table and columns (Spark SQL types, descriptions,
classification, tags, and for derived columns the lineage formula and source
columns), quality rules, freshness SLA, owning team and domain. The document
is checked against the ODCS JSON Schema before it is written.

Arguments:
  <project>                   The data project folder
  <dataset>                   The dataset's name (datasets/<name>.dataset.yaml)

Options:
  --out <file>                Write to this file (atomically) instead of stdout
  --contract-version <v>      The contract's version (default 1.0.0)
${STANDARDS_HELP}
  -h, --help                  Show this help
`;

const OPTIONS = {
  out: { type: 'string' },
  'contract-version': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  ...STANDARDS_OPTION,
} as const;

/** `meshwork odcs export`: see {@link ODCS_EXPORT_HELP}. */
export async function runOdcsExport(
  args: string[],
  io: CliIo,
): Promise<number> {
  const { values, positionals } = parseArgumentsCommand(args, OPTIONS, [
    'project',
    'dataset',
  ]);
  if (values.help) {
    io.stdout.write(ODCS_EXPORT_HELP);
    return 0;
  }
  const [project, name] = positionals;
  const files = await readProjectFolder(project);
  const standards = await projectStandards(files, values.standards, io);
  const compiled = compileProject(files, standards.options);
  if (
    reportDiagnostics(project, compiled.diagnostics, io) + standards.errors >
    0
  ) {
    io.stderr.write(`meshwork: ${project} has errors; nothing was exported\n`);
    return 1;
  }
  const { manifest } = compiled;
  const dataset = manifest.datasets.find(d => d.name === name);
  if (!dataset) {
    const names = manifest.datasets.map(d => d.name);
    throw new Error(
      `no dataset '${name}' in ${project}${
        names.length ? ` (it has ${names.join(', ')})` : ''
      }`,
    );
  }
  const document = datasetToOdcs({
    dataset,
    project: manifest.project,
    version: values['contract-version'],
  });
  const problems = validateOdcs(document);
  if (problems.length > 0) {
    // A bug in the mapping, not the user's: say so rather than write it.
    for (const problem of problems) {
      io.stderr.write(`${problem.path || '(document)'}: ${problem.message}\n`);
    }
    throw new Error(
      `the contract of '${name}' does not validate against ODCS v3.1.0; please report this`,
    );
  }
  const text = renderOdcsYaml(document);
  if (values.out === undefined) {
    io.stdout.write(text);
    return 0;
  }
  await writeFileAtomically(resolve(values.out), text);
  io.stdout.write(`wrote ${values.out}\n`);
  return 0;
}
