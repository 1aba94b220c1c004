import { APIRequestContext, expect } from '@playwright/test';

/** The backend of the portal under test (the app on :3000 talks to it). */
export const BACKEND =
  process.env.PLAYWRIGHT_BACKEND_URL ?? 'http://localhost:7007';

/**
 * The user's Backstage token, got the way the demo sign-in page gets it:
 * the demo proxy provider's refresh with the user's name in its header.
 */
export async function tokenOf(request: APIRequestContext, user: string) {
  const res = await request.get(`${BACKEND}/api/auth/demo/refresh`, {
    headers: { 'x-meshwork-demo-user': user },
  });
  expect(res.ok()).toBe(true);
  return (await res.json()).backstageIdentity.token as string;
}
