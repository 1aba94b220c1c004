import request from 'supertest';

type Server = Parameters<typeof request>[0];

/** Whether a run, as `GET /runs/:id` answers, has ended. */
export function hasEnded(run: { status: string }): boolean {
  return !['queued', 'running'].includes(run.status);
}

/** Starts a run of a Hello World job through the API; returns its id. */
export async function startRun(
  server: Server,
  job = 'DailySummary',
): Promise<string> {
  const started = await request(server)
    .post(`/api/data-mesh/projects/hello-world/jobs/${job}/runs`)
    .send({});
  expect(started.status).toBe(202);
  return started.body.id;
}

/** Polls the run until `done` says so, and returns it as the API does. */
export async function waitForRun(
  server: Server,
  runId: string,
  done: (run: any) => boolean,
): Promise<any> {
  const deadline = Date.now() + 150_000;
  for (;;) {
    const res = await request(server).get(`/api/data-mesh/runs/${runId}`);
    expect(res.status).toBe(200);
    if (done(res.body)) return res.body;
    if (Date.now() > deadline) throw new Error('the run did not get there');
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

/** Starts a run and waits until it has ended. */
export async function runToEnd(
  server: Server,
  job = 'DailySummary',
): Promise<any> {
  return waitForRun(server, await startRun(server, job), hasEnded);
}
