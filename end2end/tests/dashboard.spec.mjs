// Dashboards, with JavaScript on and off, in English and Khmer: a designer
// of one programme opens the dashboard from the navigation, chooses a
// month with the plain form, reads the charts (each an image with a title
// and a description) and the tables beside them, where the demo's small
// monthly counts read "fewer than 10"; another programme's dashboard is
// closed to them. They download the same figures as CSV and print the
// month's report.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { ftl } from './ftl.mjs';
import { addStaff, setPassword, signIn } from './staff_helpers.mjs';

const uniq = (testInfo, name) => `${name}-${testInfo.project.name}-${Date.now()}@e2e.test`;

for (const lang of ['en', 'km']) {
  test(`a designer reads a programme's dashboard (${lang})`, async ({ page }, testInfo) => {
    const t = (key, args = {}) => ftl(lang, key).replace(/\{ \$(\w+) \}/g, (_, name) => String(args[name]));
    const designer = uniq(testInfo, `dash-${lang}`);
    await setPassword(page, addStaff(designer, 'designer', 'TALK7'));
    await signIn(page, designer);
    await page.goto(`/${lang}/staff`);
    await page.locator('.staff-nav').getByRole('link', { name: t('staff-nav-dashboards') }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('dash-title'));
    // First every programme they may see, side by side: theirs alone.
    await expect(page.locator('.tabs a[aria-current=page]')).toHaveText(t('dash-overview'));
    await expect(page.locator('table.overview tbody tr')).toHaveCount(1);
    await expect(page.locator('table.overview svg.spark[role=img] title')).toContainText(t('dash-trend'));
    await page.locator('table.overview tbody tr th a').click();
    await expect(page).toHaveURL(/p=TALK7/);
    await expect(page.locator('.tabs a[aria-current=page]')).toHaveCount(1);

    // The month before last, with the plain GET form.
    const months = await page.locator('#d-month option').allTextContents();
    expect(months.length).toBe(24);
    await page.locator('#d-month').selectOption(months[1]);
    await page.getByRole('button', { name: t('dash-show') }).click();
    await expect(page).toHaveURL(new RegExp(`month=${months[1]}`));
    await expect(page.locator('h2').first()).toContainText(months[1]);

    // The demo has a few responses a month: every count reads "fewer than 10".
    const few = t('dash-few', { k: 10 });
    await expect(page.locator('dd.this-month')).toHaveText(few);
    const charts = page.locator('svg.chart[role=img]');
    expect(await charts.count()).toBeGreaterThan(1);
    await expect(charts.first().locator('title')).toHaveText(t('dash-trend'));
    for (const cell of await page.locator('table.answers-table td').allTextContents()) {
      expect([few, '—', t('dash-hidden')]).toContain(cell.trim());
    }
    await expect(page.locator('body')).not.toContainText('NaN');

    // The same figures as CSV: a byte-order mark, headers in the reader's language, no count under 10.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: t('dash-export') }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`siang-TALK7-${months[1]}.csv`);
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\n')[0]).toBe([t('csv-section'), t('dash-version'), t('csv-question'), t('dash-answer'), t('dash-month'), t('csv-count')].join(','));
    for (const line of text.trim().split('\n').slice(1)) {
      const count = line.slice(line.lastIndexOf(',') + 1).replace(/"/g, '');
      expect(/^\d+$/.test(count) ? Number(count) >= 10 : true).toBe(true);
    }

    // Against the organisation's other programmes, on request: percentages or "hidden", never a small count.
    await page.getByRole('link', { name: t('cmp-link') }).click();
    await expect(page.getByRole('heading', { name: t('cmp-title') })).toBeVisible();
    for (const cell of await page.locator('table.compare td.num').allTextContents()) {
      expect(/^\d+%$/.test(cell.trim()) || cell.trim() === t('dash-hidden')).toBe(true);
    }
    await expect(page.locator('p.tracker')).toContainText(t('dash-tracker-link'));

    // The printable report of the same month: the same figures, on A4 without the navigation.
    await page.getByRole('link', { name: t('report-link') }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(t('report-title'));
    await expect(page.getByRole('heading', { level: 1 })).toContainText(months[1]);
    await expect(page.locator('dd.this-month')).toHaveText(few);
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.staff-nav')).toBeHidden();
    await expect(page.locator('svg.chart').first()).toBeVisible();
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });

    // Another programme's dashboard: closed.
    const res = await page.goto(`/${lang}/staff/dashboards?p=SAFE24`);
    expect(res.status()).toBe(403);
    await expect(page.locator('dd.this-month')).toHaveCount(0);
  });
}
