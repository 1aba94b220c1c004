import {
  compileProject,
  ContractChange,
  describeContractChange,
  diffContracts,
  manifestContracts,
  subscribersOfChange,
} from '@meshwork/data-mesh-common';
import {
  GitRefError,
  readProjectAtGitRef,
  readProjectFolder,
} from '../../projects';
import { parseArgumentsCommand } from '../args';
import {
  apiSubscriptionSource,
  ContractSubscriptionSource,
  fileSubscriptionSource,
} from '../contract/subscriptionSources';
import { CliIo, CliUsageError } from '../types';
import {
  projectStandards,
  STANDARDS_HELP,
  STANDARDS_OPTION,
} from '../project/projectStandards';

export const CONTRACT_DIFF_HELP = `Usage: meshwork contract diff <project> --base <git ref> [options]

Compares the contracts of a data project's datasets in the working tree with
those at a git ref, and lists each change with the subscribed teams that use
what it affects. Breaking changes: a dataset or column removed, a column
renamed, a type narrowed, a column made nullable, an SLA loosened.

Exit status: 0 when nothing breaks, 1 when a change breaks a contract (or on
an error), 2 when the command is called wrongly.

Arguments:
  <project>                   The data project folder, inside a git repository

Options:
  --base <git ref>            The commit to compare with: a branch, tag,
                              commit id, HEAD, HEAD~1 (required)
  --api <url>                 Read approved subscriptions from the data-mesh
                              API, e.g. http://localhost:7007/api/data-mesh
  --token <token>             A Backstage token for --api (default the
                              MESHWORK_TOKEN environment variable)
  --subscriptions <file>      Read approved subscriptions from a JSON file: a
                              list of { dataset, team, columns? }
${STANDARDS_HELP}
  -h, --help                  Show this help
`;

const OPTIONS = {
  base: { type: 'string' },
  api: { type: 'string' },
  token: { type: 'string' },
  subscriptions: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  ...STANDARDS_OPTION,
} as const;

/** What tests put in place of the sources the options name. */
export interface ContractDiffDependencies {
  subscriptions?: ContractSubscriptionSource;
  /** The environment, for `MESHWORK_TOKEN`. */
  env?: Record<string, string | undefined>;
}

function subscriptionSourceOf(
  values: { api?: string; token?: string; subscriptions?: string },
  env: Record<string, string | undefined>,
): ContractSubscriptionSource | undefined {
  if (values.api !== undefined && values.subscriptions !== undefined) {
    throw new CliUsageError('give --api or --subscriptions, not both');
  }
  if (values.token !== undefined && values.api === undefined) {
    throw new CliUsageError('--token is for --api');
  }
  if (values.subscriptions !== undefined) {
    return fileSubscriptionSource(values.subscriptions);
  }
  if (values.api !== undefined) {
    if (!/^https?:\/\//.test(values.api)) {
      throw new CliUsageError(
        `--api must be an http(s) URL, got '${values.api}'`,
      );
    }
    return apiSubscriptionSource({
      baseUrl: values.api,
      token: values.token ?? env.MESHWORK_TOKEN,
    });
  }
  return undefined;
}

function writeChange(
  io: CliIo,
  change: ContractChange,
  subscribers: readonly string[] | undefined,
) {
  io.stdout.write(`  ${describeContractChange(change)}\n`);
  if (subscribers === undefined) return;
  io.stdout.write(
    subscribers.length > 0
      ? `    subscribed: ${subscribers.join(', ')}\n`
      : '    subscribed: none\n',
  );
}

/** `meshwork contract diff`: see {@link CONTRACT_DIFF_HELP}. */
export async function runContractDiff(
  args: string[],
  io: CliIo,
  dependencies: ContractDiffDependencies = {},
): Promise<number> {
  const { values, positionals } = parseArgumentsCommand(args, OPTIONS, [
    'project',
  ]);
  if (values.help) {
    io.stdout.write(CONTRACT_DIFF_HELP);
    return 0;
  }
  const [project] = positionals;
  if (values.base === undefined || values.base.trim() === '') {
    throw new CliUsageError(
      'missing --base <git ref>, the commit to compare with',
    );
  }
  const source =
    dependencies.subscriptions ??
    subscriptionSourceOf(values, dependencies.env ?? process.env);

  // Sources only: generated files may be stale, the compiler is not.
  const head = await readProjectFolder(project, { sourcesOnly: true });
  let base;
  try {
    base = await readProjectAtGitRef(project, values.base, {
      sourcesOnly: true,
    });
  } catch (error) {
    if (error instanceof GitRefError) {
      throw new CliUsageError(`--base: ${error.message}`);
    }
    throw error;
  }
  // Each side with the standards version it pins: an upgrade of the
  // library can change contracts too.
  const headManifest = compileProject(
    head,
    (await projectStandards(head, values.standards, io)).options,
  ).manifest;
  const baseManifest = compileProject(
    base,
    (await projectStandards(base, values.standards, io)).options,
  ).manifest;
  const changes = diffContracts(
    manifestContracts(baseManifest),
    manifestContracts(headManifest),
  );
  // A project without a readable meshwork.yaml has no name to look up.
  const projectName = headManifest.project?.name ?? baseManifest.project?.name;
  const subscriptions =
    source && projectName !== undefined
      ? await source.approvedSubscriptions(projectName)
      : undefined;
  const subscribersOf = (change: ContractChange) =>
    subscriptions && subscribersOfChange(change, subscriptions);

  const breaking = changes.filter(c => c.breaking);
  const others = changes.filter(c => !c.breaking);
  if (changes.length === 0) {
    io.stdout.write(`no contract changes since ${values.base}\n`);
    return 0;
  }
  if (breaking.length > 0) {
    io.stdout.write(
      `${breaking.length} breaking contract change${
        breaking.length === 1 ? '' : 's'
      } since ${values.base}:\n`,
    );
    for (const change of breaking)
      writeChange(io, change, subscribersOf(change));
  }
  if (others.length > 0) {
    io.stdout.write(`other contract changes since ${values.base}:\n`);
    for (const change of others) writeChange(io, change, undefined);
  }
  if (!source && breaking.length > 0) {
    io.stdout.write(
      'subscribers not checked: give --api or --subscriptions to name them\n',
    );
  }
  return breaking.length > 0 ? 1 : 0;
}
