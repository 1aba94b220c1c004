/**
 * @jest-environment node
 */
import { checkMaskTemplate } from './maskTemplate';

describe('checkMaskTemplate', () => {
  it.each([
    ['spark', 'sha2(CAST({{column}} AS STRING), 256)'],
    ['spark', "CASE WHEN {{column}} IS NOT NULL THEN '[REDACTED]' END"],
    ['spark', "left({{column}}, 1) || '****'"],
    ['spark', 'round({{column}}, -2)'],
    ['duckdb', 'sha256(CAST({{column}} AS VARCHAR))'],
    ['duckdb', "'sha256:' || md5({{column}})"],
    ['duckdb', "concat(substr({{column}}, 1, 2), '***')"],
  ] as const)('accepts a %s template %s', (dialect, template) => {
    expect(checkMaskTemplate(template, dialect)).toEqual([]);
  });

  it.each([
    [
      "(SELECT content FROM read_text('/etc/hostname'))",
      /`read_text\(…\)` is a table function/,
      1,
      22,
    ],
    [
      '{{column}} || (SELECT max(email) FROM bronze.customers)',
      /reads only \{\{column\}\}; `bronze\.customers` is not one of them/,
      1,
      39,
    ],
    ["{{column}} || getenv('HOME')", /`getenv` is not one of them/, 1, 15],
    [
      "{{column}}); ATTACH '/tmp/x' AS leak; SELECT (1",
      /may not contain a semicolon/,
      1,
      12,
    ],
    ["'a\\' || {{column}}", /may not contain a backslash/, 1, 3],
    ['{{column}} -- comment', /may not contain a comment/, 1, 12],
    ['$$x$$ || {{column}}', /may not contain a dollar sign/, 1, 1],
    ['{{column}} ||', /is not one Spark SQL expression/, 1, 14],
  ])('refuses %s at its position', (template, message, line, column) => {
    const [problem, ...more] = checkMaskTemplate(template, 'spark');
    expect(more).toEqual([]);
    expect(problem.message).toMatch(message);
    expect(problem.location?.line).toBe(line);
    expect(problem.location?.column).toBe(column);
  });

  it('refuses DuckDB hashes in a Spark template', () => {
    expect(checkMaskTemplate('sha256({{column}})', 'spark')).toEqual([
      expect.objectContaining({ code: 'sql-not-allowed' }),
    ]);
  });
});
