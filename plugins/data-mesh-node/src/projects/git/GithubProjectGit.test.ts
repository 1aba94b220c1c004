import { ConflictError } from '@backstage/errors';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { Octokit } from '@octokit/rest';
import { GitRefError } from '../readProjectAtGitRef';
import { MAX_PROJECT_FILE_BYTES } from '../projectPaths';
import {
  FakeGithubApi,
  FakeGithubApiOptions,
} from '../../testUtils/fakeGithubApi';
import { GithubProjectGit } from './GithubProjectGit';
import { StaleBranchError } from './ProjectGit';

const author = { name: 'Sam Sales', email: 'sam@acme.example' };
const pipeline = 'pipelines/ComputeSales.pipeline.yaml';
const branch = 'meshwork/sam/ComputeSales';
const token = 't0ken';
const projectFiles = {
  'meshwork.yaml': 'name: hello\n',
  [pipeline]: 'version: 1\n',
  'generated/sql/ComputeSales.sql': 'SELECT 1\n',
};

function integrationsFor(apiBaseUrl: string, configuredToken = token) {
  return ScmIntegrations.fromConfig(
    new ConfigReader({
      integrations: {
        github: [
          { host: 'github.example.com', apiBaseUrl, token: configuredToken },
        ],
      },
    }),
  );
}

