import { CliCommand } from '../types';
import { seedCommand } from './seed';

/** Every `meshwork` subcommand, in the order `meshwork --help` lists them. */
export const commands: readonly CliCommand[] = [seedCommand];
