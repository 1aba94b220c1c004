import Ajv from 'ajv';
import fs from 'fs';
import path from 'path';
import {
  InvalidManifestError,
  readManifest,
  renderManifest,
} from './readManifest';
import { MANIFEST_VERSION, projectManifestJsonSchema } from './schema';

const HELLO_WORLD_MANIFEST = path.resolve(
  __dirname,
  '../../../../examples/hello-world/generated/manifest.json',
);
const text = fs.readFileSync(HELLO_WORLD_MANIFEST, 'utf8');

/** The committed Hello World manifest, parsed afresh, after `change`. */
function manifestWith(change: (manifest: any) => void): unknown {
  const manifest = JSON.parse(text);
  change(manifest);
  return manifest;
}

function errorOf(json: unknown): InvalidManifestError {
  try {
    readManifest(json);
  } catch (error) {
    if (error instanceof InvalidManifestError) return error;
    throw error;
  }
  throw new Error('readManifest accepted the manifest');
}

describe('readManifest', () => {
  it('reads the committed Hello World manifest, which renders back to the same bytes', () => {
    const manifest = readManifest(JSON.parse(text));
    expect(manifest.manifestVersion).toBe(MANIFEST_VERSION);
    expect(renderManifest(manifest)).toBe(text);
  });

  it('returns the keys in the canonical order, whatever order they were read in', () => {
    const reversed = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(reversed);
      if (typeof value !== 'object' || value === null) return value;
      return Object.fromEntries(
        Object.entries(value)
          .reverse()
          .map(([k, v]) => [k, reversed(v)]),
      );
    };
    expect(renderManifest(readManifest(reversed(JSON.parse(text))))).toBe(text);
  });

  it.each([
    [
      'another version',
      manifestWith(m => (m.manifestVersion = 'meshwork/manifest/v2')),
      `invalid Meshwork manifest: manifestVersion: version "meshwork/manifest/v2" is not supported: this Meshwork reads "${MANIFEST_VERSION}"; compile the project with this Meshwork ('meshwork compile')`,
    ],
    [
      'no version',
      manifestWith(m => delete m.manifestVersion),
      `invalid Meshwork manifest: missing required key "manifestVersion" (expected "${MANIFEST_VERSION}"); is this a Meshwork manifest?`,
    ],
    [
      'a list',
      [],
      'invalid Meshwork manifest: expected a JSON object (the content of generated/manifest.json), found a list',
    ],
    [
      'a column type of the wrong type',
      manifestWith(m => (m.datasets[2].contract.columns[1].type = 7)),
      'invalid Meshwork manifest: datasets[2].contract.columns[1].type: expected a string, found a number',
    ],
    [
      'a missing field',
      manifestWith(m => delete m.jobs[0].tasks[3].bundleKey),
      'invalid Meshwork manifest: jobs[0].tasks[3]: missing required key "bundleKey"',
    ],
    [
      'a misspelt field',
      manifestWith(m => {
        m.pipelines[0].ouputs = m.pipelines[0].outputs;
        delete m.pipelines[0].outputs;
      }),
      'invalid Meshwork manifest: pipelines[0].ouputs: unknown key "ouputs" (did you mean "outputs"?); expected "name", "file", "description", "parameters", "inputs", "outputs", "generated"',
    ],
    [
      'an unknown layer',
      manifestWith(m => (m.datasets[0].layer = 'platinum')),
      'invalid Meshwork manifest: datasets[0].layer: expected one of "bronze", "silver", "gold", found "platinum"',
    ],
    [
      'a lineage source that is not dataset.column',
      manifestWith(m => (m.datasets[0].lineage[0].sources[0] = 'order_id')),
      'invalid Meshwork manifest: datasets[0].lineage[0].sources[0]: "order_id" is not a source column (dataset.column)',
    ],
    [
      'two datasets of one name',
      manifestWith(m => (m.datasets[1].name = m.datasets[0].name)),
      'invalid Meshwork manifest: datasets[1].name: another of the datasets is also named "CustomerOrder"',
    ],
  ])('rejects %s, naming the field', (_, json, message) => {
    expect(errorOf(json).message).toBe(message);
  });

  it('lists every problem, not only the first', () => {
    const error = errorOf(
      manifestWith(m => {
        m.generator.version = '';
        m.jobs[1].schedule.paused = 'yes';
      }),
    );
    expect(error.message).toMatch(/\(and 1 more problem\)$/);
    expect(error.problems).toEqual([
      { path: 'generator.version', message: 'must not be empty' },
      {
        path: 'jobs[1].schedule.paused',
        message: 'expected true or false, found a string',
      },
    ]);
  });

  it('agrees with the JSON Schema on what it rejects', () => {
    const ajv = new Ajv({ strict: true, strictTypes: false });
    const validate = ajv.compile(projectManifestJsonSchema);
    const broken = [
      manifestWith(m => (m.datasets[0].tables.dev = 1)),
      manifestWith(m => (m.project.engine.defaultDialect = 'sql')),
      manifestWith(m => (m.datasets[3].contract.quality[0].check = 'unique_')),
      manifestWith(m => (m.diagnostics = [{ file: 'x', line: 0 }])),
      manifestWith(m => (m.extra = true)),
    ];
    for (const json of broken) {
      expect(validate(json)).toBe(false);
      expect(() => readManifest(json)).toThrow(InvalidManifestError);
    }
  });
});
