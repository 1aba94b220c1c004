import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests against the running portal. `./scripts/test` starts the
 * portal with the e2e config (its own .data/e2e folder) before running them;
 * run by hand, they reuse a portal started with `./scripts/start`.
 */
export default defineConfig({
  testDir: './e2e-tests',
  timeout: 90_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [
    ['list'],
    ['json', { outputFile: 'e2e-test-results/results.json' }],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],
  // Screenshots and traces of failed tests are kept here.
  outputDir: 'e2e-test-results/artifacts',
  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    // Chromium comes from Debian (`apt-get install chromium`): Playwright's
    // own browser download cannot be reached from these machines.
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
});
