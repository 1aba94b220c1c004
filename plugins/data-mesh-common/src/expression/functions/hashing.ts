import { SqlTypes } from '../types';
import { literal, numberArgument, param, signature } from './define';
import type { FunctionDefinition } from './definition';

const { string } = SqlTypes;

/** Spark's sha2 bit lengths that DuckDB can compute (0 means 256). */
const SUPPORTED_SHA2_BITS = [0, 256];

/** Hashing and encoding functions; strings are hashed as UTF-8 bytes. */
export const hashingFunctions: readonly FunctionDefinition[] = [
  {
    name: 'md5',
    category: 'hashing',
    kind: 'scalar',
    description: 'The MD5 digest of the string, as 32 lower-case hex digits.',
    signatures: [signature([param('str', 'string')], string)],
    example: "md5('mesh')",
  },
  {
    name: 'sha1',
    aliases: ['sha'],
    category: 'hashing',
    kind: 'scalar',
    description: 'The SHA-1 digest of the string, as 40 lower-case hex digits.',
    signatures: [signature([param('str', 'string')], string)],
    example: "sha1('mesh')",
    render: { duckdb: context => context.call('sha1') },
  },
  {
    name: 'sha2',
    category: 'hashing',
    kind: 'scalar',
    description:
      'The SHA-2 digest of the string as lower-case hex digits; `bits` must be 256 (or 0).',
    signatures: [
      signature([param('str', 'string'), literal('bits', 'int')], string),
    ],
    example: "sha2('mesh', 256)",
    notes:
      'Spark also offers 224, 384 and 512 bits, which DuckDB cannot compute.',
    validate: args => {
      const bits = numberArgument(args, 1);
      return bits !== undefined && SUPPORTED_SHA2_BITS.includes(bits)
        ? undefined
        : {
            message:
              'sha2 supports 256 bits only (DuckDB has no SHA-224, SHA-384 or SHA-512)',
            argument: 1,
          };
    },
    render: {
      duckdb: context => context.call('sha256', [context.args[0].sql]),
    },
  },
  {
    name: 'base64',
    category: 'hashing',
    kind: 'scalar',
    description: 'The UTF-8 bytes of the string in Base64.',
    signatures: [signature([param('str', 'string')], string)],
    example: "base64('mesh')",
    render: { duckdb: context => `to_base64(encode(${context.args[0].sql}))` },
  },
  {
    name: 'hex',
    category: 'hashing',
    kind: 'scalar',
    description: 'The UTF-8 bytes of the string as upper-case hex digits.',
    signatures: [signature([param('str', 'string')], string)],
    example: "hex('mesh')",
  },
];
