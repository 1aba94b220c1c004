import type { ProjectIssue } from '../diagnostics';
import type { TestFile } from '../schema/test';

/** The keys that name what a test file tests; a file names exactly one. */
export const TEST_SUBJECT_KINDS = ['pipeline', 'subgraph', 'rule'] as const;

/**
 * What a test file tests: the kind and name of its subject, or `undefined`
 * when the file names none (which its parse reports).
 *
 * @public
 */
export function testFileSubject(
  file: TestFile,
): { kind: 'pipeline' | 'subgraph' | 'rule'; name: string } | undefined {
  for (const kind of TEST_SUBJECT_KINDS) {
    const name = file[kind];
    if (name !== undefined) return { kind, name };
  }
  return undefined;
}

/** The only key of a rule test's `given`: the rows the rule reads. */
export const RULE_TEST_INPUT = 'input';

/**
 * Checks a validated test file on its own: one subject, unique test names,
 * and for a rule the shape its tests need. Whether the subject, its nodes
 * and datasets exist is a project-level check.
 */
export function checkTestFile(file: TestFile): ProjectIssue[] {
  const issues: ProjectIssue[] = [];
  const subjects = TEST_SUBJECT_KINDS.filter(kind => file[kind] !== undefined);
  if (subjects.length === 0) {
    issues.push({
      path: [],
      code: 'invalid-value',
      message:
        'a test file names what it tests: one of "pipeline", "subgraph" or "rule"',
    });
  }
  for (const extra of subjects.slice(1)) {
    issues.push({
      path: [extra],
      target: 'key',
      code: 'invalid-value',
      message: `a test file tests one thing; it already names ${subjects[0]} "${
        file[subjects[0]]
      }"`,
    });
  }
  const names = new Map<string, number>();
  file.tests.forEach((test, index) => {
    const earlier = names.get(test.name);
    if (earlier !== undefined) {
      issues.push({
        path: ['tests', index, 'name'],
        code: 'duplicate-id',
        message: `test "${test.name}" is already the name of test ${
          earlier + 1
        }`,
      });
    } else {
      names.set(test.name, index);
    }
    if (subjects[0] !== 'rule') return;
    for (const key of Object.keys(test.given ?? {})) {
      if (key === RULE_TEST_INPUT) continue;
      issues.push({
        path: ['tests', index, 'given', key],
        target: 'key',
        code: 'invalid-value',
        message: `a rule reads one table of rows: give them under "${RULE_TEST_INPUT}", not "${key}"`,
      });
    }
    if (test.expect.node !== undefined) {
      issues.push({
        path: ['tests', index, 'expect', 'node'],
        target: 'key',
        code: 'invalid-value',
        message:
          "a rule has one output, its inputs with the rule's value added: leave out expect.node",
      });
    }
    if (test.parameters !== undefined) {
      issues.push({
        path: ['tests', index, 'parameters'],
        target: 'key',
        code: 'invalid-value',
        message: 'a rule has no parameters',
      });
    }
  });
  return issues;
}
