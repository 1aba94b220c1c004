import fs from 'fs';
import path from 'path';
import { readOdcs, validateOdcs } from './validate';

const VALID = `apiVersion: v3.1.0
kind: DataContract
id: orders
version: 1.0.0
status: active
schema:
  - name: orders
    properties:
      - name: order_id
        logicalType: integer
        required: true
        quality:
          - metric: nullValues
            mustBe: 0
`;

function problemsOf(text: string) {
  const result = readOdcs(text);
  if (result.ok) throw new Error('expected the contract to be invalid');
  return result.problems;
}

describe('readOdcs', () => {
  it('accepts a valid contract, in YAML or JSON', () => {
    const result = readOdcs(VALID);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(readOdcs(JSON.stringify(result.document)).ok).toBe(true);
    expect(validateOdcs(result.document)).toEqual([]);
  });

  it('names each missing required field', () => {
    const problems = problemsOf(
      VALID.replace('id: orders\n', '').replace('version: 1.0.0\n', ''),
    );
    expect(problems).toEqual([
      {
        path: '',
        message: "missing required field 'version'",
        line: 1,
        column: 1,
      },
      { path: '', message: "missing required field 'id'", line: 1, column: 1 },
    ]);
  });

  it('points at a value of the wrong type, with its line and column', () => {
    const problems = problemsOf(
      VALID.replace('required: true', 'required: "yes"'),
    );
    expect(problems).toEqual([
      {
        path: 'schema[0].properties[0].required',
        message: 'must be a boolean',
        line: 11,
        column: 9,
      },
    ]);
  });

  it('lists the allowed values of an enum', () => {
    const problems = problemsOf(
      VALID.replace('logicalType: integer', 'logicalType: int'),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      path: 'schema[0].properties[0].logicalType',
      line: 10,
    });
    expect(problems[0].message).toMatch(
      /^must be one of "string", "date", .*"boolean"$/,
    );
  });

  it('reports an unknown field once, at its key', () => {
    const problems = problemsOf(
      VALID.replace(
        '  - name: orders\n',
        '  - name: orders\n    colour: blue\n',
      ),
    );
    expect(problems).toEqual([
      {
        path: 'schema[0].colour',
        message: "unknown field 'colour'",
        line: 8,
        column: 5,
      },
    ]);
  });

  it('says which operators a rule may have, once, when it has two', () => {
    const problems = problemsOf(
      VALID.replace('mustBe: 0', 'mustBe: 0\n            mustBeLessThan: 3'),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      path: 'schema[0].properties[0].quality[0]',
      line: 13,
    });
    expect(problems[0].message).toContain('must match only one of');
    expect(problems[0].message).toContain('mustBe and mustBeLessThan');
  });

  it('reports a rule without an operator as one problem', () => {
    const problems = problemsOf(VALID.replace('            mustBe: 0\n', ''));
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/^must be one of: mustBe, mustNotBe, /);
  });

  it('reports the deepest problem of a field with alternative shapes', () => {
    const problems = problemsOf(
      `${VALID}team:\n  name: t\n  members:\n    - role: owner\n`,
    );
    expect(problems).toEqual([
      {
        path: 'team.members[0]',
        message: "missing required field 'username'",
        line: 18,
        column: 7,
      },
    ]);
  });

  it('reports broken YAML at its line, without a stack trace', () => {
    const problems = problemsOf('apiVersion: v3.1.0\nkind: [DataContract\n');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0].message).toMatch(/^not valid YAML: /);
    expect(problems[0].line).toBeGreaterThanOrEqual(2);
    for (const problem of problems)
      expect(problem.message).not.toMatch(/\n|at .*\.js/);
  });

  it('refuses aliases that expand without bound', () => {
    const laughs = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(
            98 + i,
          )} [${Array(10)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(', ')}]`,
      ),
    ].join('\n');
    const problems = problemsOf(laughs);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/^not valid YAML: .*alias/i);
  });

  it('rejects what is not a contract at all', () => {
    expect(problemsOf('just text')).toEqual([
      { path: '', message: 'must be an object', line: 1, column: 1 },
    ]);
    expect(
      problemsOf(
        'kind: Pipeline\napiVersion: v9\nid: x\nversion: "1"\nstatus: a\n',
      ),
    ).toEqual([
      {
        path: 'kind',
        message: 'must be one of "DataContract"',
        line: 1,
        column: 1,
      },
      expect.objectContaining({ path: 'apiVersion', line: 2, column: 1 }),
    ]);
  });
});

describe('the ODCS project negative tests', () => {
  const dir = path.join(__dirname, '__fixtures__', 'invalid');
  const read = (name: string) =>
    problemsOf(
      fs
        .readFileSync(path.join(dir, name), 'utf8')
        .replace('apiVersion: v3.2.0', 'apiVersion: v3.1.0'),
    ).map(p => `${p.line}:${p.column} ${p.path}: ${p.message}`);

  it.each([
    [
      'additional-unknown-property.odcs.yaml',
      ["6:1 unknownRootField: unknown field 'unknownRootField'"],
    ],
    [
      'missing-required-fields.odcs.yaml',
      [
        "1:1 : missing required field 'id'",
        "1:1 : missing required field 'status'",
      ],
    ],
    [
      'quality-custom-missing-implementation.odcs.yaml',
      [
        "14:13 schema[0].properties[0].quality[0]: missing required field 'implementation'",
      ],
    ],
    [
      'quality-multiple-operators.odcs.yaml',
      [
        '14:13 schema[0].properties[0].quality[0]: must match only one of: mustBe, mustNotBe, mustBeGreaterThan, mustBeGreaterOrEqualTo, mustBeLessThan, mustBeLessOrEqualTo, mustBeBetween, mustNotBeBetween (it matches mustBe and mustNotBe)',
      ],
    ],
    [
      'quality-mustbebetween-wrong-size.odcs.yaml',
      ['15:9 schema[0].quality[0].mustBeBetween: must have at least 2 items'],
    ],
    [
      'schema-property-invalid-logicaltype.odcs.yaml',
      [
        '11:9 schema[0].properties[0].logicalType: must be one of "string", "date", "timestamp", "time", "number", "integer", "object", "array", "boolean"',
      ],
    ],
    [
      'server-invalid-type.odcs.yaml',
      [
        expect.stringMatching(
          /^11:5 servers\[0\]\.type: must be one of "api", /,
        ),
      ],
    ],
    [
      'sla-missing-required-value.odcs.yaml',
      ["7:5 slaProperties[0]: missing required field 'value'"],
    ],
  ])('%s fails with one message per problem', (name, expected) => {
    expect(read(name)).toEqual(expected);
  });

  it('covers every file', () => {
    expect(fs.readdirSync(dir).length).toBe(8);
  });
});
