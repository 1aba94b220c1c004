/**
 * @jest-environment node
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serializeProjectFile } from '@meshwork/data-mesh-common';
import {
  injectionCorpus,
  injectionPipeline,
} from '../testUtils/injectionCorpus';
import { main } from './main';

const HELLO_WORLD = resolve(__dirname, '../../../../examples/hello-world');
const FILE = 'pipelines/Probe.pipeline.yaml';

let folder: string;
let project: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'meshwork-injections-'));
  project = join(folder, 'hello-world');
  await cp(HELLO_WORLD, project, { recursive: true });
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function validate() {
  let stdout = '';
  let stderr = '';
  const code = await main(['validate', project], {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

describe('meshwork validate on injection attempts', () => {
  it('refuses every one with an error at its file, line and column', async () => {
    const corpus = injectionCorpus({
      canary: join(folder, 'canary.txt'),
      target: join(folder, 'must-not-exist.csv'),
    });
    for (const probe of corpus) {
      await writeFile(
        join(project, FILE),
        serializeProjectFile(
          'pipeline',
          injectionPipeline(probe).pipeline as Parameters<
            typeof serializeProjectFile<'pipeline'>
          >[1],
        ),
      );
      const { code, stderr } = await validate();
      expect({ probe: probe.name, code }).toEqual({
        probe: probe.name,
        code: 1,
      });
      // Refused for what it carries: a probe pipeline has no Target, which
      // is an error of its own and must not be the only one.
      const errors = stderr
        .split('\n')
        .filter(line => line.includes(': error: '))
        .filter(line => !/has no Target gem/.test(line));
      expect({ probe: probe.name, errors: errors.length > 0 }).toEqual({
        probe: probe.name,
        errors: true,
      });
      for (const line of errors) {
        expect(line).toMatch(
          new RegExp(`${FILE.replace('.', '\\.')}:\\d+:\\d+: error: `),
        );
      }
      expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
  });
});
