// Screenshots of the moderator's pages on a laptop (1280×800) and a phone
// (390×844), for looking at layout by eye:
//   SIANG_BIN=… DATABASE_URL=… node staff_shots.mjs <base-url> <out-dir>
// Makes a moderator with the real `siang staff` command, signs in with TOTP,
// and opens the desk, a programme's queue and its first submission, the
// urgent view and its first concern.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { addStaff, PASSWORD, totp } from './tests/staff_helpers.mjs';

const [base, out] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const email = `shots-${Date.now()}@example.org`;
await page.goto(base + addStaff(email, 'moderator'));
await page.fill('#password', PASSWORD);
await page.fill('#confirm', PASSWORD);
await page.click('main form button[type=submit]');
await page.goto(`${base}/en/staff/sign-in`);
await page.fill('#email', email);
await page.fill('#password', PASSWORD);
await page.click('main form button[type=submit]');
const secret = (await page.locator('code.secret').textContent()).trim();
await page.fill('#code', totp(secret));
await page.click('main form button[type=submit]');
const pages = [['desk', '/en/staff/moderation'], ['queue', '/en/staff/moderation/queue?p=SAFE24&state=new']];
for (const [name, path] of pages) {
  await page.goto(base + path);
  await page.screenshot({ path: `${out}/${name}-laptop.png`, fullPage: false });
}
await page.locator('table.queue a').first().click();
await page.screenshot({ path: `${out}/submission-laptop.png`, fullPage: true });
await page.setViewportSize({ width: 390, height: 844 });
await page.screenshot({ path: `${out}/submission-phone.png`, fullPage: false });
await page.goto(base + pages[1][1]);
await page.screenshot({ path: `${out}/queue-phone.png`, fullPage: false });
await page.setViewportSize({ width: 1280, height: 800 });
await page.goto(`${base}/en/staff/safeguarding`);
await page.screenshot({ path: `${out}/urgent-laptop.png`, fullPage: false });
await page.locator('table.concerns th a').first().click();
await page.screenshot({ path: `${out}/concern-laptop.png`, fullPage: true });
await page.setViewportSize({ width: 390, height: 844 });
await page.screenshot({ path: `${out}/concern-phone.png`, fullPage: false });
await browser.close();
