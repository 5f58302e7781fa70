// The codebook in Khmer, with JavaScript on and off: an administrator gives
// a default code the organisation's own Khmer label and retires another;
// the programme's moderator, also reading Khmer, codes with the new label
// and is no longer offered the retired code. Each project (JS on, JS off)
// works on codes of its own so the two runs cannot see each other's changes.
import { test, expect } from '@playwright/test';
import { sql } from './db.mjs';
import { ftl } from './ftl.mjs';
import { addStaff, setPassword, signIn, enrol } from './staff_helpers.mjs';

const uniq = (testInfo, name) => `${name}-${testInfo.project.name}-${Date.now()}@e2e.test`;
const km = (key) => ftl('km', key);

test('an administrator relabels and retires default codes; a moderator sees it', async ({ page, context }, testInfo) => {
  const on = testInfo.project.name === 'js-on';
  const [relabel, retire] = on ? ['housing', 'community'] : ['work', 'legal'];
  const label = `ផ្ទះស្នាក់ ${testInfo.project.name}`;
  const org = String(sql("SELECT o.name FROM organisations o JOIN programmes p ON p.organisation_id = o.id WHERE p.code = 'TALK7'")[0][0]);

  const admin = uniq(testInfo, 'code-admin');
  await setPassword(page, addStaff(admin, 'admin'));
  await signIn(page, admin);
  await enrol(page);
  await page.goto('/km/staff/codebook');
  const section = page.locator('section.codebook-org', { has: page.getByRole('heading', { level: 2, name: org }) });
  const row = (key) => section.locator('tr', { has: page.locator('code', { hasText: new RegExp(`^${key}$`) }) });

  await row(relabel).locator('details.relabel summary').click();
  await row(relabel).locator('select[name=locale]').selectOption('km');
  await row(relabel).locator('input[name=label]').fill(label);
  await row(relabel).getByRole('button', { name: km('code-label-save') }).click();
  await expect(page.locator('.notice[role=status]')).toHaveText(km('staff-done-code-labelled'));
  await expect(row(relabel).locator('th')).toHaveText(label);
  await expect(row(relabel).locator('.overrides')).toContainText(km('code-relabelled'));

  await row(retire).getByRole('button', { name: km('code-retire') }).click();
  await expect(page.locator('.notice[role=status]')).toHaveText(km('staff-done-code-retired'));
  await expect(row(retire).locator('.code-state')).toHaveText(km('code-retired-mark'));
  await expect(row(retire).getByRole('button', { name: km('code-restore') })).toBeVisible();
  expect(sql("SELECT COUNT(*) FROM audit_log WHERE action = 'code_retired' AND detail = ?", [`theme:${retire}`])[0][0]).toBe(1);

  // The moderator of a programme of that organisation, on a released submission.
  await context.clearCookies();
  const moderator = uniq(testInfo, 'code-mod');
  await setPassword(page, addStaff(moderator, 'moderator', 'TALK7'));
  await signIn(page, moderator);
  await enrol(page);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const id = String(sql(
    "SELECT CAST(s.id AS TEXT) FROM submissions s JOIN programmes p ON p.id = s.programme_id " +
    "WHERE p.code = 'TALK7' AND s.submitted_on < ? AND s.id NOT IN (SELECT submission_id FROM safeguarding_flags WHERE submission_id IS NOT NULL) " +
    'ORDER BY s.id LIMIT 1', [yesterday])[0][0]);
  await page.goto(`/km/staff/moderation/submission?id=${BigInt(id).toString(36)}`);
  const boxes = page.locator('form.coding .code-sets');
  await expect(boxes).toContainText(label);
  await expect(boxes).not.toContainText(km(`code-theme-${retire}`));
  await expect(page.locator('details.code-words select option', { hasText: km(`code-theme-${retire}`) })).toHaveCount(0);
  await page.getByLabel(label, { exact: true }).check();
  await page.getByRole('button', { name: km('code-save') }).click();
  await expect(page.locator('.notice[role=status]')).toHaveText(km('staff-done-coded'));
  await expect(page.getByLabel(label, { exact: true })).toBeChecked();
});
