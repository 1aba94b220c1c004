/** @jest-environment node */
import { TestDatabases } from '@backstage/backend-test-utils';
import git from 'isomorphic-git';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import {
  authorizationOf,
  dataProjectComponent,
  ROLES,
  startDemoBackend,
} from './__testUtils__/demoRoles';
import { helloWorldWorkspaces } from './__testUtils__/helloWorldWorkspace';
import {
  branchHead as headOf,
  commitProjectFolder,
  readAt,
  samUser,
} from './__testUtils__/projectRepository';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const workspace = helloWorldWorkspaces('data-mesh-editor-');

const PIPELINE = '/api/data-mesh/projects/hello-world/pipelines/ComputeSales';
const FILE = 'pipelines/ComputeSales.pipeline.yaml';
const BRANCH = 'meshwork/sam/ComputeSales';
const CONDITION = "condition: order_status = 'completed'";

describe.each(databases.eachSupportedId())(
  'the pipeline editor endpoints, on %p',
  databaseId => {
    let backend: Awaited<ReturnType<typeof startDemoBackend>>;
    let project: string;
    let seeded: string;
    let original: string;

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      const ws = workspace();
      project = ws.project;
      seeded = await commitProjectFolder(project);
      original = fs.readFileSync(path.join(project, FILE), 'utf8');
      backend = await startDemoBackend({
        knex,
        dataMesh: { engines: { duckdb: { path: ws.warehouse } } },
        catalog: [dataProjectComponent('hello-world', project), samUser],
      });
    });
    afterAll(async () => {
      await backend?.stop();
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
      put: (url: string, body: object) =>
        request(backend.server)
          .put(url)
          .set('Authorization', authorizationOf(user))
          .send(body),
      delete: (url: string) =>
        request(backend.server)
          .delete(url)
          .set('Authorization', authorizationOf(user)),
    });

    const branchHead = () => headOf(project, BRANCH);

    it('opens the pipeline at the default branch, read-only for another team', async () => {
      const res = await as(ROLES.owner).get(`${PIPELINE}/source`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        project: 'hello-world',
        pipeline: 'ComputeSales',
        path: FILE,
        branch: BRANCH,
        branchExists: false,
        commit: seeded,
        text: original,
        defaultBranch: { name: 'main', commit: seeded, text: original },
        diagnostics: [],
        canEdit: true,
      });
      const fiona = await as(ROLES.consumer).get(`${PIPELINE}/source`);
      expect(fiona.status).toBe(200);
      expect(fiona.body).toMatchObject({
        canEdit: false,
        branch: 'meshwork/fiona/ComputeSales',
      });
      const priya = await as(ROLES.platform).get(`${PIPELINE}/source`);
      expect(priya.status).toBe(200);
      expect(priya.body.canEdit).toBe(true);
      expect((await as(null).get(`${PIPELINE}/source`)).status).toBe(401);
      const missing = await as(ROLES.owner).get(
        '/api/data-mesh/projects/hello-world/pipelines/Nope/source',
      );
      expect(missing.status).toBe(404);
      const badName = await as(ROLES.owner).get(
        '/api/data-mesh/projects/hello-world/pipelines/..%2Fmeshwork/source',
      );
      expect(badName.status).toBe(400);
    });

    it('refuses a save by another team, and one of a project with errors, committing nothing', async () => {
      const edited = original.replace(
        CONDITION,
        "condition: order_status = 'shipped'",
      );
      const fiona = await as(ROLES.consumer).post(`${PIPELINE}/commits`, {
        text: edited,
        baseCommit: seeded,
        message: 'Mine now',
      });
      expect(fiona.status).toBe(403);
      const fionaDraft = await as(ROLES.consumer).put(`${PIPELINE}/draft`, {
        text: edited,
        baseCommit: seeded,
      });
      expect(fionaDraft.status).toBe(403);
      const fionaRevert = await as(ROLES.consumer).post(`${PIPELINE}/reverts`, {
        commit: seeded,
      });
      expect(fionaRevert.status).toBe(403);

      const broken = await as(ROLES.owner).post(`${PIPELINE}/commits`, {
        text: original.replace(CONDITION, 'condition: order_status = = 1'),
        baseCommit: seeded,
        message: 'Broken',
      });
      expect(broken.status).toBe(400);
      expect(broken.body.error.message).toContain('nothing was committed');
      expect(broken.body.diagnostics).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            file: FILE,
            severity: 'error',
            code: 'invalid-expression',
            line: expect.any(Number),
            column: expect.any(Number),
          }),
        ]),
      );

      const badBase = await as(ROLES.owner).post(`${PIPELINE}/commits`, {
        text: edited,
        baseCommit: 'abcdef12',
        message: 'x',
      });
      expect(badBase.status).toBe(400);
      expect(badBase.body.error.message).toContain('baseCommit');

      const noMessage = await as(ROLES.owner).post(`${PIPELINE}/commits`, {
        text: edited,
        baseCommit: seeded,
        message: '   ',
      });
      expect(noMessage.status).toBe(400);
      expect(noMessage.body.error.message).toContain('message');
      expect(await branchHead()).toBeUndefined();
    });

    let first: string;
    it("commits an edit with its regenerated code to the user's branch, leaving the default branch alone", async () => {
      const edited = original.replace(
        CONDITION,
        "condition: order_status IN ('completed', 'shipped')",
      );
      const res = await as(ROLES.owner).post(`${PIPELINE}/commits`, {
        text: edited,
        baseCommit: seeded,
        message: 'Count shipped orders as sales',
      });
      expect(res.status).toBe(201);
      first = res.body.commit;
      expect(res.body).toMatchObject({ branch: BRANCH, parent: seeded });
      // The manifest does not describe filter conditions: it stays as it is.
      expect(res.body.changedPaths).toEqual([
        'generated/python/ComputeSales.py',
        'generated/sql/ComputeSales.sql',
        FILE,
      ]);
      expect(await branchHead()).toBe(first);
      expect(await readAt(project, BRANCH, FILE)).toBe(edited);
      expect(
        await readAt(project, BRANCH, 'generated/sql/ComputeSales.sql'),
      ).toContain("IN ('completed', 'shipped')");
      // What runs is untouched: the default branch and the work tree.
      expect(await git.resolveRef({ fs, dir: project, ref: 'main' })).toBe(
        seeded,
      );
      expect(fs.readFileSync(path.join(project, FILE), 'utf8')).toBe(original);
      const { commit } = await git.readCommit({ fs, dir: project, oid: first });
      expect(commit.author).toMatchObject({
        name: 'Sam Sales',
        email: 'sam@acme.example',
      });
      expect(commit.message).toBe('Count shipped orders as sales\n');

      const reopened = await as(ROLES.owner).get(`${PIPELINE}/source`);
      expect(reopened.body).toMatchObject({
        branchExists: true,
        commit: first,
        text: edited,
        defaultBranch: { commit: seeded, text: original },
      });
      const unchanged = await as(ROLES.owner).post(`${PIPELINE}/commits`, {
        text: edited,
        baseCommit: first,
        message: 'Again',
      });
      expect(unchanged.status).toBe(400);
      expect(unchanged.body.error.message).toContain('nothing to commit');
    });

    it('answers a save from a stale base with the three versions, and commits the merge', async () => {
      const stale = original.replace(
        'label: Completed orders',
        'label: Completed sales',
      );
      const conflict = await as(ROLES.owner).post(`${PIPELINE}/commits`, {
        text: stale,
        baseCommit: seeded,
        message: 'Rename the filter',
      });
      expect(conflict.status).toBe(409);
      expect(conflict.body.conflict).toEqual({
        path: FILE,
        base: { commit: seeded, text: original },
        theirs: { commit: first, text: expect.stringContaining("'shipped'") },
        yours: { text: stale },
      });
      expect(await branchHead()).toBe(first);

      const merged = conflict.body.conflict.theirs.text.replace(
        'label: Completed orders',
        'label: Completed sales',
      );
      const res = await as(ROLES.owner).post(`${PIPELINE}/commits`, {
        text: merged,
        baseCommit: first,
        message: 'Rename the filter',
      });
      expect(res.status).toBe(201);
      const text = await readAt(project, BRANCH, FILE);
      expect(text).toContain("'shipped'");
      expect(text).toContain('label: Completed sales');
    });

    it('lists the history and reverts a commit as a new one', async () => {
      const history = await as(ROLES.owner).get(`${PIPELINE}/commits`);
      expect(history.status).toBe(200);
      expect(history.body.ref).toBe(BRANCH);
      expect(history.body.commits.map((c: any) => c.message)).toEqual([
        'Rename the filter',
        'Count shipped orders as sales',
        'Hello World',
      ]);
      expect(history.body.commits.map((c: any) => c.onDefaultBranch)).toEqual([
        false,
        false,
        true,
      ]);
      const [latest] = history.body.commits;
      expect(latest.changedPaths).toContain(FILE);
      expect(latest.author).toEqual({
        name: 'Sam Sales',
        email: 'sam@acme.example',
      });

      const older = await as(ROLES.owner).get(
        `${PIPELINE}/source?at=${first.slice(0, 8)}`,
      );
      expect(older.status).toBe(200);
      expect(older.body.commit).toBe(first);
      expect(older.body.text).not.toContain('Completed sales');

      // The file changed again after the first edit: revert that by hand.
      const changedSince = await as(ROLES.owner).post(`${PIPELINE}/reverts`, {
        commit: first,
      });
      expect(changedSince.status).toBe(409);
      expect(changedSince.body.conflict.theirs.commit).toBe(latest.commit);

      const reverted = await as(ROLES.owner).post(`${PIPELINE}/reverts`, {
        commit: latest.commit,
      });
      expect(reverted.status).toBe(201);
      expect(await readAt(project, BRANCH, FILE)).toBe(
        await readAt(project, first, FILE),
      );
      const { commit } = await git.readCommit({
        fs,
        dir: project,
        oid: reverted.body.commit,
      });
      expect(commit.message).toBe(
        `Revert "Rename the filter"\n\nThis reverts commit ${latest.commit}.\n`,
      );

      // With the rename undone, the first edit is reverted cleanly too.
      const back = await as(ROLES.owner).post(`${PIPELINE}/reverts`, {
        commit: first,
      });
      expect(back.status).toBe(201);
      expect(await readAt(project, BRANCH, FILE)).toBe(original);
      expect(
        await readAt(project, BRANCH, 'generated/sql/ComputeSales.sql'),
      ).toBe(
        fs.readFileSync(
          path.join(project, 'generated/sql/ComputeSales.sql'),
          'utf8',
        ),
      );
      const refused = await as(ROLES.consumer).post(`${PIPELINE}/reverts`, {
        commit: first,
      });
      expect(refused.status).toBe(403);
    });

    it('has no pull requests for a local repository: a 501 saying to merge with git', async () => {
      const body = { title: 'Only shipped orders' };
      const sam = await as(ROLES.owner).post(`${PIPELINE}/pull-request`, body);
      expect(sam.status).toBe(501);
      expect(sam.body.error.message).toContain(
        `merge the branch '${BRANCH}' with git`,
      );
      const fiona = await as(ROLES.consumer).post(
        `${PIPELINE}/pull-request`,
        body,
      );
      expect(fiona.status).toBe(403);
      const untitled = await as(ROLES.owner).post(`${PIPELINE}/pull-request`, {
        title: '  ',
      });
      expect(untitled.status).toBe(400);
      expect(untitled.body.error.message).toContain('title');
      const source = await as(ROLES.owner).get(`${PIPELINE}/source`);
      expect(source.body.pullRequests).toBe(false);
    });

    it("keeps the user's draft until it is committed", async () => {
      const head = (await branchHead())!;
      const draft = { text: `${original}# thinking\n`, baseCommit: head };
      expect((await as(ROLES.owner).get(`${PIPELINE}/draft`)).status).toBe(404);
      const put = await as(ROLES.owner).put(`${PIPELINE}/draft`, draft);
      expect(put.status).toBe(200);
      const got = await as(ROLES.owner).get(`${PIPELINE}/draft`);
      expect(got.body).toMatchObject({ ...draft, pipeline: 'ComputeSales' });
      // Nobody else sees it, and another team may not keep one.
      expect(
        (await as('user:default/sofia').get(`${PIPELINE}/draft`)).status,
      ).toBe(404);
      expect(
        (await as(ROLES.consumer).put(`${PIPELINE}/draft`, draft)).status,
      ).toBe(403);

      const saved = await as(ROLES.owner).post(`${PIPELINE}/commits`, {
        ...draft,
        message: 'Note a thought',
      });
      expect(saved.status).toBe(201);
      expect((await as(ROLES.owner).get(`${PIPELINE}/draft`)).status).toBe(404);
      await as(ROLES.owner).put(`${PIPELINE}/draft`, draft);
      const discarded = await as(ROLES.owner).delete(`${PIPELINE}/draft`);
      expect(discarded.body).toEqual({ discarded: true });
    });

    it('takes a pipeline file of a 500-gem size', async () => {
      const head = (await branchHead())!;
      const text = `${original}${'# padding a large pipeline file\n'.repeat(
        6000,
      )}`;
      expect(text.length).toBeGreaterThan(160_000);
      const res = await as(ROLES.owner).post(`${PIPELINE}/commits`, {
        text,
        baseCommit: head,
        message: 'A large file',
      });
      expect(res.status).toBe(201);
    });
  },
);

describe('the pipeline editor on a project without git', () => {
  const ws = helloWorldWorkspaces('data-mesh-editor-nogit-');
  it('answers 501', async () => {
    const { project, warehouse } = ws();
    const backend = await startDemoBackend({
      dataMesh: { engines: { duckdb: { path: warehouse } } },
      catalog: [dataProjectComponent('hello-world', project)],
    });
    try {
      const res = await request(backend.server)
        .get(`${PIPELINE}/source`)
        .set('Authorization', authorizationOf(ROLES.owner));
      expect(res.status).toBe(501);
    } finally {
      await backend.stop();
    }
  });
});
