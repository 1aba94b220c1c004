import fs from 'node:fs';
import path from 'node:path';
import {
  generateBundle,
  readManifest,
  type BundleFile,
  type ManifestJob,
} from '@meshwork/data-mesh-common';
// The bundle generator's own Hello World input: deploying exactly what its
// golden test pins down is the point of these tests.
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import {
  helloWorldJobs,
  helloWorldProject,
} from '@meshwork/data-mesh-common/src/bundle/__fixtures__/helloWorld';

const EXAMPLE_DIR = path.resolve(
  __dirname,
  '../../../../../examples/hello-world',
);

function readTree(dir: string, prefix: string): BundleFile[] {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap(entry =>
      entry.isDirectory()
        ? readTree(dir, `${prefix}${entry.name}/`)
        : [
            {
              path: `${prefix}${entry.name}`,
              content: fs.readFileSync(
                path.join(dir, prefix, entry.name),
                'utf8',
              ),
            },
          ],
    );
}

/** The files that Hello World's compiler generates next to the bundle. */
export function helloWorldGeneratedFiles(): BundleFile[] {
  return readTree(EXAMPLE_DIR, 'generated/');
}

/**
 * The bundle compiled in-test from the bundle generator's Hello World
 * fixture, with the example project's generated SQL and Python files.
 */
export function helloWorldBundle(): { files: BundleFile[] } {
  const { files, diagnostics } = generateBundle(
    helloWorldProject,
    helloWorldJobs,
  );
  if (files.length === 0) {
    throw new Error(
      `The Hello World fixture no longer generates: ${JSON.stringify(
        diagnostics,
      )}`,
    );
  }
  return { files: [...files, ...helloWorldGeneratedFiles()] };
}

/** The example project as committed: its compiled bundle and generated files. */
export function helloWorldExampleBundle(): { files: BundleFile[] } {
  return {
    files: [
      {
        path: 'databricks.yml',
        content: fs.readFileSync(
          path.join(EXAMPLE_DIR, 'databricks.yml'),
          'utf8',
        ),
      },
      ...readTree(EXAMPLE_DIR, 'resources/'),
      ...helloWorldGeneratedFiles(),
    ],
  };
}

/**
 * A job of the example project as its committed manifest describes it: what
 * the backend passes the executor along with the bundle.
 */
export function helloWorldManifestJob(name: string): ManifestJob {
  const manifest = readManifest(
    JSON.parse(
      fs.readFileSync(
        path.join(EXAMPLE_DIR, 'generated/manifest.json'),
        'utf8',
      ),
    ),
  );
  const job = manifest.jobs.find(j => j.name === name);
  if (!job) throw new Error(`Hello World has no job ${name}`);
  return job;
}
