import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import { actionContext } from '../lib/__testUtils__/actionContext';
import path from 'node:path';
import { createCompileAction } from './compile';
import {
  expectUpToDateProject,
  testStandards,
} from '../lib/__testUtils__/projectChecks';
import { folderSnapshot } from '../lib/__testUtils__/folderSnapshot';

const helloWorld = path.resolve(__dirname, '../../../../examples/hello-world');

describe('data-mesh:compile', () => {
  const workspace = createMockDirectory();
  const action = createCompileAction({ standards: testStandards });

  beforeEach(() => {
    workspace.clear();
    fs.cpSync(helloWorld, workspace.resolve('project'), { recursive: true });
  });

  const run = (input: Record<string, unknown>) =>
    action.handler(actionContext(input, { workspacePath: workspace.path }));

  it('writes missing and stale generated files and removes extra ones', async () => {
    const project = workspace.resolve('project');
    fs.rmSync(`${project}/generated/manifest.json`);
    fs.writeFileSync(`${project}/generated/sql/ComputeSales.sql`, '-- stale');
    fs.writeFileSync(`${project}/generated/sql/Gone.sql`, '-- no pipeline');

    const ctx = actionContext(
      { path: 'project' },
      {
        workspacePath: workspace.path,
      },
    );
    await action.handler(ctx);

    await expectUpToDateProject(project);
    expect(fs.existsSync(`${project}/generated/sql/Gone.sql`)).toBe(false);
    expect(ctx.output).toHaveBeenCalledWith('written', [
      'generated/manifest.json',
      'generated/sql/ComputeSales.sql',
      'generated/sql/Gone.sql',
    ]);
  });

  it('lists the problems of a project with errors and writes nothing', async () => {
    const project = workspace.resolve('project');
    const pipeline = `${project}/pipelines/account_length_days.pipeline.yaml`;
    fs.writeFileSync(
      pipeline,
      fs
        .readFileSync(pipeline, 'utf8')
        .replace('account_close_date IS NULL', 'no_such_column IS NULL'),
    );
    fs.rmSync(`${project}/generated/manifest.json`);
    const before = folderSnapshot(workspace.path);

    await expect(run({ path: 'project' })).rejects.toThrow(
      /has errors; nothing was written:\npipelines\/account_length_days\.pipeline\.yaml:\d+:\d+: error: .*no_such_column/,
    );
    expect(folderSnapshot(workspace.path)).toEqual(before);
  });

  it('refuses a folder that is not a project, or not in the workspace', async () => {
    await expect(run({ path: 'nowhere' })).rejects.toThrow(
      "path: there is no folder 'nowhere' in the workspace",
    );
    await expect(run({ path: '.' })).rejects.toThrow(
      "path: '.' has no meshwork.yaml; it is not a data project",
    );
    await expect(run({ path: '../..' })).rejects.toThrow(
      /path: '..\/..' is outside the workspace/,
    );
  });
});
