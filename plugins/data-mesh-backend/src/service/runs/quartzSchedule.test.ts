import { quartzToCrontab } from './quartzSchedule';

describe('quartzToCrontab', () => {
  it.each([
    ['0 0 6 * * ?', '0 6 * * *'],
    ['0 30 7 ? * MON-FRI', '30 7 * * 1-5'],
    ['0 30 7 ? * 2-6', '30 7 * * 1-5'],
    ['0 0 8 ? * SUN,SAT', '0 8 * * 0,6'],
    ['0 0 8 ? * FRI-MON', '0 8 * * 5-6,0-1'],
    ['0 0 22-2 * * ?', '0 22-23,0-2 * * *'],
    ['0 0/15 * * * ?', '0/15 * * * *'],
    ['0 0 6 1 JAN-MAR ?', '0 6 1 1-3 *'],
    ['0 0 6 * * ? *', '0 6 * * *'],
    ['30 0 6 * * ?', '30 0 6 * * *'],
  ])('converts %p to %p', (quartz, crontab) => {
    expect(quartzToCrontab(quartz)).toEqual({ cron: crontab });
  });

  it('reports an invalid expression with the validator message', () => {
    expect(quartzToCrontab('0 0 6 * * *')).toEqual({
      error: expect.stringMatching(
        /exactly one of day-of-month and day-of-week/,
      ),
    });
  });

  it.each([
    '0 0 6 L * ?',
    '0 0 6 ? * 6#3',
    '0 0 6 15W * ?',
    '0 0 6 * * ? 2027',
  ])('refuses %p, which crontab cannot express', quartz => {
    expect(quartzToCrontab(quartz)).toEqual({ error: expect.any(String) });
  });
});
