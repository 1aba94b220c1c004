import { InputError } from '@backstage/errors';
import { z } from 'zod/v3';

/**
 * An action's input checked against its own zod schema, with its defaults.
 *
 * The scaffolder checks input against the JSON Schema made from the zod
 * schema, which neither applies defaults nor runs refinements; parsing it
 * again here does both, and names the field of each problem.
 */
export function parseActionInput<T extends z.ZodTypeAny>(
  schema: T,
  input: unknown,
): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(issue =>
    issue.path.length > 0
      ? `${issue.path.join('.')}: ${issue.message}`
      : issue.message,
  );
  throw new InputError(`Invalid input: ${problems.join('; ')}`);
}

/** An action's input fields, as `createTemplateAction` takes them. */
export type InputShape = Record<string, (zImpl: typeof z) => z.ZodTypeAny>;

/** The zod object of an action's input fields, for {@link parseActionInput}. */
export function inputObject<S extends InputShape>(shape: S) {
  return z.object(
    Object.fromEntries(
      Object.entries(shape).map(([key, field]) => [key, field(z)]),
    ) as { [K in keyof S]: ReturnType<S[K]> },
  );
}

/** A git branch name git and GitHub both accept. */
export const branchName = (zImpl: typeof z) =>
  zImpl
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/,
      'must be a branch name',
    )
    .refine(b => !b.includes('..') && !b.endsWith('.lock'), {
      message: 'must be a branch name',
    });
