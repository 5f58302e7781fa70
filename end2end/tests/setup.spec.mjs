// An organisation set up in the browser, with JavaScript on and off, in
// English and in Lao: an installation administrator adds an organisation,
// creates a programme in Laos offered in Lao and English, writes what a
// Lao-speaking child reads, prints its poster, and gives it a new code;
// the young person's page follows each step and the old code stops working.
import { test, expect } from '@playwright/test';
import { sql } from './db.mjs';
import { ftl } from './ftl.mjs';
import { expectAccessible, ready } from './helpers.mjs';
import { addStaff, setPassword, signIn, enrol } from './staff_helpers.mjs';

const fill = (s, args = {}) => s.replace(/\{ \$(\w+) \}/g, (_, name) => String(args[name]));

for (const lang of ['en', 'lo']) {
  test(`an administrator sets up an organisation and a programme (${lang} staff pages)`, async ({ page }, testInfo) => {
    const t = (key, args) => fill(ftl(lang, key), args);
    const lo = (key) => ftl('lo', key);
    const stamp = `${lang}-${testInfo.project.name}-${Date.now()}`;
    const admin = `setup-${stamp}@e2e.test`;
    await setPassword(page, addStaff(admin, 'admin'));
    await signIn(page, admin);
    await enrol(page);

    await page.goto(`/${lang}/staff`);
    await page.locator('.staff-nav').getByRole('link', { name: t('staff-nav-programmes') }).click();
    const orgName = `Org ${stamp}`;
    await page.locator('#new-org').fill(orgName);
    await page.getByRole('button', { name: t('setup-organisation-add-button') }).click();
    await expect(page.locator('.notice[role=status]')).toHaveText(t('staff-done-organisation-added'));

    // A programme in Laos, in Lao and English.
    await page.locator('#org').selectOption({ label: orgName });
    await page.locator('#name').fill(`Programme ${stamp}`);
    await page.locator('#country').selectOption('LA');
    await page.locator('#lang-lo').check();
    await page.locator('#team').fill('the Safe Home team');
    await expectAccessible(page, testInfo);
    await page.getByRole('button', { name: t('setup-create') }).click();
    await expect(page.locator('.notice[role=status]')).toHaveText(t('staff-done-programme-added'));
    const code = new URL(page.url()).searchParams.get('p');
    expect(code).toMatch(/^[ACDEFHJKMNPQRTUVWXY3479]{6}$/);
    expect(sql('SELECT country, languages FROM programmes WHERE code = ?', [code])).toEqual([['LA', 'lo,en']]);

    // What a Lao-speaking child reads: the Lao texts are open because they are missing.
    const text = page.locator('#text-lo');
    await expect(text.locator('summary')).toContainText(t('setup-text-missing'));
    await text.locator('input[name=name]').fill('ບ້ານປອດໄພ');
    await text.locator('textarea[name=about]').fill('ໂຄງການນີ້ຊ່ວຍໄວໜຸ່ມ.');
    await text.locator('input[name=team_text]').fill('ທີມບ້ານປອດໄພ');
    await text.getByRole('button').click();
    await expect(page.locator('.notice[role=status]')).toHaveText(t('staff-done-text-saved'));
    await expectAccessible(page, testInfo);

    await page.goto(`/lo/p/${code}`);
    await ready(page, testInfo);
    await expect(page.locator('main')).toContainText('ບ້ານປອດໄພ');
    await expect(page.locator('main')).toContainText('ທີມບ້ານປອດໄພ');

    // The poster: an invitation in Lao and in English, and the QR code.
    await page.goto(`/lo/p/${code}/poster`);
    await expect(page.locator('ul.invites li[lang=lo]')).toHaveText(lo('poster-invite'));
    await expect(page.locator('ul.invites li[lang=en]')).toHaveText(ftl('en', 'poster-invite'));
    await expect(page.locator('.qr svg')).toBeVisible();
    await expect(page.locator('.poster code')).toContainText(`/lo/p/${code}`);
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.quick-exit').first()).toBeHidden();
    // Back to the browser's own choice (print for a PDF), then: it prints on one A4 sheet.
    await page.emulateMedia({ media: null });
    const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
    expect((pdf.match(/\/Type\s*\/Page[^s]/g) || []).length).toBe(1);

    // The kiosk link for a tablet in the venue opens the same programme.
    await page.goto(`/${lang}/staff/programmes/edit?p=${code}`);
    await expect(page.locator('#code')).toContainText(t('setup-kiosk'));
    await page.locator(`#code a[href="/lo/k/${code}"]`).click();
    await expect(page.locator('main')).toContainText('ບ້ານປອດໄພ');
    await expect(page.locator('main')).toContainText(lo('kiosk-shared-note'));

    // A new code: the old one stops working at once.
    await page.goto(`/${lang}/staff/programmes/edit?p=${code}`);
    await page.getByRole('button', { name: t('setup-code-new') }).click();
    await expect(page.locator('.notice[role=status]')).toHaveText(t('staff-done-code-changed'));
    const fresh = new URL(page.url()).searchParams.get('p');
    expect(fresh).not.toBe(code);
    await page.goto(`/lo/p/${code}`);
    await expect(page.locator('[data-code]')).toHaveAttribute('data-code', 'E-PROGRAMME-UNKNOWN');
    await page.goto(`/lo/p/${fresh}`);
    await expect(page.locator('main')).toContainText('ບ້ານປອດໄພ');
    expect(sql("SELECT COUNT(*) FROM audit_log WHERE action = 'programme_code_changed' AND detail = ?", [`${code} → ${fresh}`])[0][0]).toBe(1);
  });
}
