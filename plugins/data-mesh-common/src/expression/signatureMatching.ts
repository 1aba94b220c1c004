/**
 * Matching a call's arguments against a function's signatures: arity,
 * argument types, type variables, and the conversions Spark applies
 * implicitly (which DuckDB needs spelt out).
 */
import type {
  ArgumentInfo,
  FunctionDefinition,
  FunctionParameter,
  FunctionSignature,
  ParameterType,
  ReturnType,
} from './functions/definition';
import { formatSignature } from './functions/definition';
import { commonSupertype } from './typeRules';
import {
  formatSqlType,
  isIntegralType,
  isNarrowIntegerType,
  isNumericType,
  isWildcardType,
  SqlType,
  SqlTypes,
  sqlTypesEqual,
} from './types';

/** A successful match. */
export interface SignatureMatch {
  readonly signature: FunctionSignature;
  readonly returnType: SqlType;
  /** Per argument, the type Spark implicitly converts it to, if any. */
  readonly conversions: ReadonlyArray<SqlType | undefined>;
}

/** Why no signature matched. */
export interface SignatureMismatch {
  readonly code: 'arity' | 'type';
  readonly message: string;
  /** The offending argument, or undefined for the call as a whole. */
  readonly argument?: number;
}

/** Matches `args` against the signatures of `definition`, first match wins. */
export function matchSignatures(
  definition: FunctionDefinition,
  args: readonly ArgumentInfo[],
): SignatureMatch | SignatureMismatch {
  const candidates = definition.signatures.filter(signature =>
    acceptsArgumentCount(signature, args.length),
  );
  if (!candidates.length) {
    return {
      code: 'arity',
      message: `${definition.name} expects ${describeArity(
        definition.signatures,
      )} but got ${args.length}`,
    };
  }
  const mismatches: SignatureMismatch[] = [];
  for (const signature of candidates) {
    const result = matchSignature(definition.name, signature, args);
    if ('returnType' in result) return result;
    mismatches.push(result);
  }
  if (mismatches.length === 1) return mismatches[0];
  const given = args.map(arg => formatSqlType(arg.type)).join(', ');
  const variants = candidates
    .map(signature => formatSignature(definition.name, signature))
    .join('; ');
  return {
    code: 'type',
    message: `no variant of ${definition.name} accepts (${given}); it takes ${variants}`,
  };
}

function acceptsArgumentCount(
  signature: FunctionSignature,
  count: number,
): boolean {
  const { min, max } = arity(signature);
  return count >= min && count <= max;
}

function arity(signature: FunctionSignature): { min: number; max: number } {
  const { parameters } = signature;
  const required = parameters.filter(p => !p.optional).length;
  const variadic = parameters.some(p => p.variadic);
  return { min: required, max: variadic ? Infinity : parameters.length };
}

/** "1 argument", "2 or 3 arguments", "at least 2 arguments", "no arguments". */
function describeArity(signatures: readonly FunctionSignature[]): string {
  const ranges = signatures.map(arity);
  const min = Math.min(...ranges.map(r => r.min));
  if (ranges.some(r => r.max === Infinity)) {
    return `at least ${min} argument${min === 1 ? '' : 's'}`;
  }
  const counts = new Set<number>();
  for (const range of ranges) {
    for (let n = range.min; n <= range.max; n++) counts.add(n);
  }
  const sorted = [...counts].sort((a, b) => a - b);
  if (sorted.length === 1 && sorted[0] === 0) return 'no arguments';
  const list =
    sorted.length === 1
      ? `${sorted[0]}`
      : `${sorted.slice(0, -1).join(', ')} or ${sorted[sorted.length - 1]}`;
  return `${list} argument${sorted.length === 1 && sorted[0] === 1 ? '' : 's'}`;
}

function parameterAt(
  signature: FunctionSignature,
  index: number,
): FunctionParameter {
  const { parameters } = signature;
  return parameters[Math.min(index, parameters.length - 1)];
}

