/**
 * A deliberately independent, minimal draft-07 validator for the keywords
 * the generated schemas use, so that tests check the published JSON Schema
 * itself rather than the code that generated it. Unknown keywords fail
 * loudly: a schema that used them would not be tested.
 */
type Json = { [key: string]: any };

const KNOWN = new Set([
  '$schema',
  '$id',
  'title',
  'description',
  'format',
  'type',
  'enum',
  'const',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'items',
  'minItems',
  'minLength',
  'pattern',
  'minimum',
  'maximum',
  'allOf',
  'if',
  'then',
]);

function typeMatches(type: string, value: unknown): boolean {
  switch (type) {
    case 'object':
      return (
        typeof value === 'object' && value !== null && !Array.isArray(value)
      );
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    default:
      throw new Error(`unknown type ${type}`);
  }
}

/** The paths of the values that violate `schema`; empty when valid. */
export function jsonSchemaErrors(
  schema: Json,
  value: any,
  path = '$',
): string[] {
  for (const keyword of Object.keys(schema)) {
    if (!KNOWN.has(keyword)) throw new Error(`unsupported keyword ${keyword}`);
  }
  const errors: string[] = [];
  if (schema.type !== undefined) {
    const types: string[] = Array.isArray(schema.type)
      ? schema.type
      : [schema.type];
    if (!types.some(type => typeMatches(type, value))) return [`${path}: type`];
  }
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${path}: enum`);
  if ('const' in schema && schema.const !== value)
    errors.push(`${path}: const`);
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength)
      errors.push(`${path}: minLength`);
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value))
      errors.push(`${path}: pattern`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum)
      errors.push(`${path}: minimum`);
    if (schema.maximum !== undefined && value > schema.maximum)
      errors.push(`${path}: maximum`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems)
      errors.push(`${path}: minItems`);
    if (schema.items)
      value.forEach((item, i) =>
        errors.push(...jsonSchemaErrors(schema.items, item, `${path}[${i}]`)),
      );
  }
  if (typeMatches('object', value)) {
    for (const key of schema.required ?? [])
      if (!(key in value)) errors.push(`${path}: required ${key}`);
    for (const [key, item] of Object.entries(value)) {
      const property = schema.properties?.[key];
      if (property)
        errors.push(...jsonSchemaErrors(property, item, `${path}.${key}`));
      else if (schema.additionalProperties === false)
        errors.push(`${path}.${key}: additionalProperties`);
      else if (typeof schema.additionalProperties === 'object') {
        errors.push(
          ...jsonSchemaErrors(
            schema.additionalProperties,
            item,
            `${path}.${key}`,
          ),
        );
      }
      if (schema.propertyNames)
        errors.push(
          ...jsonSchemaErrors(
            schema.propertyNames,
            key,
            `${path}.${key}(name)`,
          ),
        );
    }
  }
  for (const part of schema.allOf ?? [])
    errors.push(...jsonSchemaErrors(part, value, path));
  if (
    schema.if &&
    schema.then &&
    jsonSchemaErrors(schema.if, value, path).length === 0
  ) {
    errors.push(...jsonSchemaErrors(schema.then, value, path));
  }
  return errors;
}
