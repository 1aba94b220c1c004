import { CliCommand } from '../types';
import { compileCommand } from './compile';
import { contractCommand } from './contract';
import { lineageCommand } from './lineage';
import { odcsCommand } from './odcs';
import { runCommand } from './run';
import { seedCommand } from './seed';
import { seedRepoCommand } from './seedRepo';
import { standardsCommand } from './standards';
import { testCommand } from './test';
import { validateCommand } from './validate';

/** Every `meshwork` subcommand, in the order `meshwork --help` lists them. */
export const commands: readonly CliCommand[] = [
  seedCommand,
  seedRepoCommand,
  validateCommand,
  compileCommand,
  standardsCommand,
  testCommand,
  lineageCommand,
  odcsCommand,
  contractCommand,
  runCommand,
];
