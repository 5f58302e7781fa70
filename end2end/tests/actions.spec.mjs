// You said, we did, with JavaScript on and off, the staff side in English
// and in Khmer: a designer records an action in Khmer marked as a machine
// draft, cannot publish it, reviews it and publishes it; a young person
// reads it in Khmer on the programme page and again with their receipt;
// the designer opens the public results page, where a stranger finds the
// action and figures whose small cells read "fewer than 10".
import { test, expect } from '@playwright/test';
import { ftl } from './ftl.mjs';
import { expectAccessible, ready, start, nextScreen, T } from './helpers.mjs';
import { addStaff, setPassword, signIn } from './staff_helpers.mjs';

const fill = (s, args = {}) => s.replace(/\{ \$(\w+) \}/g, (_, name) => String(args[name]));

for (const lang of ['en', 'km']) {
  test(`a designer publishes an action young people then read (${lang} staff pages)`, async ({ page, browser }, testInfo) => {
    const t = (key, args) => fill(ftl(lang, key), args);
    const km = (key, args) => fill(ftl('km', key), args);
    const token = `ACT${lang}${testInfo.project.name}${Date.now()}`;
    const said = `${token} យប់នៅផ្ទះសំណាក់ឯកោណាស់`;
    const did = 'មានបុគ្គលិកម្នាក់នៅយាមរាល់យប់';
    const designer = `act-${lang}-${testInfo.project.name}-${Date.now()}@e2e.test`;
    await setPassword(page, addStaff(designer, 'designer', 'SKILL9'));
    await signIn(page, designer);
    await page.goto(`/${lang}/staff`);
    await page.locator('.staff-nav').getByRole('link', { name: t('staff-nav-actions') }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('act-title'));
    await page.locator('.tabs a').first().click();
    await expect(page).toHaveURL(/p=SKILL9/);

    // Recorded in Khmer, marked as a machine draft.
    await page.locator('#act-theme').selectOption({ label: t('code-theme-safety') });
    await page.locator('#act-state').selectOption('planned');
    await page.locator('#act-due').fill('2027-03');
    await page.locator('#act-locale').selectOption('km');
    await page.locator('#act-said').fill(said);
    await page.locator('#act-did').fill(did);
    await page.locator('#act-machine').check();
    await page.getByRole('button', { name: t('act-save') }).click();
    await expect(page.locator('.notice')).toHaveText(t('staff-done-action-saved'));
    const row = page.locator('table.actions-table tr', { hasText: token });
    await expect(row.locator('li.machine')).toContainText(t('act-text-machine'));

    // A machine draft cannot be published.
    await row.getByRole('button', { name: t('act-publish') }).click();
    await expect(page.locator('.error')).toContainText(t('error-action-not-ready'));
    await page.goto(`/km/p/SKILL9`);
    await expect(page.locator('.heard')).not.toContainText(token);

    // Reviewed: open the Khmer words, clear the box, save, publish.
    await page.goto(`/${lang}/staff/actions?p=SKILL9`);
    await page.locator('table.actions-table tr', { hasText: token }).locator('li.machine a').click();
    await expect(page.locator('#act-said')).toHaveValue(said);
    await expect(page.locator('#act-due')).toHaveValue('2027-03');
    await page.locator('#act-machine').uncheck();
    await page.getByRole('button', { name: t('act-save') }).click();
    await expect(page.locator('table.actions-table tr', { hasText: token }).locator('li.ready')).toHaveCount(1);
    await page.locator('table.actions-table tr', { hasText: token }).getByRole('button', { name: t('act-publish') }).click();
    await expect(page.locator('.notice')).toHaveText(t('staff-done-action-published'));

    // The young person's programme page, in Khmer: the theme, the words, the month.
    await page.goto('/km/p/SKILL9');
    await ready(page, testInfo);
    const item = page.locator('.heard-item', { hasText: token });
    await expect(item).toContainText(did);
    await expect(item.locator('.heard-theme')).toHaveText(km('code-theme-safety'));
    await expect(item.locator('.heard-state')).toContainText(km('heard-by', { month: km('month-3', { year: 2027 }) }));
    await expectAccessible(page, testInfo);

    // And again with the receipt, after answering.
    await start(page, testInfo, 'km', 'SKILL9');
    for (let i = 1; i <= 12; i++) await nextScreen(page, 'km');
    await page.getByRole('button', { name: T.km.send }).click();
    const receipt = await page.locator('.receipt-code').textContent();
    await page.goto('/km/r');
    await ready(page, testInfo);
    await page.locator('#receipt').fill(receipt);
    await page.locator('form button[type=submit]').click();
    await expect(page.locator('.heard-item', { hasText: token })).toContainText(km('heard-state-planned'));

    // The public results page: opened by the designer, read by anyone.
    await page.goto(`/${lang}/staff/actions?p=SKILL9`);
    if (await page.getByRole('button', { name: t('act-public-open') }).count()) {
      await page.getByRole('button', { name: t('act-public-open') }).click();
    }
    await expect(page.locator('form.public-results a')).toHaveAttribute('href', `/${lang}/results/SKILL9`);
    const stranger = await browser.newContext({ javaScriptEnabled: testInfo.project.name === 'js-on' });
    const pub = await stranger.newPage();
    const res = await pub.goto('/km/results/SKILL9');
    expect(res.status()).toBe(200);
    await expect(pub.locator('.heard-item', { hasText: token })).toContainText(did);
    const few = km('dash-few', { k: 10 });
    await expect(pub.locator('dd.this-month')).toHaveText(few);
    for (const cell of await pub.locator('table.answers-table td').allTextContents()) {
      expect([few, '—', km('dash-hidden')]).toContain(cell.trim());
    }
    await expect(pub.locator('a[href*="/staff/dashboards"]')).toHaveCount(0);
    await expectAccessible(pub, testInfo);
    await stranger.close();
  });
}
