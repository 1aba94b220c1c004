import {
  DatasetFile,
  isPiiColumn,
  loadProject,
  odcsToDataset,
  OdcsImportNote,
  readOdcs,
  serializeProjectFile,
} from '@meshwork/data-mesh-common';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readProjectFolder } from '../../projects';
import {
  displayPath,
  plural,
  reportDiagnostics,
  writeFileAtomically,
} from '../project/projectFolder';
import { oneOfOption, parseArgumentsCommand } from '../args';
import { CliIo, CliUsageError } from '../types';
import {
  standardsRoot,
  STANDARDS_HELP,
  STANDARDS_OPTION,
} from '../project/projectStandards';
import { readProjectStandards } from '../../standards';

export const ODCS_IMPORT_HELP = `Usage: meshwork odcs import <file> <project> [--dataset <name>] [--force]

Reads an Open Data Contract Standard (ODCS) v3.x contract (YAML or JSON),
written by Meshwork or another tool, and writes it as a dataset of the
project: datasets/<name>.dataset.yaml. Columns, types (mapped to Spark SQL),
descriptions, classification, tags, quality rules Meshwork has, the
freshness SLA and the owning team are carried over; everything else is
listed with its path in the contract. An invalid contract is reported, one
problem per line with its line, column and path, and nothing is written.

Arguments:
  <file>                  The ODCS contract
  <project>               The data project folder

Options:
  --dataset <name>        The dataset's name (default: the table's name)
  --object <name>         Which table of a contract that describes several
  --layer <layer>         bronze, silver or gold (default: what a Meshwork
                          export says, else bronze)
  --visibility <v>        internal or published (default: what a Meshwork
                          export says, else internal)
  --force                 Replace the dataset file if it exists
${STANDARDS_HELP}
  -h, --help              Show this help
`;

const LAYERS = ['bronze', 'silver', 'gold'] as const;
const VISIBILITIES = ['internal', 'published'] as const;

const OPTIONS = {
  dataset: { type: 'string' },
  object: { type: 'string' },
  layer: { type: 'string' },
  visibility: { type: 'string' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  ...STANDARDS_OPTION,
} as const;

function printNotes(notes: readonly OdcsImportNote[], io: CliIo) {
  const dropped = notes.filter(n => n.kind === 'dropped');
  const changed = notes.filter(n => n.kind === 'changed');
  if (changed.length > 0) {
    io.stdout.write(`imported with changes (${changed.length}):\n`);
    for (const n of changed) io.stdout.write(`  ${n.path}: ${n.reason}\n`);
  }
  if (dropped.length > 0) {
    io.stdout.write(`not imported (${dropped.length}):\n`);
    for (const n of dropped) io.stdout.write(`  ${n.path}: ${n.reason}\n`);
  }
}

/** `meshwork odcs import`: see {@link ODCS_IMPORT_HELP}. */
export async function runOdcsImport(
  args: string[],
  io: CliIo,
): Promise<number> {
  const { values, positionals } = parseArgumentsCommand(args, OPTIONS, [
    'file',
    'project',
  ]);
  if (values.help) {
    io.stdout.write(ODCS_IMPORT_HELP);
    return 0;
  }
  const [contractFile, project] = positionals;
  const layer = oneOfOption('layer', values.layer, LAYERS);
  const visibility = oneOfOption('visibility', values.visibility, VISIBILITIES);

  let text: string;
  try {
    text = await readFile(contractFile, 'utf8');
  } catch (error) {
    throw new Error(
      `cannot read ${contractFile}: ${
        (error as NodeJS.ErrnoException).code ?? error
      }`,
    );
  }
  const read = readOdcs(text);
  if (!read.ok) {
    for (const problem of read.problems) {
      const at = problem.line ? `:${problem.line}:${problem.column}` : '';
      const where = problem.path ? ` (${problem.path})` : '';
      io.stderr.write(
        `${contractFile}${at}: error: ${problem.message}${where}\n`,
      );
    }
    io.stderr.write(
      `meshwork: ${contractFile} is not a valid ODCS contract (${plural(
        read.problems.length,
        'problem',
      )}); nothing was written\n`,
    );
    return 1;
  }

  const files = await readProjectFolder(project);
  // The library's own problems say nothing about the imported dataset.
  const { options } = await readProjectStandards(
    standardsRoot(values.standards),
    files,
  );
  const loaded = loadProject(files, options);
  const settings = loaded.project?.value;
  if (!settings) {
    throw new Error(
      `${project} has no valid meshwork.yaml; is it a data project?`,
    );
  }
  const objects = read.document.schema ?? [];
  if (values.object === undefined && objects.length > 1) {
    throw new CliUsageError(
      `the contract describes ${objects.length} tables (${objects
        .map(o => o.name)
        .join(', ')}); choose one with --object`,
    );
  }
  const { dataset, notes } = odcsToDataset(read.document, {
    object: values.object,
    name: values.dataset,
    defaultOwner: settings.owner,
    projectDomain: settings.domain,
    layer,
    visibility,
  });

  const path = `datasets/${dataset.name}.dataset.yaml`;
  const target = join(project, ...path.split('/'));
  if (!values.force && (await stat(target).catch(() => undefined))) {
    throw new Error(
      `${displayPath(
        project,
        path,
      )} exists; pass --force to replace it, or --dataset to choose another name`,
    );
  }
  // The dataset must fit the project (its table not another dataset's).
  const content = serializeProjectFile('dataset', dataset as DatasetFile);
  const withDataset = [
    ...files.filter(f => f.path !== path),
    { path, text: content },
  ];
  const problems = loadProject(withDataset, options).diagnostics.filter(
    d => d.file === path && d.severity === 'error',
  );
  if (reportDiagnostics(project, problems, io) > 0) {
    io.stderr.write(
      `meshwork: the imported dataset does not fit ${project}; nothing was written\n`,
    );
    return 1;
  }
  await writeFileAtomically(target, content);
  io.stdout.write(
    `wrote ${displayPath(project, path)}: ${plural(
      dataset.contract.columns.length,
      'column',
    )}, ${plural(dataset.contract.quality?.length ?? 0, 'quality rule')}${
      dataset.contract.columns.some(isPiiColumn) ? ', contains PII' : ''
    }\n`,
  );
  printNotes(notes, io);
  return 0;
}
