import { mergePipelineText } from './mergePipelineText';

const base = ['name: p', 'a: 1', 'b: 2', 'c: 3', ''].join('\n');

describe('mergePipelineText', () => {
  it('keeps both edits when they touch different lines', () => {
    const merged = mergePipelineText({
      base,
      theirs: base.replace('a: 1', 'a: 10'),
      yours: base.replace('c: 3', 'c: 30'),
    });
    expect(merged).toEqual({
      text: ['name: p', 'a: 10', 'b: 2', 'c: 30', ''].join('\n'),
      conflict: false,
    });
  });

  it('marks the lines both changed', () => {
    const merged = mergePipelineText({
      base,
      theirs: base.replace('b: 2', 'b: theirs'),
      yours: base.replace('b: 2', 'b: mine'),
    });
    expect(merged.conflict).toBe(true);
    expect(merged.text).toContain('<<<<<<< yours\nb: mine\n=======');
    expect(merged.text).toContain('b: theirs\n>>>>>>> theirs');
  });

  it('is no conflict when both made the same change', () => {
    const same = base.replace('b: 2', 'b: 4');
    expect(mergePipelineText({ base, theirs: same, yours: same })).toEqual({
      text: same,
      conflict: false,
    });
  });
});
