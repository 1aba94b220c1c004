import { validateQuartzCron } from './quartzCron';

const problem = (expression: string) => {
  const result = validateQuartzCron(expression);
  return result.valid ? undefined : result.message;
};

describe('validateQuartzCron', () => {
  it.each([
    '0 0 6 * * ?',
    '0 30 7 ? * MON-FRI',
    '0 0/15 * * * ?',
    '*/10 * * * * ?',
    '0 0 12 1,15 * ?',
    '0 0 22-2 * * ?',
    '0 15 10 L * ?',
    '0 15 10 L-3 * ?',
    '0 15 10 LW * ?',
    '0 15 10 15W * ?',
    '0 15 10 ? * 6L',
    '0 15 10 ? * FRIL',
    '0 15 10 ? * L',
    '0 15 10 ? * 6#3',
    '0 0 6 ? JAN-MAR,DEC MON',
    '0 0 6 * * ? 2027',
    '0 0 6 * * ? 2027-2030/2',
    '0 0 6 * * ? *',
    '0 0 6 ? * mon-fri',
    '  0 0 6 * * ?  ',
    '0  0\t6 * * ?',
    '59 59 23 31 12 ?',
    '0 10-40/5 * * * ?',
  ])('accepts %j', expression => {
    expect(problem(expression)).toBeUndefined();
  });

  it.each([
    ['', /expected 6 or 7 fields.*got 0/],
    ['0 6 * * *', /expected 6 or 7 fields.*got 5/],
    ['0 0 6 * * ? 2027 x', /got 8/],
    ['0 0 6 * * *', /exactly one of day-of-month and day-of-week/],
    ['0 0 6 ? * ?', /exactly one of day-of-month and day-of-week/],
    ['0 0 6 1 * MON', /exactly one of day-of-month and day-of-week/],
    ['60 0 6 * * ?', /^seconds field: "60"/],
    ['0 60 6 * * ?', /^minutes field/],
    ['0 0 24 * * ?', /^hours field/],
    ['0 0 6 0 * ?', /^day-of-month field/],
    ['0 0 6 32 * ?', /^day-of-month field/],
    ['0 0 6 * 13 ?', /^month field/],
    ['0 0 6 * FOO ?', /^month field/],
    ['0 0 6 ? * 8', /^day-of-week field/],
    ['0 0 6 ? * MON-FOO', /^day-of-week field/],
    ['0 0 6 * * ? 1969', /^year field/],
    ['0 0/60 6 * * ?', /^minutes field: .*increment/],
    ['0 0/0 6 * * ?', /increment/],
    ['0 0/x 6 * * ?', /increment/],
    ['0 0/5/2 6 * * ?', /more than one "\/"/],
    ['0 ? 6 * * ?', /^minutes field/],
    ['0 0 6 1-2-3 * ?', /^day-of-month field/],
    ['0 0 6 L-31 * ?', /offset/],
    ['0 0 6 32W * ?', /"W" needs/],
    ['0 0 6 1,L * ?', /cannot be combined/],
    ['0 0 6 ? * 8L', /"L" needs/],
    ['0 0 6 ? * 6#6', /week after "#"/],
    ['0 0 6 ? * 9#2', /"#" needs/],
    ['0 0 6 ? * MON,6#2', /cannot be combined/],
    ['0 0 6 ,1 * ?', /^day-of-month field/],
    ['0 0 6 * * ? ?', /^year field/],
  ])('rejects %j', (expression, message) => {
    expect(problem(expression)).toMatch(message);
  });

  it('rejects a non-string without throwing', () => {
    expect(validateQuartzCron(undefined as unknown as string)).toEqual({
      valid: false,
      message: 'the expression must be a string',
    });
  });
});
