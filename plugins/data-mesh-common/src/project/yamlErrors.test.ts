import { parseProjectFile } from './parse';
import { MINIMAL_PIPELINE, positionOf } from './__testUtils__/text';

const FILE = 'pipelines/orders.pipeline.yaml';

/** The diagnostics of the minimal pipeline with `from` replaced by `to`. */
function diagnosticsAfter(from: string, to: string) {
  const text = MINIMAL_PIPELINE.replace(from, to);
  expect(text).not.toBe(MINIMAL_PIPELINE);
  return {
    text,
    diagnostics: parseProjectFile('pipeline', FILE, text).diagnostics,
  };
}

describe('an unclosed flow collection', () => {
  it('is reported at its "{", not at the line where YAML gives up on it', () => {
    const { text, diagnostics } = diagnosticsAfter(
      'position: { x: 200, y: 0 }',
      'position: { x: 200, y: 0',
    );
    expect(diagnostics).toEqual([
      expect.objectContaining({
        ...positionOf(text, '{ x: 200'),
        code: 'yaml-syntax',
        severity: 'error',
        message:
          '"{" is not closed: a flow map must end with "}", and lines that continue it must be indented past its key',
      }),
    ]);
  });

  it('is reported at its "{" across blank lines and continuation lines', () => {
    // yaml's own position is the next key, three lines further down.
    const { text, diagnostics } = diagnosticsAfter(
      'position: { x: 200, y: 0 }\n',
      'position: { x: 200,\n      y: 0\n\n',
    );
    expect(diagnostics[0]).toMatchObject(positionOf(text, '{ x: 200'));
    expect(diagnostics).toHaveLength(1);
  });

  it('is reported at its "[" for a flow sequence', () => {
    const { text, diagnostics } = diagnosticsAfter(
      '      condition: amount > 0\n',
      '      condition: amount > 0\n      tags: [a, b\n',
    );
    expect(diagnostics[0]).toMatchObject({
      ...positionOf(text, '[a, b'),
      message:
        '"[" is not closed: a flow sequence must end with "]", and lines that continue it must be indented past its key',
    });
  });

  it('skips brackets inside quoted strings and closed collections', () => {
    const { text, diagnostics } = diagnosticsAfter(
      'position: { x: 200, y: 0 }',
      'position: { x: "}", y: { z: 0 }',
    );
    expect(diagnostics[0]).toMatchObject(positionOf(text, '{ x: "}"'));
  });
});
