import type { QualityRule } from '../project/schema/dataset';
import { evaluateQualityResult, qualityErrorOutcome } from './evaluate';

const NOT_NULL: QualityRule = { check: 'not_null', column: 'email' };

describe('evaluateQualityResult', () => {
  it('reads counts as numbers, bigints or strings, with thousands separators', () => {
    for (const checked of [17910, 17910n, '17910']) {
      expect(
        evaluateQualityResult(NOT_NULL, {
          checked_rows: checked,
          failing_rows: 12,
          observed: null,
        }),
      ).toEqual({
        status: 'fail',
        checkedRows: 17910,
        failingRows: 12,
        observed: undefined,
        message: '12 of 17,910 rows have a null email',
      });
    }
  });

  it('passes when no row fails', () => {
    expect(
      evaluateQualityResult(NOT_NULL, {
        checked_rows: 1234567,
        failing_rows: 0,
        observed: null,
      }),
    ).toMatchObject({
      status: 'pass',
      message: 'no null email in 1,234,567 rows',
    });
  });

  it.each([
    [{ checked_rows: -1, failing_rows: 0, observed: null }, 'checked_rows -1'],
    [
      { checked_rows: 5, failing_rows: 'many', observed: null },
      'failing_rows "many"',
    ],
    [
      { checked_rows: 5, failing_rows: 1.5, observed: null },
      'failing_rows 1.5',
    ],
    [{ checked_rows: 5, observed: null }, 'failing_rows missing'],
  ])('reports an unreadable row %j as an error', (row, detail) => {
    const outcome = evaluateQualityResult(NOT_NULL, row as never);
    expect(outcome.status).toBe('error');
    expect(outcome.failingRows).toBeUndefined();
    expect(outcome.message).toContain(detail);
  });

  it('reports a rule of an unknown check as an error', () => {
    expect(
      evaluateQualityResult({ check: 'histogram' } as unknown as QualityRule, {
        checked_rows: 1,
        failing_rows: 0,
        observed: null,
      }),
    ).toEqual({
      status: 'error',
      message: "unknown quality check 'histogram'",
    });
  });

  it('says when the newest value lies in the future', () => {
    expect(
      evaluateQualityResult(
        { check: 'freshness', column: 'order_ts', maxAgeHours: 24 },
        { checked_rows: 3, failing_rows: 0, observed: '-2.04' },
      ).message,
    ).toBe('newest order_ts is 2 h in the future');
  });

  it('shortens long lists of accepted values and long examples', () => {
    const message = evaluateQualityResult(
      {
        check: 'accepted_values',
        column: 'currency',
        values: ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'JPY', 'CHF'],
      },
      { checked_rows: 10, failing_rows: 1, observed: 'x'.repeat(500) },
    ).message;
    expect(message).toMatch(
      /^currency is not one of USD, EUR, GBP, CAD, AUD and 2 more in 1 of 10 rows \(e\.g\. x{199}…\)$/,
    );
  });

  it('makes an error outcome for a check that could not run', () => {
    expect(qualityErrorOutcome('range needs a min, a max or both')).toEqual({
      status: 'error',
      message: 'range needs a min, a max or both',
    });
  });
});