function matchSignature(
  name: string,
  signature: FunctionSignature,
  args: readonly ArgumentInfo[],
): SignatureMatch | SignatureMismatch {
  // Resolve the type variables first: T and N take the common type of all
  // the arguments they stand for.
  let typeT: SqlType = SqlTypes.null;
  let typeN: SqlType = SqlTypes.null;
  for (let i = 0; i < args.length; i++) {
    const parameter = parameterAt(signature, i);
    const type = args[i].type;
    if (parameter.literal && !args[i].literal) {
      return typeMismatch(
        `argument \`${parameter.name}\` of ${name} must be a literal`,
        i,
      );
    }
    if (type.kind === 'interval') return intervalMismatch(i);
    if (parameter.type === 'T' || parameter.type === 'array<T>') {
      let elementType: SqlType = type;
      if (parameter.type === 'array<T>') {
        if (isWildcardType(type)) continue;
        if (type.kind !== 'array') {
          return typeMismatch(
            `argument \`${
              parameter.name
            }\` of ${name} must be an array but is ${formatSqlType(type)}`,
            i,
          );
        }
        elementType = type.element;
      }
      const common = commonSupertype(typeT, elementType);
      if (!common) {
        return typeMismatch(
          `arguments of ${name} have incompatible types ${formatSqlType(
            typeT,
          )} and ${formatSqlType(elementType)}`,
          i,
        );
      }
      typeT = common;
    } else if (parameter.type === 'N') {
      if (!isNumericType(type) && !isWildcardType(type)) {
        return typeMismatch(
          `argument \`${
            parameter.name
          }\` of ${name} must be a number but is ${formatSqlType(type)}`,
          i,
        );
      }
      typeN = commonSupertype(typeN, type) ?? SqlTypes.unknown;
    }
  }

  const conversions: Array<SqlType | undefined> = [];
  for (let i = 0; i < args.length; i++) {
    const parameter = parameterAt(signature, i);
    const accepted = accepts(parameter.type, args[i].type);
    if (!accepted.ok) {
      return typeMismatch(
        `argument \`${
          parameter.name
        }\` of ${name} must be ${describeParameterType(
          parameter.type,
        )} but is ${formatSqlType(args[i].type)}`,
        i,
      );
    }
    conversions.push(
      accepted.conversion ??
        widenedNarrowInteger(parameter.type, args[i].type, typeT, typeN),
    );
  }
  return {
    signature,
    returnType: resolveReturnType(signature.returns, typeT, typeN, args),
    conversions,
  };
}

/**
 * The type a tinyint or smallint argument of a `T` or `N` parameter widens
 * to when the other arguments are wider (`greatest(1Y, 1000)` is an int).
 * DuckDB needs it written out: it narrows an integer literal next to a
 * TINYINT to a TINYINT instead.
 */
function widenedNarrowInteger(
  parameterType: ParameterType,
  type: SqlType,
  typeT: SqlType,
  typeN: SqlType,
): SqlType | undefined {
  if (!isNarrowIntegerType(type)) return undefined;
  const resolvedTypes: Partial<Record<ParameterType, SqlType>> = {
    T: typeT,
    N: typeN,
  };
  const resolved = resolvedTypes[parameterType];
  return resolved && isNumericType(resolved) && !sqlTypesEqual(resolved, type)
    ? resolved
    : undefined;
}

function typeMismatch(message: string, argument: number): SignatureMismatch {
  return { code: 'type', message, argument };
}

function intervalMismatch(argument: number): SignatureMismatch {
  return typeMismatch(
    'an interval can only be added to or subtracted from a date or timestamp',
    argument,
  );
}

/** The type a string argument is read as for a number parameter. */
const STRING_PARAMETER_TYPES: Partial<Record<ParameterType, SqlType>> = {
  int: SqlTypes.int,
  bigint: SqlTypes.bigint,
  integral: SqlTypes.bigint,
  double: SqlTypes.double,
  numeric: SqlTypes.double,
};

