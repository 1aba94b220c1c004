import {
  compileProject,
  CompiledProject,
  ProjectSourceFile,
} from '@meshwork/data-mesh-common';
import { createTwoFilesPatch } from 'diff';
import { join } from 'node:path';
import { parseProjectCommand } from '../args';
import {
  displayPath,
  plural,
  removeGeneratedFile,
  reportDiagnostics,
  writeFileAtomically,
} from '../project/projectFolder';
import {
  projectStandards,
  STANDARDS_HELP,
  STANDARDS_OPTION,
  standardsRoot,
} from '../project/projectStandards';
import { readProjectFolder } from '../../projects';
import { readStandardsLibrary } from '../../standards';
import { CliCommand, CliIo, CliUsageError } from '../types';

const HELP = `Usage: meshwork standards diff <project> --to <version> [--write]

Shows what upgrading a data project to another version of the platform
standards library changes in its generated code: a unified diff of each
generated file (SQL, PySpark, bundle, manifest) compiled against the
version meshwork.yaml pins and against <version>.

Arguments:
  <project>   The data project folder (the one holding meshwork.yaml)

Options:
  --to <version>
              The standards version to upgrade to, such as 2026.2
  --write     Upgrade: set standardsVersion in meshwork.yaml and write the
              regenerated files (nothing is written if the upgraded
              project has errors)
${STANDARDS_HELP}
  -h, --help  Show this help
`;

/** meshwork.yaml with `standardsVersion` set to `version`, the rest as written. */
export function withStandardsVersion(text: string, version: string): string {
  const line = `standardsVersion: "${version}"`;
  if (/^standardsVersion:.*$/m.test(text)) {
    return text.replace(/^standardsVersion:.*$/m, line);
  }
  return /^engine:/m.test(text)
    ? text.replace(/^engine:/m, `${line}\nengine:`)
    : `${text.replace(/\n*$/, '\n')}${line}\n`;
}

/** The unified diff between two compilations' files, one patch per changed file. */
export function generatedCodeDiff(
  before: CompiledProject['files'],
  after: CompiledProject['files'],
  labels: { before: string; after: string },
): { patch: string; changed: string[] } {
  const old = new Map(before.map(f => [f.path, f.content]));
  const now = new Map(after.map(f => [f.path, f.content]));
  const paths = [...new Set([...old.keys(), ...now.keys()])].sort();
  const changed = paths.filter(p => old.get(p) !== now.get(p));
  const patch = changed
    .map(path =>
      createTwoFilesPatch(
        old.has(path) ? `a/${path}` : '/dev/null',
        now.has(path) ? `b/${path}` : '/dev/null',
        old.get(path) ?? '',
        now.get(path) ?? '',
        labels.before,
        labels.after,
      ),
    )
    .join('');
  return { patch, changed };
}

async function runStandardsDiff(args: string[], io: CliIo): Promise<number> {
  const { values, project } = parseProjectCommand(args, {
    to: { type: 'string' },
    write: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
    ...STANDARDS_OPTION,
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (values.to === undefined) {
    throw new CliUsageError(
      'missing --to <version>, the version to upgrade to',
    );
  }
  const files = await readProjectFolder(project);
  const current = await projectStandards(files, values.standards, io);
  const before = compileProject(files, current.options);
  if (reportDiagnostics(project, before.diagnostics, io) + current.errors > 0) {
    io.stderr.write(`meshwork: ${project} has errors; fix them first\n`);
    return 1;
  }
  const root = standardsRoot(values.standards);
  const target = await readStandardsLibrary(root, values.to);
  if (reportDiagnostics(join(root, values.to), target.diagnostics, io) > 0) {
    return 1;
  }
  const upgraded: ProjectSourceFile[] = files.map(f =>
    f.path === 'meshwork.yaml'
      ? { ...f, text: withStandardsVersion(f.text, values.to!) }
      : f,
  );
  const after = compileProject(upgraded, {
    standards: target.library,
    knownStandardsVersions: current.options.knownStandardsVersions,
  });
  if (reportDiagnostics(project, after.diagnostics, io) > 0) {
    io.stderr.write(
      `meshwork: ${project} has errors on standards ${values.to}; nothing was written\n`,
    );
    return 1;
  }
  const from = current.version ?? 'none';
  const { patch, changed } = generatedCodeDiff(before.files, after.files, {
    before: `standards ${from}`,
    after: `standards ${values.to}`,
  });
  io.stdout.write(patch);
  io.stdout.write(
    `standards ${from} → ${values.to}: ${plural(
      changed.length,
      'generated file',
    )} change\n`,
  );
  if (!values.write) return 0;

  const meshwork = upgraded.find(f => f.path === 'meshwork.yaml')!;
  await writeFileAtomically(join(project, 'meshwork.yaml'), meshwork.text);
  const produced = new Map(after.files.map(f => [f.path, f.content]));
  for (const path of changed) {
    const content = produced.get(path);
    if (content === undefined) {
      await removeGeneratedFile(project, path);
    } else {
      await writeFileAtomically(join(project, ...path.split('/')), content);
    }
  }
  io.stdout.write(
    `wrote ${displayPath(project, 'meshwork.yaml')} and ${plural(
      changed.length,
      'generated file',
    )}\n`,
  );
  return 0;
}

async function runStandards(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    if (sub === undefined) throw new CliUsageError('missing diff');
    io.stdout.write(HELP);
    return 0;
  }
  if (sub === 'diff') return runStandardsDiff(rest, io);
  throw new CliUsageError(`unknown standards command '${sub}'; use diff`);
}

export const standardsCommand: CliCommand = {
  name: 'standards',
  summary:
    'Show (and apply) what a standards library upgrade changes in generated code',
  help: HELP,
  run: runStandards,
};
