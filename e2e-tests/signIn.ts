import { expect, Page } from '@playwright/test';

/** The demo users of catalog-info/org.yaml with the team each belongs to. */
export const demoUsers = [
  { name: 'priya', displayName: 'Priya Platform', team: 'platform-team' },
  { name: 'sam', displayName: 'Sam Sales', team: 'sales-analytics' },
  { name: 'sofia', displayName: 'Sofia Seller', team: 'sales-analytics' },
  { name: 'fiona', displayName: 'Fiona Finance', team: 'finance-insights' },
] as const;

/** The portal's sidebar. */
export function sidebar(page: Page) {
  return page.getByRole('navigation', { name: 'sidebar nav' });
}

/** Signs in through the demo sign-in page as the given user. */
export async function signInAs(page: Page, userName: string) {
  await page.goto('/');
  await page.getByRole('button', { name: `Sign in as ${userName}` }).click();
  await expect(
    sidebar(page).getByRole('link', { name: 'Data Mesh' }),
  ).toBeVisible();
}

/**
 * Opens a tab of the entity page the user is on: the entity page lists its
 * tabs as links of its content navigation.
 */
export async function openEntityTab(page: Page, title: string) {
  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: title, exact: true })
    .click();
}
