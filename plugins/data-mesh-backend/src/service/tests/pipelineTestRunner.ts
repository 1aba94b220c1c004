import { LoadedProject, testFileSubject } from '@meshwork/data-mesh-common';
import { runPipelineTests } from '@meshwork/data-mesh-node';
import type {
  PipelineTestListing,
  PipelineTestRunner,
} from './PipelineTestService';

/** `meshwork test`'s runner: an in-memory DuckDB per test file. */
export const pipelineTestRunner: PipelineTestRunner = {
  list(loaded: LoadedProject): PipelineTestListing[] {
    return [...loaded.tests.values()]
      .sort((a, b) => a.path.localeCompare(b.path))
      .flatMap(file => {
        // loadProject reports a file that names no subject.
        const subject = testFileSubject(file.value);
        if (!subject) return [];
        return file.value.tests.map(test => ({
          file: file.path,
          name: test.name,
          ...(test.description && { description: test.description }),
          subject,
        }));
      });
  },
  run: (loaded, options) => runPipelineTests(loaded, options),
};
