import { InputError } from '@backstage/errors';
import { z } from 'zod';

/**
 * The input parsed by `schema`, or an InputError (400) naming each field
 * that is wrong: `limit: Too big: expected number to be <=500`.
 */
export function parseInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
  what: string,
): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(issue => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  throw new InputError(`Invalid ${what}: ${problems.join('; ')}`);
}
