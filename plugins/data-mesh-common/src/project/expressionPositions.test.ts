import { parseProjectFile } from './parse';
import { MINIMAL_PIPELINE, positionOf } from './__testUtils__/text';

/** The minimal pipeline with the Filter's condition written as `yaml`. */
function withCondition(yaml: string): string {
  return MINIMAL_PIPELINE.replace(
    'condition: amount > 0',
    `condition: ${yaml}`,
  );
}

function expressionDiagnostic(text: string) {
  const { diagnostics } = parseProjectFile(
    'pipeline',
    'pipelines/orders.pipeline.yaml',
    text,
  );
  expect(diagnostics).toHaveLength(1);
  expect(diagnostics[0]).toMatchObject({
    path: 'nodes[1].config.condition',
    code: 'invalid-expression',
  });
  return diagnostics[0];
}

// Each case has exactly one "= = 1"; the error is at its second "=".
describe('expression error positions inside YAML scalars', () => {
  it.each([
    ['a plain scalar', "status = 'x' AND n = = 1"],
    ['a double-quoted scalar', '"status = \'x\' AND n = = 1"'],
    [
      'a double-quoted scalar with escaped quotes',
      '"status = \\"x\\" AND n = = 1"',
    ],
    [
      'a single-quoted scalar with doubled quotes',
      "'status = ''x'' AND n = = 1'",
    ],
    [
      'a literal block scalar',
      "|\n        status = 'x'\n          AND n = = 1",
    ],
    ['a folded block scalar', ">-\n        status = 'x'\n        AND n = = 1"],
    ['a plain scalar over several lines', "status = 'x'\n        AND n = = 1"],
    [
      'a block scalar with an indentation indicator and comment',
      "|2  # note\n        status = 'x'\n        AND n = = 1",
    ],
  ])('points into %s', (_, yaml) => {
    const text = withCondition(yaml);
    const diagnostic = expressionDiagnostic(text);
    expect({ line: diagnostic.line, column: diagnostic.column }).toEqual(
      positionOf(text, '= 1'),
    );
    expect(diagnostic.message).toMatch(/^invalid expression: /);
  });

  it('points just past the last character when the expression ends too early', () => {
    const text = withCondition('"amount >"');
    const diagnostic = expressionDiagnostic(text);
    expect({ line: diagnostic.line, column: diagnostic.column }).toEqual(
      positionOf(text, '>"', { shift: 1 }),
    );
  });

  it('points at the escape when a double-quoted escape precedes the error', () => {
    const text = withCondition('"name = \'a\\tb\' AND n = = 1"');
    const diagnostic = expressionDiagnostic(text);
    // An escape changes the text's length, so positions after it are not
    // exact; the diagnostic still lands inside the scalar, on its line.
    expect(diagnostic.line).toBe(positionOf(text, '= 1').line);
    expect(diagnostic.column).toBeLessThanOrEqual(
      positionOf(text, '= 1').column,
    );
    expect(diagnostic.column).toBeGreaterThan(positionOf(text, '"name').column);
  });

  it('maps positions in expressions of other gems and files too', () => {
    const rule = `formatVersion: 1
name: size
inputs: [{ name: amount, type: int }]
outputType: string
cases:
  - when: amount >= 1000
    then: large
  - when: amount >=
    then: medium
default: small
`;
    const { diagnostics } = parseProjectFile(
      'rule',
      'rules/size.rule.yaml',
      rule,
    );
    expect(diagnostics).toEqual([
      expect.objectContaining({
        ...positionOf(rule, '>=\n', { shift: 2 }),
        path: 'cases[1].when',
      }),
    ]);
  });
});
