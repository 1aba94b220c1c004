import {
  DEMO_DEFAULT_SEED,
  seedDemoWarehouse,
  SeedDemoWarehouseResult,
} from '../../demo';
import { integerOption, parseOptions } from '../args';
import { CliCommand, CliIo, CliUsageError } from '../types';

const HELP = `Usage: meshwork seed --warehouse <file> [--scale <n>] [--seed <n>] [--force]

Writes the demo warehouse: a DuckDB file with the bronze tables of the Hello
World sales project (customers, accounts, products, orders, order_lines),
generated deterministically from the seed. Re-running with the same seed and
scale leaves an up-to-date file alone.

Options:
  --warehouse <file>  The DuckDB file to write; parent folders are created
  --scale <n>         Size multiplier, a positive integer (default 1: about
                      1,000 customers, 20,000 orders and 60,000 order lines)
  --seed <n>          Generator seed, a non-negative integer (default ${DEMO_DEFAULT_SEED})
  --force             Replace a DuckDB file that holds other data
  -h, --help          Show this help
`;

const numbers = new Intl.NumberFormat('en-US');

/** The one-line report of a seeding. */
export function seedSummary(result: SeedDemoWarehouseResult): string {
  const totalRows = result.tables.reduce((sum, table) => sum + table.rows, 0);
  const perTable = result.tables
    .map(table => `${table.name} ${numbers.format(table.rows)}`)
    .join(', ');
  const verb = result.outcome === 'seeded' ? 'Seeded' : 'Up to date:';
  return (
    `${verb} ${result.path} (seed ${result.seed}, scale ${result.scale}): ` +
    `${result.tables.length} tables, ${numbers.format(
      totalRows,
    )} rows (${perTable}), ` +
    `checksum ${result.checksum}, ${(result.durationMs / 1000).toFixed(1)} s`
  );
}

async function runSeed(args: string[], io: CliIo): Promise<number> {
  const options = parseOptions(args, {
    warehouse: { type: 'string' },
    scale: { type: 'string' },
    seed: { type: 'string' },
    force: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (options.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (!options.warehouse) {
    throw new CliUsageError('--warehouse <file> is required');
  }
  const result = await seedDemoWarehouse({
    path: options.warehouse,
    scale: integerOption('scale', options.scale, {
      min: 1,
      description: 'a positive integer',
    }),
    seed: integerOption('seed', options.seed, {
      min: 0,
      description: 'a non-negative integer',
    }),
    force: options.force ?? false,
  });
  io.stdout.write(`${seedSummary(result)}\n`);
  return 0;
}

export const seedCommand: CliCommand = {
  name: 'seed',
  summary: 'Write the deterministic demo warehouse (DuckDB)',
  help: HELP,
  run: runSeed,
};
