import { Infer, s } from './builder';
import {
  FILE_NAME,
  fileName,
  formatVersion,
  IDENTIFIER,
  identifier,
  text,
} from './common';

/** One row of a test's input or output: column name → YAML scalar. */
const row = () =>
  s
    .record(s.scalar(), IDENTIFIER)
    .describe('A row: column name → value (string, number, boolean or null).');

const expectation = () =>
  s.object({
    node: s.optional(
      identifier().describe(
        'Whose output is checked: a node id of the pipeline (default: its only Target), or an output port of the subgraph (default: the first); omitted for a rule.',
      ),
    ),
    columns: s.optional(
      s
        .array(identifier(), { minItems: 1 })
        .describe("The columns compared (default: the expected rows' keys)."),
    ),
    ordered: s.optional(
      s
        .boolean()
        .describe(
          'Whether the rows must come in this order (default false: compared as a multiset).',
        ),
    ),
    tolerance: s.optional(
      s
        .number({ minimum: 0 })
        .describe('Absolute tolerance for decimal and double values.'),
    ),
    rows: s.array(row()).describe('The rows the node must give.'),
  });

const testCase = () =>
  s.object({
    name: text().describe('Unique within the file.'),
    description: s.optional(s.string()),
    parameters: s.optional(
      s
        .record(s.scalar(), IDENTIFIER)
        .describe("Values of the pipeline's or subgraph's parameters."),
    ),
    given: s.optional(
      s
        .record(s.array(row()), FILE_NAME)
        .describe(
          'Input rows: by dataset read by a Source gem of the pipeline, by input port of the subgraph, or under `input` for a rule. What is not given is empty.',
        ),
    ),
    expect: expectation(),
  });

/**
 * `tests/<name>.test.yaml`: test cases of one pipeline, subgraph or rule,
 * each with input rows and the rows one of its nodes must give.
 */
export const testFileSchema = s.object({
  formatVersion: formatVersion(),
  name: fileName(),
  description: s.optional(s.string()),
  pipeline: s.optional(fileName().describe('The pipeline tested.')),
  subgraph: s.optional(fileName().describe('The subgraph tested.')),
  rule: s.optional(fileName().describe('The business rule tested.')),
  tests: s.array(testCase(), { minItems: 1 }),
});

/**
 * The content of a pipeline test file.
 *
 * @public
 */
export type TestFile = Infer<typeof testFileSchema>;

/**
 * One test case of a {@link TestFile}.
 *
 * @public
 */
export type PipelineTestCase = TestFile['tests'][number];