/** The type a NULL argument takes for a parameter of a fixed type. */
const NULL_PARAMETER_TYPES: Partial<Record<ParameterType, SqlType>> = {
  string: SqlTypes.string,
  boolean: SqlTypes.boolean,
  int: SqlTypes.int,
  bigint: SqlTypes.bigint,
  integral: SqlTypes.bigint,
  double: SqlTypes.double,
  numeric: SqlTypes.double,
  date: SqlTypes.date,
  timestamp: SqlTypes.timestamp,
  'array<string>': SqlTypes.array(SqlTypes.string),
};

/** Whether a parameter accepts a value of `type`, and how it converts it. */
function accepts(
  parameterType: ParameterType,
  type: SqlType,
): { ok: boolean; conversion?: SqlType } {
  // A bare NULL gets the parameter's type, as Spark types it, so that
  // dialects that need it can write a typed NULL (DuckDB binds
  // `date_add(NULL, 1)` as an integer addition otherwise).
  if (type.kind === 'null') {
    const concrete = NULL_PARAMETER_TYPES[parameterType];
    return concrete ? { ok: true, conversion: concrete } : { ok: true };
  }
  if (isWildcardType(type)) return { ok: true };
  // Spark (ANSI mode) reads a string where a function expects a number
  // (`date_add(d, '1')`); an invalid string raises at run time.
  const fromString = STRING_PARAMETER_TYPES[parameterType];
  if (type.kind === 'string' && fromString) {
    return { ok: true, conversion: fromString };
  }
  switch (parameterType) {
    case 'any':
    case 'T':
    case 'N':
    case 'array<T>':
      return { ok: true };
    case 'scalar':
      return { ok: type.kind !== 'array' };
    case 'int':
      // Spark widens a tinyint or smallint where an int is expected.
      return isNarrowIntegerType(type)
        ? { ok: true, conversion: SqlTypes.int }
        : { ok: type.kind === parameterType };
    case 'string':
    case 'boolean':
      return { ok: type.kind === parameterType };
    case 'bigint':
    case 'integral':
      return { ok: isIntegralType(type) };
    case 'double':
    case 'numeric':
      return { ok: isNumericType(type) };
    case 'date':
      if (type.kind === 'date') return { ok: true };
      return type.kind === 'timestamp' || type.kind === 'string'
        ? { ok: true, conversion: SqlTypes.date }
        : { ok: false };
    case 'timestamp':
      if (type.kind === 'timestamp') return { ok: true };
      return type.kind === 'date' || type.kind === 'string'
        ? { ok: true, conversion: SqlTypes.timestamp }
        : { ok: false };
    case 'array<string>':
      return {
        ok:
          type.kind === 'array' &&
          (type.element.kind === 'string' || isWildcardType(type.element)),
      };
    default:
      return { ok: false };
  }
}

/** How messages name what a parameter accepts. */
export function describeParameterType(parameterType: ParameterType): string {
  switch (parameterType) {
    case 'any':
    case 'T':
      return 'a value';
    case 'scalar':
      return 'a value that is not an array';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'a boolean';
    case 'int':
      return 'an int';
    case 'bigint':
    case 'integral':
      return 'an int or bigint';
    case 'double':
    case 'numeric':
    case 'N':
      return 'a number';
    case 'date':
      return 'a date';
    case 'timestamp':
      return 'a timestamp';
    case 'array<T>':
      return 'an array';
    case 'array<string>':
      return 'an array of strings';
    default:
      return parameterType;
  }
}

function resolveReturnType(
  returns: ReturnType,
  typeT: SqlType,
  typeN: SqlType,
  args: readonly ArgumentInfo[],
): SqlType {
  if (returns === 'T') return typeT;
  if (returns === 'N') return typeN;
  if (returns === 'array<T>') return SqlTypes.array(typeT);
  if ('infer' in returns) return returns.infer(args);
  return returns;
}
