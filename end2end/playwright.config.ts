import { defineConfig } from '@playwright/test';

// Debian's Chromium (never a downloaded browser). Without the background-networking flags
// Chromium keeps trying to reach the internet, which this project's machines cannot.
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
};

const baseURL = process.env.BASE_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['html', { outputFolder: 'report', open: 'never' }]],
  use: {
    baseURL,
    launchOptions: chromium,
    trace: 'retain-on-failure',
  },
  // The test command starts the built server (POP_SERVER_CMD) on a fresh database and stops it
  // afterwards; by hand, a server that is already running is used, or one is started.
  webServer: {
    command: process.env.POP_SERVER_CMD ?? 'cargo leptos serve',
    cwd: '..',
    url: `${baseURL}/readyz`,
    reuseExistingServer: !process.env.POP_SERVER_CMD,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
  projects: [
    { name: 'hydrated', use: { javaScriptEnabled: true } },
    { name: 'no-js', use: { javaScriptEnabled: false }, grep: /@nojs/ },
  ],
});
