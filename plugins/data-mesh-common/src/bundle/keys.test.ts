import { toSnakeKey, uniqueSnakeKeys } from './keys';

describe('toSnakeKey', () => {
  it.each([
    ['DailySummary', 'daily_summary'],
    ['Job Test', 'job_test'],
    ['Join-customers-redo', 'join_customers_redo'],
    ['account_length_days', 'account_length_days'],
    ['ComputeSales', 'compute_sales'],
    ['HTTPServerLogs', 'http_server_logs'],
    ['sales2024Q1', 'sales2024_q1'],
    ['  --Weird!!name__ ', 'weird_name'],
    ['Zoë’s job', 'zo_s_job'],
  ])('%j → %j', (name, key) => {
    expect(toSnakeKey(name)).toBe(key);
  });

  it('keeps keys short enough for a task_key', () => {
    expect(toSnakeKey(`${'a'.repeat(89)} b c`)).toBe('a'.repeat(89));
    expect(toSnakeKey('x'.repeat(500))).toHaveLength(90);
  });

  it('prefixes keys that would not start with a letter, and names that have no usable characters', () => {
    expect(toSnakeKey('2024 load', 'job')).toBe('job_2024_load');
    expect(toSnakeKey('!!!', 'job')).toBe('job');
    expect(toSnakeKey('', 'task')).toBe('task');
  });
});

describe('uniqueSnakeKeys', () => {
  it('numbers later names whose key is taken, deterministically', () => {
    expect(
      uniqueSnakeKeys([
        'Daily Load',
        'daily-load',
        'DailyLoad',
        'daily_load_2',
      ]),
    ).toEqual(['daily_load', 'daily_load_2', 'daily_load_3', 'daily_load_2_2']);
  });
});
