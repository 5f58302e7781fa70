// Kiosk mode (issue 11): one tablet in a venue, passed from child to child,
// in Thai, Khmer and Burmese, with JavaScript on and off. A child answers on the kiosk, writes
// the receipt down and clears the screen; the next child pressing Back
// finds nothing. With JavaScript the tablet also clears itself after two
// minutes without a touch (the browser's clock is moved, not waited for).
import { test, expect } from '@playwright/test';
import { sql } from './db.mjs';
import { ftl } from './ftl.mjs';
import { expectAccessible, jsOn, ready } from './helpers.mjs';

const IDLE = 120_000;
const COUNTDOWN = 10_000;
const th = (key) => ftl('th', key);

async function begin(page, testInfo, lang = 'th', code = 'TALK7') {
  await page.goto(`/${lang}/k/${code}`);
  await ready(page, testInfo);
  await expect(page.locator('main')).toContainText(ftl(lang, 'kiosk-shared-note'));
  await expect(page.locator(`a[href="/${lang}/r"], a.staff-link`)).toHaveCount(0);
  await page.locator('a.kiosk-start').click();
  await page.getByRole('button', { name: ftl(lang, 'consent-yes') }).click();
  await expect(page.locator('progress')).toBeVisible();
  await ready(page, testInfo);
}

/** Back, as the next child presses it, up to `times`; Chrome may first show
 * its own "confirm form resubmission" page, which that child reloads. */
async function backAndLook(page, times, forbidden) {
  page.on('dialog', (d) => d.accept());
  for (let i = 0; i < times; i++) {
    const reposted = await page.goBack().then(
      () => true,
      (e) => {
        if (!/ERR_CACHE_MISS/.test(e.message)) throw e;
        return false;
      },
    );
    if (!reposted) {
      await page.waitForURL(/^chrome-error:/);
      await page.reload();
    }
    await page.waitForLoadState('load');
    await expect(page.locator('h1').first()).toBeVisible();
    const html = await page.content();
    const boxes = await page.locator('textarea').evaluateAll((els) => els.map((e) => e.value).join(' '));
    for (const text of forbidden) {
      expect(html, `Back ${i + 1}`).not.toContain(text);
      expect(boxes).not.toContain(text);
    }
  }
}

test('a child answers on the kiosk, writes the receipt down, and the next child finds nothing', async ({ page }, testInfo) => {
  const token = `KioskWords${testInfo.project.name}${Date.now()}`;
  await begin(page, testInfo);
  // Without JavaScript the page restarts by itself; with it, the script does.
  await expect(page.locator('meta[http-equiv=refresh]')).toHaveCount(jsOn(testInfo) ? 0 : 1);
  await page.locator('textarea').first().fill(token);
  for (let i = 0; i < 12; i++) await page.locator('form#journey .nav button[value=next]').click();
  await expect(page.locator('main')).toContainText(token);
  await page.locator('button[value=send]').click();
  const code = page.locator('.kiosk-receipt .receipt-code');
  await expect(code).toBeVisible();
  const receipt = (await code.textContent()).trim();
  await expect(page.locator('ol.kiosk-steps li')).toHaveText([
    th('kiosk-receipt-step-paper'), th('kiosk-receipt-step-write'), th('kiosk-receipt-step-done'),
  ]);
  // Large, and still on one line of a 360 px screen.
  const box = await code.boundingBox();
  expect(box.height).toBeLessThan(80);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await expectAccessible(page, testInfo);
  await page.locator('button.kiosk-done').click();
  await expect(page).toHaveURL(/\/th\/k\/TALK7$/);
  await expect(page.locator('main')).toContainText(th('kiosk-shared-note'));
  await backAndLook(page, 3, [token, receipt, receipt.replaceAll('-', '')]);
});

test('stop without sending on a kiosk in Khmer clears it for the next child', async ({ page }, testInfo) => {
  const token = `KioskStop${testInfo.project.name}${Date.now()}`;
  await begin(page, testInfo, 'km', 'SAFE24');
  await page.locator('textarea').first().fill(token);
  await page.locator('form#journey .nav button[value=next]').click();
  await expect(page.locator('progress')).toHaveAttribute('value', '2');
  await page.getByRole('button', { name: ftl('km', 'journey-stop') }).click();
  await expect(page).toHaveURL(/\/km\/k\/SAFE24$/);
  await expect(page.locator('main')).toContainText(ftl('km', 'kiosk-shared-note'));
  await backAndLook(page, 2, [token]);
});

test('a kiosk left alone in Burmese asks, counts down, and clears itself', async ({ page }, testInfo) => {
  test.skip(!jsOn(testInfo), 'without JavaScript the page restarts by its refresh (router tests)');
  const token = `KioskIdle${Date.now()}`;
  await page.clock.install();
  await begin(page, testInfo, 'my');
  await page.locator('textarea').first().fill(token);
  await page.locator('form#journey .nav button[value=next]').click();
  await expect(page.locator('progress')).toHaveAttribute('value', '2');
  await ready(page, testInfo);
  const dialog = page.getByRole('alertdialog');
  await page.clock.runFor(IDLE - 5_000);
  await expect(dialog).toBeHidden();
  await page.clock.runFor(6_000);
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(ftl('my', 'kiosk-countdown-title'));
  await expectAccessible(page, testInfo);
  // Still here: the countdown goes, the answers stay.
  await page.getByRole('button', { name: ftl('my', 'kiosk-still-here') }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('progress')).toHaveAttribute('value', '2');
  const left = Number(sql("SELECT COUNT(*) FROM submission_keys WHERE state = 'abandoned'")[0][0]);
  await page.clock.runFor(IDLE + COUNTDOWN + 1_000);
  await expect(page).toHaveURL(/\/my\/k\/TALK7$/);
  // The server was told: that journey is closed for whoever re-posts it.
  await expect.poll(() => Number(sql("SELECT COUNT(*) FROM submission_keys WHERE state = 'abandoned'")[0][0])).toBe(left + 1);
  await backAndLook(page, 2, [token]);
});
