import type { JsonObject, JsonValue } from '@backstage/types';

/**
 * A small draft-07 JSON Schema validator for the keywords that Meshwork's
 * bundle schemas use. It lives here because data-mesh-common runs in the
 * browser too and declares no schema-validator dependency; tests check that
 * its verdicts match Ajv's on the same schemas.
 */

/**
 * One violation of a JSON schema.
 *
 * @public
 */
export interface JsonSchemaViolation {
  /** JSON pointer to the offending value, e.g. `/resources/jobs/x/tasks/0`. */
  instancePath: string;
  message: string;
}

/** Keywords this validator understands; any other makes it throw. */
export const SUPPORTED_KEYWORDS = new Set([
  '$schema',
  '$id',
  '$ref',
  'definitions',
  'title',
  'description',
  'type',
  'enum',
  'const',
  'properties',
  'patternProperties',
  'additionalProperties',
  'required',
  'minProperties',
  'maxProperties',
  'items',
  'minItems',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'oneOf',
]);

const escapePointer = (key: string) =>
  key.replace(/~/g, '~0').replace(/\//g, '~1');

function typeOf(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'array';
  }
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  if (type === 'integer') {
    return Number.isInteger(value);
  }
  return typeOf(value) === type;
}

function resolveRef(root: JsonObject, ref: string): JsonObject {
  if (!ref.startsWith('#/')) {
    throw new Error(`Only local $refs are supported, got ${ref}`);
  }
  let target: JsonValue | undefined = root;
  for (const part of ref.slice(2).split('/')) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    target = (target as JsonObject | undefined)?.[key];
  }
  if (typeof target !== 'object' || target === null || Array.isArray(target)) {
    throw new Error(`Unresolvable $ref ${ref}`);
  }
  return target;
}

function validateNode(
  schema: JsonObject,
  value: unknown,
  path: string,
  root: JsonObject,
  out: JsonSchemaViolation[],
): void {
  for (const keyword of Object.keys(schema)) {
    if (!SUPPORTED_KEYWORDS.has(keyword)) {
      throw new Error(`Unsupported JSON schema keyword "${keyword}"`);
    }
  }
  const fail = (message: string, at = path) =>
    out.push({ instancePath: at, message });

  if (typeof schema.$ref === 'string') {
    validateNode(resolveRef(root, schema.$ref), value, path, root, out);
  }
  if (schema.type !== undefined) {
    const types = ([] as JsonValue[]).concat(schema.type) as string[];
    if (!types.some(type => hasType(value, type))) {
      fail(`must be ${types.join(' or ')}`);
      // Other keywords would only repeat the same problem in other words.
      return;
    }
  }
  if (schema.enum !== undefined) {
    const allowed = schema.enum as JsonValue[];
    if (!allowed.some(a => a === value)) {
      fail(`must be one of ${allowed.map(a => JSON.stringify(a)).join(', ')}`);
    }
  }
  if (schema.const !== undefined && schema.const !== value) {
    fail(`must be ${JSON.stringify(schema.const)}`);
  }

  if (typeof value === 'string') {
    if (
      typeof schema.minLength === 'number' &&
      value.length < schema.minLength
    ) {
      fail(`must have at least ${schema.minLength} characters`);
    }
    if (
      typeof schema.maxLength === 'number' &&
      value.length > schema.maxLength
    ) {
      fail(`must have at most ${schema.maxLength} characters`);
    }
    if (
      typeof schema.pattern === 'string' &&
      !new RegExp(schema.pattern, 'u').test(value)
    ) {
      fail(`must match pattern "${schema.pattern}"`);
    }
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) {
      fail(`must be >= ${schema.minimum}`);
    }
    if (typeof schema.maximum === 'number' && value > schema.maximum) {
      fail(`must be <= ${schema.maximum}`);
    }
  }

  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) {
      fail(`must have at least ${schema.minItems} items`);
    }
    if (schema.items !== undefined) {
      value.forEach((item, index) =>
        validateNode(
          schema.items as JsonObject,
          item,
          `${path}/${index}`,
          root,
          out,
        ),
      );
    }
  }

  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object);
    const properties = (schema.properties ?? {}) as JsonObject;
    const patterns = Object.entries(
      (schema.patternProperties ?? {}) as JsonObject,
    );

    for (const name of (schema.required ?? []) as string[]) {
      if (!(name in object)) {
        fail(`must have required property "${name}"`);
      }
    }
    if (
      typeof schema.minProperties === 'number' &&
      keys.length < schema.minProperties
    ) {
      fail(`must have at least ${schema.minProperties} properties`);
    }
    if (
      typeof schema.maxProperties === 'number' &&
      keys.length > schema.maxProperties
    ) {
      fail(`must have at most ${schema.maxProperties} properties`);
    }
    for (const key of keys) {
      const at = `${path}/${escapePointer(key)}`;
      let matched = false;
      if (Object.prototype.hasOwnProperty.call(properties, key)) {
        matched = true;
        validateNode(properties[key] as JsonObject, object[key], at, root, out);
      }
      for (const [pattern, propertySchema] of patterns) {
        if (new RegExp(pattern, 'u').test(key)) {
          matched = true;
          validateNode(
            propertySchema as JsonObject,
            object[key],
            at,
            root,
            out,
          );
        }
      }
      if (!matched && schema.additionalProperties !== undefined) {
        if (schema.additionalProperties === false) {
          fail(`must NOT have additional property "${key}"`);
        } else if (schema.additionalProperties !== true) {
          validateNode(
            schema.additionalProperties as JsonObject,
            object[key],
            at,
            root,
            out,
          );
        }
      }
    }
  }

  if (schema.oneOf !== undefined) {
    const matches = (schema.oneOf as JsonObject[]).filter(branch => {
      const branchErrors: JsonSchemaViolation[] = [];
      validateNode(branch, value, path, root, branchErrors);
      return branchErrors.length === 0;
    }).length;
    if (matches !== 1) {
      fail(`must match exactly one schema in oneOf (matched ${matches})`);
    }
  }
}

/**
 * Validates a value against a draft-07 JSON schema that uses only the
 * {@link SUPPORTED_KEYWORDS}, and lists every violation (empty: valid).
 *
 * @public
 */
export function validateJsonSchema(
  schema: JsonObject,
  value: unknown,
): JsonSchemaViolation[] {
  const violations: JsonSchemaViolation[] = [];
  validateNode(schema, value, '', schema, violations);
  return violations;
}