describe('GithubProjectGit', () => {
  const apis: FakeGithubApi[] = [];
  afterEach(async () => {
    for (const api of apis.splice(0)) await api.close();
  });

  async function project(
    options: Partial<FakeGithubApiOptions> & { pageSize?: number } = {},
  ) {
    const folder = options.folder ?? '';
    const api = await FakeGithubApi.start({
      token,
      owner: 'acme',
      repo: 'sales',
      files: projectFiles,
      ...options,
    });
    apis.push(api);
    const url = `https://github.example.com/acme/sales/tree/main${
      folder ? `/${folder}` : ''
    }`;
    const fromUrl = GithubProjectGit.fromUrl(url, {
      integrations: integrationsFor(api.apiBaseUrl),
    })!;
    const repo = options.pageSize
      ? new GithubProjectGit({
          location: url,
          owner: 'acme',
          repo: 'sales',
          folder,
          octokit: async () =>
            new Octokit({ baseUrl: api.apiBaseUrl, auth: token }),
          pageSize: options.pageSize,
        })
      : fromUrl;
    return { api, repo, first: api.firstCommit!, url };
  }

  it('commits to a new branch without touching the default branch', async () => {
    const { api, repo, first } = await project();
    expect(await repo.defaultBranch()).toBe('main');
    expect(await repo.branchHead(branch)).toBeUndefined();

    const commit = await repo.commit({
      branch,
      expectedHead: null,
      parent: first,
      changes: [
        { path: pipeline, content: 'version: 2\n' },
        { path: 'generated/sql/ComputeSales.sql', content: 'SELECT 2\n' },
      ],
      author,
      message: 'Filter the sales',
    });

    expect(await repo.branchHead(branch)).toBe(commit);
    expect(await repo.branchHead('main')).toBe(first);
    expect(await repo.readFile(commit, pipeline)).toBe('version: 2\n');
    expect(await repo.readFile(first, pipeline)).toBe('version: 1\n');
    expect(await api.readRepositoryFile('main', pipeline)).toBe('version: 1\n');
    expect(await repo.readFile(commit, 'meshwork.yaml')).toBe('name: hello\n');
    expect(await repo.changedPaths(commit)).toEqual([
      'generated/sql/ComputeSales.sql',
      pipeline,
    ]);
    const [latest] = await repo.log(branch);
    expect(latest).toMatchObject({
      commit,
      parents: [first],
      message: 'Filter the sales',
      author,
    });
    expect(Date.parse(latest.authoredAt)).toBeGreaterThan(Date.now() - 60_000);
    // Octokit sends the branch's name URL-encoded, slashes and all.
    expect(api.requests).toContainEqual(
      expect.objectContaining({
        method: 'GET',
        path: `/repos/acme/sales/git/ref/heads/${branch}`,
        rawPath:
          '/repos/acme/sales/git/ref/heads%2Fmeshwork%2Fsam%2FComputeSales',
      }),
    );
  });

  it('moves an existing branch forward', async () => {
    const { repo, first } = await project();
    const one = await repo.commit({
      branch,
      expectedHead: null,
      parent: first,
      changes: [{ path: pipeline, content: 'version: 2\n' }],
      author,
      message: 'One',
    });
    const two = await repo.commit({
      branch,
      expectedHead: one,
      parent: one,
      changes: [{ path: pipeline, content: 'version: 3\n' }],
      author,
      message: 'Two',
    });
    expect(await repo.branchHead(branch)).toBe(two);
    expect(await repo.readFile(two, pipeline)).toBe('version: 3\n');
    expect((await repo.log(branch)).map(c => c.commit)).toEqual([
      two,
      one,
      first,
    ]);
  });

  it('refuses to commit on a branch that moved, and changes nothing', async () => {
    const { repo, first } = await project();
    const mine = await repo.commit({
      branch,
      expectedHead: null,
      parent: first,
      changes: [{ path: pipeline, content: 'version: 2\n' }],
      author,
      message: 'One',
    });
    const attempt = (expectedHead: string | null) =>
      repo.commit({
        branch,
        expectedHead,
        parent: first,
        changes: [{ path: pipeline, content: 'version: 3\n' }],
        author,
        message: 'Two',
      });
    await expect(attempt(null)).rejects.toBeInstanceOf(StaleBranchError);
    await expect(attempt(first)).rejects.toBeInstanceOf(StaleBranchError);
    expect(await repo.branchHead(branch)).toBe(mine);
  });

  it('refuses to create a branch someone created after the check', async () => {
    const { api, repo, first } = await project();
    let theirs: string | undefined;
    api.beforeNextRequest(
      r => r.method === 'POST' && r.path.endsWith('/git/refs'),
      async () => {
        theirs = await api.commitDirectly({
          branch,
          files: { [pipeline]: 'version: theirs\n' },
        });
      },
    );
    await expect(
      repo.commit({
        branch,
        expectedHead: null,
        parent: first,
        changes: [{ path: pipeline, content: 'version: 2\n' }],
        author,
        message: 'Mine',
      }),
    ).rejects.toThrow(/moved meanwhile \(Reference already exists\)/);
    expect(await repo.branchHead(branch)).toBe(theirs);
  });

  it('refuses to update a branch someone pushed to after the check', async () => {
    const { api, repo, first } = await project();
    const mine = await repo.commit({
      branch,
      expectedHead: null,
      parent: first,
      changes: [{ path: pipeline, content: 'version: 2\n' }],
      author,
      message: 'Mine',
    });
    let theirs: string | undefined;
    api.beforeNextRequest(
      r => r.method === 'PATCH',
      async () => {
        theirs = await api.commitDirectly({
          branch,
          files: { 'meshwork.yaml': 'name: theirs\n' },
        });
      },
    );
    const error = await repo
      .commit({
        branch,
        expectedHead: mine,
        parent: mine,
        changes: [{ path: pipeline, content: 'version: 3\n' }],
        author,
        message: 'Mine again',
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(StaleBranchError);
    expect(error.message).toMatch(/not a fast forward/);
    expect(await repo.branchHead(branch)).toBe(theirs);
    expect(await repo.readFile(theirs!, 'meshwork.yaml')).toBe(
      'name: theirs\n',
    );
    expect(api.requests).toContainEqual(
      expect.objectContaining({
        method: 'PATCH',
        path: `/repos/acme/sales/git/refs/heads/${branch}`,
      }),
    );
  });

  it('lets one of two simultaneous commits expecting the same head through', async () => {
    const { repo, first } = await project();
    const attempt = (content: string) =>
      repo.commit({
        branch,
        expectedHead: null,
        parent: first,
        changes: [{ path: pipeline, content }],
        author,
        message: content,
      });
    const results = await Promise.allSettled([
      attempt('version: 2\n'),
      attempt('version: 3\n'),
    ]);
    expect(results.map(r => r.status).sort()).toEqual([
      'fulfilled',
      'rejected',
    ]);
    const rejected = results.find(r => r.status === 'rejected');
    expect((rejected as PromiseRejectedResult).reason).toBeInstanceOf(
      StaleBranchError,
    );
  });

  it('removes files, and the folders they leave empty, and skips files that are not there', async () => {
    const { api, repo, first } = await project();
    const commit = await repo.commit({
      branch: 'cleanup',
      expectedHead: null,
      parent: first,
      changes: [
        { path: 'generated/sql/ComputeSales.sql', content: null },
        { path: 'generated/sql/Missing.sql', content: null },
      ],
      author,
      message: 'Remove the generated SQL',
    });
    expect((await repo.readFiles(commit)).map(f => f.path)).toEqual([
      'meshwork.yaml',
      pipeline,
    ]);
    expect(await api.repositoryFiles(commit)).toEqual([
      'meshwork.yaml',
      pipeline,
    ]);
    expect(await repo.changedPaths(commit)).toEqual([
      'generated/sql/ComputeSales.sql',
    ]);
  });

  it('lists only the commits that changed a file, up to a limit, across pages', async () => {
    const { repo, first, api } = await project({ pageSize: 1 });
    const one = await repo.commit({
      branch,
      expectedHead: null,
      parent: first,
      changes: [{ path: pipeline, content: 'version: 2\n' }],
      author,
      message: 'Change the pipeline\n',
    });
    const two = await repo.commit({
      branch,
      expectedHead: one,
      parent: one,
      changes: [{ path: 'meshwork.yaml', content: 'name: renamed\n' }],
      author,
      message: 'Rename the project',
    });
    expect((await repo.log(branch)).map(c => c.commit)).toEqual([
      two,
      one,
      first,
    ]);
    const history = await repo.log(branch, { path: pipeline });
    expect(history.map(c => c.commit)).toEqual([one, first]);
    expect(history[0].message).toBe('Change the pipeline');
    expect(history[1]).toEqual({
      commit: first,
      parents: [],
      message: 'Seed the project',
      author,
      authoredAt: '2023-11-14T22:13:20.000Z',
    });
    const before = api.requests.length;
    expect(
      (await repo.log(branch, { path: pipeline, limit: 1 })).map(c => c.commit),
    ).toEqual([one]);
    // One page of one commit was enough.
    expect(api.requests.length - before).toBe(1);
  });

  it('works on a project in a folder of its repository, by project paths', async () => {
    const { api, repo, first } = await project({
      folder: 'projects/hello-world',
    });
    expect(repo.folder).toBe('projects/hello-world');
    const commit = await repo.commit({
      branch: 'edit',
      expectedHead: null,
      parent: first,
      changes: [{ path: pipeline, content: 'version: 9\n' }],
      author,
      message: 'Edit',
    });
    expect(await repo.readFile(commit, pipeline)).toBe('version: 9\n');
    expect(await repo.changedPaths(commit)).toEqual([pipeline]);
    expect(
      await api.readRepositoryFile(commit, `projects/hello-world/${pipeline}`),
    ).toBe('version: 9\n');
    expect((await repo.readFiles(commit)).map(f => [f.path, f.text])).toEqual([
      ['generated/sql/ComputeSales.sql', 'SELECT 1\n'],
      ['meshwork.yaml', 'name: hello\n'],
      [pipeline, 'version: 9\n'],
    ]);
    expect(
      (await repo.log('edit', { path: pipeline })).map(c => c.commit),
    ).toEqual([commit, first]);
  });

  it('reads only the project folder, and only its project files', async () => {
    const { api, repo, first } = await project({
      folder: 'projects/hello-world',
    });
    const medium = 'x'.repeat(1_500_000);
    // Pushed outside the project, and files that are no project files.
    const commit = await api.commitDirectly({
      files: {
        '../other/meshwork.yaml': 'name: other\n',
        'pipelines/.ComputeSales.pipeline.yaml.swp': 'swap\n',
        'notes.txt': 'not a project file\n',
        'resources/big.txt': 'x'.repeat(MAX_PROJECT_FILE_BYTES + 1),
        'resources/medium.txt': medium,
        'generated/sql/Renamed.sql': 'SELECT 1\n',
        'generated/sql/ComputeSales.sql': null,
      },
    });
    const files = await repo.readFiles(commit);
    expect(files.map(f => f.path)).toEqual([
      'generated/sql/Renamed.sql',
      'meshwork.yaml',
      pipeline,
      'resources/medium.txt',
    ]);
    expect(files.find(f => f.path === 'resources/medium.txt')?.text).toBe(
      medium,
    );
    expect(
      (await repo.readFiles(commit, { sourcesOnly: true })).map(f => f.path),
    ).toEqual(['meshwork.yaml', pipeline]);
    expect((await repo.readFiles(first)).map(f => f.path)).toEqual([
      'generated/sql/ComputeSales.sql',
      'meshwork.yaml',
      pipeline,
    ]);
    // The contents API leaves out files over 1 MB: read from the blob.
    expect(await repo.readFile(commit, 'resources/medium.txt')).toBe(medium);
    expect(await repo.readFile(commit, 'resources')).toBeUndefined();
    expect(await repo.readFile(commit, 'missing.yaml')).toBeUndefined();
    expect(
      await repo.readFile(commit, '../other/meshwork.yaml'),
    ).toBeUndefined();
    expect(await repo.readFile('0'.repeat(40), pipeline)).toBeUndefined();
    // A rename is both paths; what is outside the project is neither.
    expect(await repo.changedPaths(commit)).toEqual([
      'generated/sql/ComputeSales.sql',
      'generated/sql/Renamed.sql',
      'notes.txt',
      'pipelines/.ComputeSales.pipeline.yaml.swp',
      'resources/big.txt',
      'resources/medium.txt',
    ]);
  });

  it('reads no files where the project folder is missing, and refuses unknown commits', async () => {
    const { api, repo } = await project({ folder: 'projects/hello-world' });
    const commit = await api.commitDirectly({
      files: {
        'meshwork.yaml': null,
        [pipeline]: null,
        'generated/sql/ComputeSales.sql': null,
        '../other/meshwork.yaml': 'name: other\n',
      },
    });
    expect(await repo.readFiles(commit)).toEqual([]);
    await expect(repo.readFiles('0'.repeat(40))).rejects.toBeInstanceOf(
      GitRefError,
    );
    await expect(repo.changedPaths('0'.repeat(40))).rejects.toBeInstanceOf(
      GitRefError,
    );
    await expect(repo.log('no-such-branch')).rejects.toBeInstanceOf(
      GitRefError,
    );
  });

  it('resolves abbreviated commit ids and rejects what is not a commit', async () => {
    const { api, repo, first } = await project();
    expect(await repo.resolveCommit(first)).toBe(first);
    expect(await repo.resolveCommit(first.slice(0, 10))).toBe(first);
    expect(await repo.resolveCommit('0000000000')).toBeUndefined();
    const before = api.requests.length;
    expect(await repo.resolveCommit('main; rm -rf /')).toBeUndefined();
    expect(await repo.resolveCommit('main')).toBeUndefined();
    expect(api.requests.length).toBe(before);
  });

  it("reads the repository's default branch", async () => {
    const { repo, first } = await project({ defaultBranch: 'trunk' });
    expect(await repo.defaultBranch()).toBe('trunk');
    expect(await repo.branchHead('trunk')).toBe(first);
    expect(await repo.branchHead('main')).toBeUndefined();
  });

  it('has no branches and no history in an empty repository', async () => {
    const { repo } = await project({ files: {} });
    expect(await repo.defaultBranch()).toBe('main');
    expect(await repo.branchHead('main')).toBeUndefined();
    expect(await repo.log('main')).toEqual([]);
  });

  it('opens a pull request into the default branch, then finds it open', async () => {
    const { api, repo, first } = await project();
    await repo.commit({
      branch,
      expectedHead: null,
      parent: first,
      changes: [{ path: pipeline, content: 'version: 2\n' }],
      author,
      message: 'Filter the sales',
    });
    const request = { branch, title: 'Filter the sales', body: 'From Sam' };
    expect(await repo.openPullRequest(request)).toEqual({
      number: 1,
      url: 'https://github.example.com/acme/sales/pull/1',
      created: true,
    });
    expect(await repo.openPullRequest(request)).toEqual({
      number: 1,
      url: 'https://github.example.com/acme/sales/pull/1',
      created: false,
    });
    expect(api.pullRequests).toEqual([
      {
        number: 1,
        title: 'Filter the sales',
        body: 'From Sam',
        head: branch,
        base: 'main',
        state: 'open',
      },
    ]);
  });

  it('says why GitHub refuses a pull request', async () => {
    const { repo } = await project();
    const refused = await repo
      .openPullRequest({ branch: 'missing', title: 'T', body: '' })
      .catch(e => e);
    expect(refused).toBeInstanceOf(ConflictError);
    expect(refused.message).toMatch(
      /GitHub refuses a pull request of the branch 'missing' into main of acme\/sales: .*Validation Failed/,
    );
  });

  it('says the credentials could not be used when GitHub refuses the token', async () => {
    const api = await FakeGithubApi.start({
      token,
      owner: 'acme',
      repo: 'sales',
      files: projectFiles,
    });
    apis.push(api);
    const repo = GithubProjectGit.fromUrl(
      'https://github.example.com/acme/sales/tree/main',
      { integrations: integrationsFor(api.apiBaseUrl, 'wrong') },
    )!;
    const error = await repo.defaultBranch().catch(e => e);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(/acme\/sales/);
    expect(error.message).toMatch(/401 Bad credentials/);
    expect(error.message).toMatch(
      /GitHub integration's credentials could not be used/,
    );
  });

  it('says GitHub found no repository', async () => {
    const { api } = await project();
    const repo = GithubProjectGit.fromUrl(
      'https://github.example.com/acme/missing',
      { integrations: integrationsFor(api.apiBaseUrl) },
    )!;
    await expect(repo.defaultBranch()).rejects.toThrow(
      /acme\/missing: GitHub found nothing \(404 Not Found\)/,
    );
  });

  describe('fromUrl', () => {
    const integrations = integrationsFor('https://github.example.com/api/v3');

    it('takes the owner, repository and folder from the URL', () => {
      const sub = GithubProjectGit.fromUrl(
        'https://github.example.com/acme/sales/tree/main/projects/hello-world',
        { integrations },
      );
      expect(sub).toMatchObject({
        location:
          'https://github.example.com/acme/sales/tree/main/projects/hello-world',
        owner: 'acme',
        repo: 'sales',
        folder: 'projects/hello-world',
      });
      for (const root of [
        'https://github.example.com/acme/sales/tree/main',
        'https://github.example.com/acme/sales/tree/main/',
        'https://github.example.com/acme/sales',
      ]) {
        expect(GithubProjectGit.fromUrl(root, { integrations })).toMatchObject({
          owner: 'acme',
          repo: 'sales',
          folder: '',
        });
      }
    });

    it('is undefined for a URL of no GitHub integration, or of no repository folder', () => {
      for (const url of [
        'https://gitlab.example.com/acme/sales/-/tree/main/projects/hello',
        'https://github.example.com/acme',
        'https://github.example.com/acme/sales/blob/main/meshwork.yaml',
      ]) {
        expect(GithubProjectGit.fromUrl(url, { integrations })).toBeUndefined();
      }
      expect(
        GithubProjectGit.fromUrl(
          'https://github.example.com/acme/sales/tree/main',
          {
            integrations: ScmIntegrations.fromConfig(
              new ConfigReader({ integrations: {} }),
            ),
          },
        ),
      ).toBeUndefined();
    });

    it('asks the credentials provider for each request', async () => {
      const api = await FakeGithubApi.start({
        token,
        owner: 'acme',
        repo: 'sales',
        files: projectFiles,
      });
      apis.push(api);
      const tokens = ['expired', token];
      const getCredentials = jest.fn(async () => ({
        type: 'app' as const,
        token: tokens.shift() ?? token,
      }));
      const repo = GithubProjectGit.fromUrl(
        'https://github.example.com/acme/sales/tree/main',
        {
          integrations: integrationsFor(api.apiBaseUrl),
          credentialsProvider: { getCredentials },
        },
      )!;
      await expect(repo.defaultBranch()).rejects.toThrow(/401/);
      expect(await repo.defaultBranch()).toBe('main');
      expect(getCredentials).toHaveBeenCalledWith({
        url: 'https://github.example.com/acme/sales/tree/main',
      });
    });
  });
});
