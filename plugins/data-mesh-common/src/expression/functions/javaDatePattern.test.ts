import { translateJavaDatePattern } from './javaDatePattern';

describe('translateJavaDatePattern', () => {
  it.each([
    ['yyyy-MM-dd', '%Y-%m-%d'],
    ['yy/M/d', '%y/%-m/%-d'],
    ['dd MMM yyyy', '%d %b %Y'],
    ['EEEE, MMMM d', '%A, %B %-d'],
    ['HH:mm:ss.SSS', '%H:%M:%S.%g'],
    ['HH:mm:ss.SSSSSS', '%H:%M:%S.%f'],
    ['h:mm a', '%-I:%M %p'],
    ['DDD', '%j'],
    ["yyyy-MM-dd'T'HH:mm", '%Y-%m-%dT%H:%M'],
    ["hh 'o''clock'", "%I o'clock"],
    ["'100%' yyyy", '100%% %Y'],
    ["''", "'"],
  ])('%s → %s', (pattern, expected) => {
    expect(translateJavaDatePattern(pattern)).toEqual({
      ok: true,
      strftime: expected,
    });
  });

  it.each([
    [
      'yyyy-QQ',
      "pattern letter 'Q' in 'yyyy-QQ' has no DuckDB strftime equivalent; supported letters: y M d D H h m s S a E",
    ],
    [
      'yyyyy',
      "pattern letters 'yyyyy' in 'yyyyy' have no DuckDB strftime equivalent",
    ],
    [
      'HH:mm XXX',
      "pattern letter 'X' in 'HH:mm XXX' has no DuckDB strftime equivalent; supported letters: y M d D H h m s S a E",
    ],
    ['SS', "pattern letters 'SS' in 'SS' have no DuckDB strftime equivalent"],
    ["'open", "unterminated quote in pattern ''open'"],
    [
      "'Q'q''",
      "pattern letter 'q' in ''Q'q''' has no DuckDB strftime equivalent; supported letters: y M d D H h m s S a E",
    ],
  ])('rejects %s', (pattern, problem) => {
    expect(translateJavaDatePattern(pattern)).toEqual({ ok: false, problem });
  });
});
