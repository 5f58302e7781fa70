// Screenshots of the administrators' set-up pages on a laptop (1280×800)
// and a phone (390×844), for looking at layout by eye:
//   SIANG_BIN=… DATABASE_URL=… node admin_shots.mjs <base-url> <out-dir>
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
const email = `admin-shots-${Date.now()}@example.org`;
await page.goto(base + addStaff(email, 'admin'));
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
const pages = [
  ['programmes', '/en/staff/programmes'],
  ['edit', '/en/staff/programmes/edit?p=SAFE24'],
  ['helplines', '/en/staff/helplines'],
  ['retention', '/en/staff/retention'],
  ['questionnaires', '/en/staff/questionnaires'],
  ['questionnaire', '/en/staff/questionnaires/edit?q=1'],
  ['kiosk', '/th/k/TALK7'],
  ['poster', '/km/p/SAFE24/poster'],
];
for (const [name, path] of pages) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(base + path);
  await page.screenshot({ path: `${out}/${name}-laptop.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${out}/${name}-phone.png`, fullPage: false });
}
await page.goto(base + '/km/p/SAFE24/poster');
await page.pdf({ path: `${out}/poster.pdf`, format: 'A4' });
await browser.close();
