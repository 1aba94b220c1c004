/** @jest-environment node */
import { mockServices } from '@backstage/backend-test-utils';
import { UrlReaderServiceReadTreeResponse } from '@backstage/backend-plugin-api';
import { ANNOTATION_PROJECT_REPO } from '@meshwork/data-mesh-common';
import { readProjectFolder } from '@meshwork/data-mesh-node';
import { FakeGithubApi } from '@meshwork/data-mesh-node/testUtils';
import request from 'supertest';
import {
  authorizationOf,
  ROLES,
  startDemoBackend,
} from './__testUtils__/demoRoles';
import { helloWorldWorkspaces } from './__testUtils__/helloWorldWorkspace';
import { samUser } from './__testUtils__/projectRepository';

jest.setTimeout(120_000);

const workspace = helloWorldWorkspaces('data-mesh-github-');
const TOKEN = 'ghs_meshwork_test';
const FOLDER = 'projects/hello-world';
const URL = `https://github.example.com/acme/sales/tree/main/${FOLDER}`;
const PIPELINE = '/api/data-mesh/projects/hello-world/pipelines/ComputeSales';
const FILE = 'pipelines/ComputeSales.pipeline.yaml';
const BRANCH = 'meshwork/sam/ComputeSales';
const CONDITION = "condition: order_status = 'completed'";

/**
 * A UrlReader that reads the fake's default branch, as Backstage's GitHub
 * reader reads a repository folder: what the catalog and previews see.
 */
function readerOf(github: FakeGithubApi) {
  return mockServices.urlReader.mock({
    readTree: async () => {
      const prefix = `${FOLDER}/`;
      const paths = (await github.repositoryFiles('main')).filter(p =>
        p.startsWith(prefix),
      );
      const files = await Promise.all(
        paths.map(async p => {
          const text = (await github.readRepositoryFile('main', p)) ?? '';
          return {
            path: p.slice(prefix.length),
            content: async () => Buffer.from(text),
          };
        }),
      );
      return {
        files: async () => files,
        etag: `${files.length}:${paths.join()}`,
      } as unknown as UrlReaderServiceReadTreeResponse;
    },
  }).factory;
}

describe('the pipeline editor on a project that lives on GitHub', () => {
  let github: FakeGithubApi;
  let backend: Awaited<ReturnType<typeof startDemoBackend>>;
  let original: string;

  beforeAll(async () => {
    const ws = workspace();
    const files = await readProjectFolder(ws.project);
    original = files.find(f => f.path === FILE)!.text;
    github = await FakeGithubApi.start({
      token: TOKEN,
      owner: 'acme',
      repo: 'sales',
      folder: FOLDER,
      files: Object.fromEntries(files.map(f => [f.path, f.text])),
      webBaseUrl: 'https://github.example.com',
    });
    backend = await startDemoBackend({
      dataMesh: { engines: { duckdb: { path: ws.warehouse } } },
      config: {
        integrations: {
          github: [
            {
              host: 'github.example.com',
              apiBaseUrl: github.apiBaseUrl,
              token: TOKEN,
            },
          ],
        },
      },
      catalog: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: {
            name: 'hello-world',
            namespace: 'default',
            annotations: { [ANNOTATION_PROJECT_REPO]: `url:${URL}` },
          },
          spec: {
            type: 'data-project',
            lifecycle: 'experimental',
            owner: 'group:default/sales-analytics',
          },
        },
        samUser,
      ],
      extraFeatures: [readerOf(github)],
    });
  });
  afterAll(async () => {
    await backend?.stop();
    await github?.close();
  });

  const as = (user: string | null) => ({
    get: (url: string) =>
      request(backend.server)
        .get(url)
        .set('Authorization', authorizationOf(user)),
    post: (url: string, body: object) =>
      request(backend.server)
        .post(url)
        .set('Authorization', authorizationOf(user))
        .send(body),
  });

  it('lets the owning and platform teams, and nobody else, open pull requests of pipelines and jobs', async () => {
    const JOB = '/api/data-mesh/projects/hello-world/jobs/DailySummary';
    for (const endpoint of [PIPELINE, JOB]) {
      const url = `${endpoint}/pull-request`;
      const body = { title: 'Proposed' };
      expect((await as(null).post(url, body)).status).toBe(401);
      expect((await as(ROLES.consumer).post(url, body)).status).toBe(403);
      // Allowed through: neither has a branch to propose yet.
      for (const user of [ROLES.owner, ROLES.platform]) {
        const res = await as(user).post(url, body);
        expect(res.status).toBe(409);
        expect(res.body.error.message).toContain('save a commit');
      }
    }
    expect(github.pullRequests).toEqual([]);
  });

  it('commits to a branch through the GitHub API and opens one pull request of it', async () => {
    const opened = await as(ROLES.owner).get(`${PIPELINE}/source`);
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({
      branch: BRANCH,
      branchExists: false,
      pullRequests: true,
      text: original,
      defaultBranch: { name: 'main', commit: github.firstCommit },
      diagnostics: [],
      canEdit: true,
    });

    const early = await as(ROLES.owner).post(`${PIPELINE}/pull-request`, {
      title: 'Only shipped orders',
    });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('save a commit');
    expect(github.pullRequests).toEqual([]);

    const edited = original.replace(
      CONDITION,
      "condition: order_status = 'shipped'",
    );
    const saved = await as(ROLES.owner).post(`${PIPELINE}/commits`, {
      text: edited,
      baseCommit: opened.body.commit,
      message: 'Only shipped orders',
    });
    expect(saved.status).toBe(201);
    expect(saved.body.changedPaths).toEqual(
      expect.arrayContaining([FILE, 'generated/sql/ComputeSales.sql']),
    );
    expect(await github.readRepositoryFile(BRANCH, `${FOLDER}/${FILE}`)).toBe(
      edited,
    );
    expect(
      await github.readRepositoryFile(
        BRANCH,
        `${FOLDER}/generated/sql/ComputeSales.sql`,
      ),
    ).toContain("'shipped'");
    expect(await github.readRepositoryFile('main', `${FOLDER}/${FILE}`)).toBe(
      original,
    );

    const fiona = await as(ROLES.consumer).post(`${PIPELINE}/pull-request`, {
      title: 'Sneaky',
    });
    expect(fiona.status).toBe(403);

    const pr = await as(ROLES.owner).post(`${PIPELINE}/pull-request`, {
      title: 'Only shipped orders',
    });
    expect(pr.status).toBe(201);
    expect(pr.body).toEqual({
      number: 1,
      url: 'https://github.example.com/acme/sales/pull/1',
      created: true,
    });
    expect(github.pullRequests).toEqual([
      expect.objectContaining({
        number: 1,
        head: BRANCH,
        base: 'main',
        title: 'Only shipped orders',
        body: expect.stringContaining('`ComputeSales`'),
      }),
    ]);

    const again = await as(ROLES.owner).post(`${PIPELINE}/pull-request`, {
      title: 'Only shipped orders, again',
      body: 'Second try',
    });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...pr.body, created: false });
    expect(github.pullRequests).toHaveLength(1);

    const history = await as(ROLES.owner).get(`${PIPELINE}/commits`);
    expect(history.status).toBe(200);
    expect(history.body.ref).toBe(BRANCH);
    expect(history.body.commits[0]).toMatchObject({
      commit: saved.body.commit,
      message: 'Only shipped orders',
      author: { name: 'Sam Sales', email: 'sam@acme.example' },
      onDefaultBranch: false,
    });
  });
});
