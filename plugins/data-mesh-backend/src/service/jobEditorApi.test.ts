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
const workspace = helloWorldWorkspaces('data-mesh-job-editor-');

const JOB = '/api/data-mesh/projects/hello-world/jobs/DailySummary';
const FILE = 'jobs/DailySummary.job.yaml';
const BUNDLE = 'resources/daily_summary.job.yml';
const MANIFEST = 'generated/manifest.json';
const BRANCH = 'meshwork/sam/DailySummary.job';
const SCHEDULE = 'cron: 0 0 6 * * ?';
const SOFIA = 'user:default/sofia';

describe.each(databases.eachSupportedId())(
  'the jobs view endpoints, on %p',
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
    });

    const branchHead = (branch = BRANCH) => headOf(project, branch);

    it('opens the job at the default branch, parsed, for every reader, editable by its team and the platform team', async () => {
      const res = await as(ROLES.owner).get(`${JOB}/source`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        project: 'hello-world',
        job: 'DailySummary',
        path: FILE,
        branch: BRANCH,
        branchExists: false,
        commit: seeded,
        text: original,
        defaultBranch: { name: 'main', commit: seeded, text: original },
        diagnostics: [],
        canEdit: true,
      });
      expect(res.body.value).toMatchObject({
        name: 'DailySummary',
        schedule: {
          cron: '0 0 6 * * ?',
          timezone: 'Europe/Amsterdam',
          paused: false,
        },
        alerts: {
          onFailure: ['data-platform@example.com'],
          onQualityBreach: ['sales-analytics@example.com'],
        },
        parameters: [expect.objectContaining({ name: 'as_of_date' })],
      });
      expect(res.body.value.tasks[2]).toEqual({
        key: 'account_lengths',
        pipeline: 'account_length_days',
        dependsOn: ['customer_accounts'],
        parameters: { as_of_date: '{{job.parameters.as_of_date}}' },
      });
      expect(res.body.pipelines).toEqual([
        'ComputeSales',
        'CustomerAccounts',
        'Join-customers-redo',
        'account_length_days',
      ]);

      const fiona = await as(ROLES.consumer).get(`${JOB}/source`);
      expect(fiona.status).toBe(200);
      expect(fiona.body).toMatchObject({
        canEdit: false,
        branch: 'meshwork/fiona/DailySummary.job',
        text: original,
      });
      for (const user of [SOFIA, ROLES.platform]) {
        const editor = await as(user).get(`${JOB}/source`);
        expect(editor.status).toBe(200);
        expect(editor.body.canEdit).toBe(true);
      }
      expect((await as(null).get(`${JOB}/source`)).status).toBe(401);
      const missing = await as(ROLES.owner).get(
        '/api/data-mesh/projects/hello-world/jobs/Nope/source',
      );
      expect(missing.status).toBe(404);
      const badName = await as(ROLES.owner).get(
        '/api/data-mesh/projects/hello-world/jobs/..%2Fmeshwork/source',
      );
      expect(badName.status).toBe(400);
    });

    it('says whether the caller may edit on the project', async () => {
      const owner = await as(ROLES.owner).get(
        '/api/data-mesh/projects/hello-world',
      );
      expect(owner.body.canEdit).toBe(true);
      const fiona = await as(ROLES.consumer).get(
        '/api/data-mesh/projects/hello-world',
      );
      expect(fiona.body.canEdit).toBe(false);
    });

    it('refuses a commit by another team, and one of a job that does not compile, committing nothing', async () => {
      const paused = original.replace('paused: false', 'paused: true');
      const fiona = await as(ROLES.consumer).post(`${JOB}/commits`, {
        text: paused,
        baseCommit: seeded,
        message: 'Pause it',
      });
      expect(fiona.status).toBe(403);

      // A task running a pipeline the project does not have, at its line.
      const unknownPipeline = await as(ROLES.owner).post(`${JOB}/commits`, {
        text: original.replace(
          'pipeline: CustomerAccounts',
          'pipeline: NoSuchPipeline',
        ),
        baseCommit: seeded,
        message: 'Run a pipeline that is not there',
      });
      expect(unknownPipeline.status).toBe(400);
      expect(unknownPipeline.body.error.message).toContain(
        'nothing was committed',
      );
      const line =
        original
          .split('\n')
          .findIndex(l => l.includes('pipeline: CustomerAccounts')) + 1;
      expect(unknownPipeline.body.diagnostics).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            file: FILE,
            severity: 'error',
            line,
            column: expect.any(Number),
          }),
        ]),
      );

      // A schedule that is no Quartz cron expression, and a cycle.
      const badCron = await as(ROLES.owner).post(`${JOB}/commits`, {
        text: original.replace(SCHEDULE, 'cron: every morning'),
        baseCommit: seeded,
        message: 'Schedule in words',
      });
      expect(badCron.status).toBe(400);
      const cronLine =
        original.split('\n').findIndex(l => l.includes(SCHEDULE)) + 1;
      expect(badCron.body.diagnostics).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            file: FILE,
            line: cronLine,
            column: expect.any(Number),
            path: expect.stringContaining('schedule.cron'),
          }),
        ]),
      );
      const cycle = await as(ROLES.owner).post(`${JOB}/commits`, {
        text: original.replace(
          '  - key: customer_accounts\n    pipeline: CustomerAccounts\n',
          '  - key: customer_accounts\n    pipeline: CustomerAccounts\n    dependsOn:\n      - account_lengths\n',
        ),
        baseCommit: seeded,
        message: 'Go round',
      });
      expect(cycle.status).toBe(400);
      expect(cycle.body.diagnostics).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ file: FILE, code: 'cycle' }),
        ]),
      );

      const noMessage = await as(ROLES.owner).post(`${JOB}/commits`, {
        text: paused,
        baseCommit: seeded,
        message: ' ',
      });
      expect(noMessage.status).toBe(400);
      expect(noMessage.body.error.message).toContain('message');
      expect(await branchHead()).toBeUndefined();
      expect(await branchHead('meshwork/fiona/DailySummary.job')).toBe(
        undefined,
      );
    });

    let first: string;
    it("commits an edit with the regenerated bundle and manifest to the user's branch, leaving the default branch alone", async () => {
      const edited = original
        .replace(SCHEDULE, 'cron: 0 30 5 * * ?')
        .replace('paused: false', 'paused: true')
        .replace(
          '    - data-platform@example.com\n',
          '    - data-platform@example.com\n    - sam@acme.example\n',
        );
      const res = await as(ROLES.owner).post(`${JOB}/commits`, {
        text: edited,
        baseCommit: seeded,
        message: 'Run DailySummary at 5:30, paused for now',
      });
      expect(res.status).toBe(201);
      first = res.body.commit;
      expect(res.body).toMatchObject({ branch: BRANCH, parent: seeded });
      expect(res.body.changedPaths).toEqual([MANIFEST, FILE, BUNDLE]);
      expect(await branchHead()).toBe(first);
      expect(await readAt(project, BRANCH, FILE)).toBe(edited);
      const bundle = await readAt(project, BRANCH, BUNDLE);
      expect(bundle).toContain('quartz_cron_expression: 0 30 5 * * ?');
      expect(bundle).toContain('pause_status: PAUSED');
      expect(bundle).toContain('- sam@acme.example');
      const manifest = JSON.parse(await readAt(project, BRANCH, MANIFEST));
      expect(
        manifest.jobs.find((j: any) => j.name === 'DailySummary').schedule,
      ).toEqual({
        cron: '0 30 5 * * ?',
        timezone: 'Europe/Amsterdam',
        paused: true,
      });
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
      expect(commit.message).toBe('Run DailySummary at 5:30, paused for now\n');

      const reopened = await as(ROLES.owner).get(`${JOB}/source`);
      expect(reopened.body).toMatchObject({
        branchExists: true,
        commit: first,
        text: edited,
        value: { schedule: { cron: '0 30 5 * * ?', paused: true } },
        defaultBranch: { commit: seeded, text: original },
      });
      // Another user's view is their own branch, still the default one.
      const sofia = await as(SOFIA).get(`${JOB}/source`);
      expect(sofia.body).toMatchObject({ branchExists: false, commit: seeded });

      const unchanged = await as(ROLES.owner).post(`${JOB}/commits`, {
        text: edited,
        baseCommit: first,
        message: 'Again',
      });
      expect(unchanged.status).toBe(400);
      expect(unchanged.body.error.message).toContain('nothing to commit');
    });

    it('answers a commit from a stale base with the three versions, and commits the merge', async () => {
      const stale = original.replace('retries: 2', 'retries: 3');
      const conflict = await as(ROLES.owner).post(`${JOB}/commits`, {
        text: stale,
        baseCommit: seeded,
        message: 'Retry thrice',
      });
      expect(conflict.status).toBe(409);
      expect(conflict.body.conflict).toEqual({
        path: FILE,
        base: { commit: seeded, text: original },
        theirs: { commit: first, text: expect.stringContaining('0 30 5') },
        yours: { text: stale },
      });
      expect(await branchHead()).toBe(first);

      const merged = conflict.body.conflict.theirs.text.replace(
        'retries: 2',
        'retries: 3',
      );
      const res = await as(ROLES.owner).post(`${JOB}/commits`, {
        text: merged,
        baseCommit: first,
        message: 'Retry thrice',
      });
      expect(res.status).toBe(201);
      const text = await readAt(project, BRANCH, FILE);
      expect(text).toContain('0 30 5');
      expect(text).toContain('retries: 3');
      expect(await readAt(project, BRANCH, BUNDLE)).toContain('max_retries: 3');
    });

    it("commits the platform team's and a teammate's edits to their own branches", async () => {
      for (const [user, branch] of [
        [ROLES.platform, 'meshwork/priya/DailySummary.job'],
        [SOFIA, 'meshwork/sofia/DailySummary.job'],
      ]) {
        const res = await as(user).post(`${JOB}/commits`, {
          text: original.replace(
            'timeoutSeconds: 3600',
            'timeoutSeconds: 7200',
          ),
          baseCommit: seeded,
          message: 'Give it two hours',
        });
        expect(res.status).toBe(201);
        expect(res.body.branch).toBe(branch);
        expect(await readAt(project, branch, BUNDLE)).toContain(
          'timeout_seconds: 7200',
        );
      }
    });
  },
);

describe('the jobs view on a project without git', () => {
  const ws = helloWorldWorkspaces('data-mesh-job-editor-nogit-');
  it('answers 501', async () => {
    const { project, warehouse } = ws();
    const backend = await startDemoBackend({
      dataMesh: { engines: { duckdb: { path: warehouse } } },
      catalog: [dataProjectComponent('hello-world', project)],
    });
    try {
      const res = await request(backend.server)
        .get(`${JOB}/source`)
        .set('Authorization', authorizationOf(ROLES.owner));
      expect(res.status).toBe(501);
      const commit = await request(backend.server)
        .post(`${JOB}/commits`)
        .set('Authorization', authorizationOf(ROLES.owner))
        .send({ text: 'x', baseCommit: 'abcd1234', message: 'x' });
      expect(commit.status).toBe(501);
    } finally {
      await backend.stop();
    }
  });
});
