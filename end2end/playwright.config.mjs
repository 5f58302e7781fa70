// Playwright drives Debian's Chromium (never a downloaded browser). Every
// test runs twice: once with JavaScript on, once with it off.
import { defineConfig } from '@playwright/test';

const baseURL = process.env.SIANG_BASE_URL || 'http://127.0.0.1:3000';

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  timeout: 60_000,
  // One at a time: tests count rows in the shared demo database.
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL,
    // A cheap phone.
    viewport: { width: 360, height: 640 },
    // Canaries: neither may ever reach a log line (checked by .ci/lib/e2e.sh).
    userAgent: 'CANARY-UA Mozilla/5.0 (Linux; Android 10) Chrome/120 Mobile',
    extraHTTPHeaders: { 'X-Forwarded-For': '203.0.113.77' },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'js-on', use: { javaScriptEnabled: true } },
    { name: 'js-off', use: { javaScriptEnabled: false } },
  ],
});
