// The questionnaire editor end to end (issue 11), JavaScript on and off,
// with English and Thai staff pages: an administrator starts a
// questionnaire from the question bank, writes a question in Thai, asks
// the youth advisory group to sign off (publishing waits until it does),
// publishes, gives it to a new programme in Thailand, prints its poster
// and opens the kiosk; a young person answers the Thai words on the kiosk,
// and the next visitor finds nothing of it.
import { test, expect } from '@playwright/test';
import { sql } from './db.mjs';
import { ftl } from './ftl.mjs';
import { expectAccessible, jsOn, ready } from './helpers.mjs';
import { addStaff, setPassword, signIn, enrol } from './staff_helpers.mjs';

const fill = (s, args = {}) => s.replace(/\{ \$(\w+) \}/g, (_, name) => String(args[name]));

for (const lang of ['en', 'th']) {
  test(`an administrator edits, signs off and publishes a questionnaire, and a child answers it on a kiosk (${lang})`, async ({ page }, testInfo) => {
    const t = (key, args) => fill(ftl(lang, key), args);
    const th = (key) => ftl('th', key);
    const stamp = `${lang}-${testInfo.project.name}-${Date.now()}`;
    const admin = `qn-${stamp}@e2e.test`;
    await setPassword(page, addStaff(admin, 'admin'));
    await signIn(page, admin);
    await enrol(page);

    await page.goto(`/${lang}/staff`);
    await page.locator('.staff-nav').getByRole('link', { name: t('staff-nav-questionnaires') }).click();
    const name = `Check-in ${stamp}`;
    await page.locator('#qn-name').fill(name);
    await page.getByRole('button', { name: t('qn-create') }).click();
    await expect(page.locator('.notice[role=status]')).toHaveText(t('staff-done-questionnaire-created'));
    const q = new URL(page.url()).searchParams.get('q');
    await expectAccessible(page, testInfo);

    // The first question in Thai, checked by a person.
    const first = page.locator('details.question-edit').first();
    await first.locator('summary').click();
    const thai = `คุณรู้สึกปลอดภัยไหม ${stamp}`;
    await first.locator('input[name=p_th]').fill(thai);
    await first.locator('input[name=r_th]').check();
    await first.getByRole('button', { name: t('qn-save-question') }).click();
    await expect(page.locator('.notice[role=status]')).toHaveText(t('staff-done-question-saved'));
    await expect(page.locator('table.translations tbody tr').first().locator('td').nth(4)).toHaveText(t('qn-tr-checked'));

    // Not live until the youth advisory group has signed off.
    await page.getByRole('button', { name: t('qn-signoff-require') }).click();
    await page.getByRole('button', { name: t('qn-publish-button') }).click();
    await expect(page.locator('[data-code]').first()).toHaveAttribute('data-code', 'E-SIGNOFF-NEEDED');
    await page.goto(`/${lang}/staff/questionnaires/edit?q=${q}`);
    await page.locator('#qn-group').fill('Youth panel, Chiang Mai');
    await page.locator('#qn-day').fill('2026-11-20');
    await page.getByRole('button', { name: t('qn-record-signoff') }).click();
    await expect(page.locator('.notice[role=status]')).toHaveText(t('staff-done-signoff-saved'));
    await page.getByRole('button', { name: t('qn-publish-button') }).click();
    await expect(page.locator('.notice[role=status]')).toHaveText(t('staff-done-questionnaire-published'));
    await expect(page.locator('#versions tbody tr').first()).toContainText('Youth panel, Chiang Mai');

    // A programme in Thailand asking it, with words for Thai children.
    await page.goto(`/${lang}/staff/programmes`);
    const org = sql("SELECT name FROM organisations ORDER BY id LIMIT 1")[0][0];
    await page.locator('#org').selectOption({ label: org });
    await page.locator('#name').fill(`Programme ${stamp}`);
    await page.locator('#country').selectOption('TH');
    await page.locator('#lang-th').check();
    await page.locator('#team').fill('the shelter team');
    await page.locator('#questionnaire').selectOption(q);
    await page.getByRole('button', { name: t('setup-create') }).click();
    await expect(page.locator('.notice[role=status]')).toHaveText(t('staff-done-programme-added'));
    const code = new URL(page.url()).searchParams.get('p');
    const text = page.locator('#text-th');
    await text.locator('input[name=name]').fill('บ้านปลอดภัย');
    await text.locator('textarea[name=about]').fill('โครงการนี้ช่วยเยาวชน');
    await text.locator('input[name=team_text]').fill('ทีมบ้านปลอดภัย');
    await text.getByRole('button').click();
    await expect(page.locator('.notice[role=status]')).toHaveText(t('staff-done-text-saved'));
    await page.goto(`/th/p/${code}/poster`);
    await expect(page.locator('.qr svg')).toBeVisible();

    // The kiosk: a child answers the Thai words, writes the receipt down, clears it.
    await page.goto(`/th/k/${code}`);
    await ready(page, testInfo);
    await expect(page.locator('main')).toContainText(th('programme-checked'));
    await page.locator('a.kiosk-start').click();
    await page.getByRole('button', { name: th('consent-yes') }).click();
    await expect(page.locator('main')).toContainText(thai);
    const words = `KioskAnswer${stamp}`;
    let screens = 0;
    while (await page.locator('button[value=send]').count() === 0 && screens < 20) {
      const box = page.locator('textarea').first();
      if (await box.count()) await box.fill(words);
      await page.locator('form#journey .nav button[value=next]').click();
      screens += 1;
    }
    await page.locator('button[value=send]').click();
    const receipt = (await page.locator('.kiosk-receipt .receipt-code').textContent()).trim();
    expect(sql('SELECT COUNT(*) FROM submissions s JOIN programmes p ON p.id = s.programme_id WHERE p.code = ?', [code])[0][0]).toBe(1);
    await page.locator('button.kiosk-done').click();
    await expect(page).toHaveURL(new RegExp(`/th/k/${code}$`));
    const html = await page.content();
    expect(html).not.toContain(words);
    expect(html).not.toContain(receipt);
    if (!jsOn(testInfo)) await expect(page.locator('meta[http-equiv=refresh]')).toHaveCount(0);
  });
}
