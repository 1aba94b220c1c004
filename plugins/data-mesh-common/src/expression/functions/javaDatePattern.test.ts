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
    expect(translateJavaDatePattern(pattern)).toMatchObject({
      ok: true,
      strftime: expected,
    });
  });

  it('lists the letters used outside quotes', () => {
    expect(translateJavaDatePattern("yyyy-MM-dd'T'HH 'E' yy")).toMatchObject({
      letters: ['y', 'M', 'd', 'H'],
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

/** Whether Spark's parser accepts the text, per the translation. */
function sparkReads(pattern: string, text: string): boolean {
  const translation = translateJavaDatePattern(pattern);
  if (!translation.ok) throw new Error(translation.problem);
  return new RegExp(`^(?:${translation.parsedText})$`, 'i').test(text);
}

describe('the text Spark parses with a pattern', () => {
  // Java's DateTimeFormatterBuilder as Spark builds it (strict, `y` read
  // as the signed year `u`): `yy` is a reduced year of exactly two digits,
  // `y`/`yyy` at least one/three digits with an optional minus sign,
  // `yyyy` exactly four digits unless signed (`+` only past four); other
  // numbers take one or two digits for one letter, exactly two for two;
  // fractions one digit up to the number of `S`.
  it.each([
    ['yy', '24', true],
    ['yy', '1', false], // Spark: INCONSISTENT_BEHAVIOR_CROSS_VERSION
    ['yy', '123', false],
    ['yy', '-12', false], // Spark: DateTimeParseException
    ['yyy', '1', false], // Spark: INCONSISTENT_BEHAVIOR_CROSS_VERSION
    ['yyy', '12', false],
    ['yyy', '123', true],
    ['yyy', '2024', true],
    ['yyy', '-123', true],
    ['y', '1', true],
    ['y', '12345', true],
    ['y', '+1', false],
    ['yyyy', '2024', true],
    ['yyyy', '024', false],
    ['yyyy', '12345', false],
    ['yyyy', '+12345', true],
    ['yyyy', '+2024', false],
    ['yyyy', '-2024', true],
    ['yyyy-MM-dd', '2024-03-05', true],
    ['yyyy-MM-dd', '2024-3-05', false],
    ['yyyy-MM-dd', '2024-03-5', false],
    ['yyyy-MM-dd', '2024-003-05', false],
    ['MM', '3', false],
    ['MM', '03', true],
    ['M', '3', true],
    ['M', '12', true],
    ['d', '5', true],
    ['d', '05', true],
    ['d', '123', false],
    ['d.M.yyyy', '5.3.2024', true],
    ['HH:mm:ss', '1:04:05', false],
    ['HH:mm:ss.SSS', '13:04:05.1', true],
    ['HH:mm:ss.SSS', '13:04:05.', false],
    ['HH:mm:ss.SSS', '13:04:05.1234', false],
    ['HH:mm:ss.SSSSSS', '13:04:05.123456', true],
    ['dd MMM yyyy', '05 mar 2024', true],
    ['dd MMM yyyy', '05 March 2024', false],
    ['dd MMMM yyyy', '05 March 2024', true],
    ['h:mm a', '1:04 pm', true],
    ["yyyy-MM-dd'T'HH:mm", '2024-03-05T13:04', true],
    ["yyyy-MM-dd'T'HH:mm", '2024-03-05 13:04', false],
    ['yyyy.MM', '2024x03', false],
    ["'100%' (yyyy)", '100% (2024)', true],
    ["hh 'o''clock'", "01 o'clock", true],
  ])('%s reads %j: %s', (pattern, text, reads) => {
    expect(sparkReads(pattern, text)).toBe(reads);
  });
});
