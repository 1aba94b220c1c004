import { javaRegexProblem, translateJavaReplacement } from './javaRegex';

describe('translateJavaReplacement', () => {
  it.each([
    ['$1-$2', '\\1-\\2'],
    ['plain', 'plain'],
    ['\\$5', '$5'],
    ['a\\\\b', 'a\\\\b'],
    ['$0', '\\0'],
  ])('%s → %s', (replacement, re2) => {
    expect(translateJavaReplacement(replacement)).toEqual({ ok: true, re2 });
  });

  it.each([
    [
      '$',
      "replacement '$' has '$' without a group number; write \\$ for a literal dollar",
    ],
    [
      '${name}',
      "replacement '${name}' has '$' without a group number; write \\$ for a literal dollar",
    ],
    [
      '$12',
      "replacement '$12' refers to a group above 9, which DuckDB does not support",
    ],
    ['end\\', "replacement 'end\\' ends with a lone backslash"],
  ])('rejects %s', (replacement, problem) => {
    expect(translateJavaReplacement(replacement)).toEqual({
      ok: false,
      problem,
    });
  });
});

describe('javaRegexProblem', () => {
  it('accepts the syntax Java and RE2 share', () => {
    expect(javaRegexProblem('^[a-z]+\\d{2,3}(?:x|y)?$')).toBeUndefined();
    expect(javaRegexProblem('a\\\\1')).toBeUndefined();
  });

  it.each([
    ['(?=a)b', 'lookahead and lookbehind'],
    ['(?<!a)b', 'lookahead and lookbehind'],
    ['(a)\\1', 'backreferences'],
    ['a*+', 'possessive quantifiers'],
    ['(?>a)', 'atomic groups'],
  ])('rejects %s', (pattern, construct) => {
    expect(javaRegexProblem(pattern)).toContain(construct);
  });
});
