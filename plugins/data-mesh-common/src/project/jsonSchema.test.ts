import { parse } from 'yaml';
import { projectFileJsonSchemas } from './jsonSchema';
import { validFixtures } from './__testUtils__/fixtures';
import { jsonSchemaErrors } from './__testUtils__/jsonSchemaValidator';
import { MINIMAL_PIPELINE } from './__testUtils__/text';

describe('projectFileJsonSchemas', () => {
  it('publishes one draft-07 schema per file kind', () => {
    expect(Object.keys(projectFileJsonSchemas).sort()).toEqual([
      'dataset',
      'job',
      'pipeline',
      'project',
      'rule',
      'subgraph',
      'test',
    ]);
    for (const [kind, schema] of Object.entries(projectFileJsonSchemas)) {
      expect(schema).toMatchObject({
        $schema: 'http://json-schema.org/draft-07/schema#',
        $id: `https://meshwork.dev/schemas/${kind}.v1.json`,
        type: 'object',
        additionalProperties: false,
      });
    }
  });

  it.each(validFixtures().map(f => [f.fileName, f] as const))(
    'accepts the valid fixture %s',
    (_, fixture) => {
      expect(
        jsonSchemaErrors(
          projectFileJsonSchemas[fixture.kind],
          parse(fixture.text),
        ),
      ).toEqual([]);
    },
  );

  it('is plain JSON', () => {
    const schema = projectFileJsonSchemas.pipeline;
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });

  it.each([
    [
      'an unknown top-level key',
      (p: any) => {
        p.owner = 'me';
      },
      '$.owner: additionalProperties',
    ],
    [
      'an unknown gem type',
      (p: any) => {
        p.nodes[1].type = 'Filtr';
      },
      '$.nodes[1].type: enum',
    ],
    [
      'config of another gem',
      (p: any) => {
        p.nodes[1].config = { count: 3 };
      },
      '$.nodes[1].config: required condition',
    ],
    [
      'a wrong value type',
      (p: any) => {
        p.nodes[0].position.x = 'left';
      },
      '$.nodes[0].position.x: type',
    ],
    [
      'an older format version',
      (p: any) => {
        p.formatVersion = 0;
      },
      '$.formatVersion: const',
    ],
    [
      'a bad enum value',
      (p: any) => {
        p.nodes[2].config.mode = 'upsert';
      },
      '$.nodes[2].config.mode: enum',
    ],
  ])('rejects a pipeline with %s', (_, mutate, expected) => {
    const data = parse(MINIMAL_PIPELINE);
    expect(jsonSchemaErrors(projectFileJsonSchemas.pipeline, data)).toEqual([]);
    mutate(data);
    expect(jsonSchemaErrors(projectFileJsonSchemas.pipeline, data)).toContain(
      expected,
    );
  });

  it('marks expression fields so that editors can treat them specially', () => {
    const filter = (
      projectFileJsonSchemas.pipeline as any
    ).properties.nodes.items.allOf.find(
      (variant: any) => variant.if.properties.type.const === 'Filter',
    );
    expect(filter.then.properties.config.properties.condition).toEqual({
      type: 'string',
      minLength: 1,
      format: 'spark-sql-expression',
    });
  });
});
