// Moderation, with JavaScript on and off: a young person writes in Khmer; the
// next day a moderator of the programme finds it in the queue, reads it,
// approves it and replies; the young person reads the reply with the receipt.
// Approval waits until suspected personal details are replaced or kept;
// a designer gets nothing.
import { test, expect } from '@playwright/test';
import { ready, start, nextScreen, T } from './helpers.mjs';
import { sql, submissionWithText } from './db.mjs';
import { addStaff, setPassword, signIn, enrol } from './staff_helpers.mjs';

const uniq = (testInfo, name) => `${name}-${testInfo.project.name}-${Date.now()}@e2e.test`;
const reference = (id) => BigInt(id).toString(36);
// Letters only: a long run of digits in free text is rightly suspected to be a phone or ID number.
const stamp = () => Date.now().toString(36).replace(/\d/g, (d) => 'qwertyuiop'[d]);

/** A young person sends `text` in Khmer; returns the receipt and the submission id. */
async function send(page, testInfo, code, text) {
  await start(page, testInfo, 'km', code);
  await page.locator('textarea').first().fill(text);
  for (let i = 1; i <= 12; i++) await nextScreen(page, 'km');
  await page.getByRole('button', { name: T.km.send }).click();
  const receipt = (await page.locator('.receipt-code').textContent()).trim();
  return { receipt, id: submissionWithText(text) };
}

/** The queue releases a day's submissions the day after. The server's clock
 * is the real one here, so the test moves the submission to yesterday
 * instead of waiting a day (the router tests move an injected clock). */
function nextDay(id) {
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  sql('UPDATE submissions SET submitted_on = ? WHERE id = ?', [yesterday, id]);
}

async function moderator(page, testInfo, programme) {
  const email = uniq(testInfo, 'moderator');
  await setPassword(page, addStaff(email, 'moderator', programme));
  await signIn(page, email);
  await enrol(page);
  await page.getByRole('link', { name: 'Continue' }).click();
}

test('a moderator reads, approves and replies; the young person reads the reply', async ({ page }, testInfo) => {
  const token = `MOD${testInfo.project.name}${stamp()}`;
  const { receipt, id } = await send(page, testInfo, 'TALK7', `ខ្ញុំចង់បានសៀវភៅបន្ថែម ${token}`);
  const ref = reference(id);

  await moderator(page, testInfo, 'TALK7');
  await page.locator('.staff-nav').getByRole('link', { name: 'Moderation' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Moderation');
  // Sent today: not in the queue yet, not even by its reference.
  await page.goto(`/en/staff/moderation/submission?id=${ref}`);
  await expect(page.getByRole('alert')).toHaveAttribute('data-code', 'E-NOT-FOUND');
  nextDay(id);

  await page.goto('/en/staff/moderation');
  await page.locator('tr', { hasText: 'TALK7' }).locator('th a').click();
  await page.locator('.tabs').getByRole('link', { name: /^New/ }).click();
  await page.locator('#f-lang').selectOption('km');
  await page.locator('#f-text').selectOption('yes');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/state=new/);
  await page.locator(`a[href$="id=${ref}"]`).click();

  await expect(page.locator('td[lang=km] .words')).toContainText(token);
  await expect(page.locator('dd.state')).toHaveText('In review');
  expect(sql("SELECT COUNT(*) FROM audit_log WHERE action = 'submission_viewed' AND target = ?", [ref])[0][0]).toBe(1);
  // Code it from the codebook, then find it by that code.
  await page.getByLabel('Suggestion', { exact: true }).check();
  await page.getByLabel('Education and training', { exact: true }).check();
  await page.getByRole('button', { name: 'Save the codes' }).click();
  await expect(page.locator('.notice[role=status]')).toContainText('The codes were saved.');
  await expect(page.getByLabel('Education and training', { exact: true })).toBeChecked();
  const education = String(sql("SELECT CAST(id AS TEXT) FROM tags WHERE organisation_id IS NULL AND facet = 'theme' AND key = 'education'")[0][0]);
  await page.goto(`/en/staff/moderation/queue?p=TALK7&code=${education}`);
  await expect(page.locator(`a[href$="id=${ref}"]`)).toBeVisible();
  await page.locator(`a[href$="id=${ref}"]`).click();

  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.locator('.notice[role=status]')).toContainText('The submission was moved.');
  await expect(page.locator('dd.state')).toHaveText('Approved');

  await expect(page.locator('.reply-form .hint')).toContainText('ខ្មែរ');
  await page.locator('#reply-body').fill('អរគុណ។ សៀវភៅថ្មីនឹងមកដល់ខែមីនា។');
  await page.getByRole('button', { name: 'Send the reply' }).click();
  await expect(page.locator('.notice[role=status]')).toContainText('Your reply was sent.');
  await expect(page.locator('.replies')).toContainText('សៀវភៅថ្មីនឹងមកដល់ខែមីនា');
  // A slip: corrected before the young person reads it.
  await page.locator('details.correct summary').click();
  await page.locator('details.correct textarea').fill('អរគុណ។ សៀវភៅថ្មីនឹងមកដល់ខែមីនា។ ព្រះអាទិត្យ');
  await page.getByRole('button', { name: 'Save the correction' }).click();
  await expect(page.locator('.notice[role=status]')).toContainText('The reply was corrected.');
  await expect(page.locator('.replies')).toContainText('ព្រះអាទិត្យ');

  await page.goto('/km/r');
  await ready(page, testInfo);
  await page.locator('#receipt').fill(receipt);
  await page.locator('form button[type=submit]').click();
  await expect(page.locator('.reply')).toContainText('សៀវភៅថ្មីនឹងមកដល់ខែមីនា។ ព្រះអាទិត្យ');
  await expect(page.locator('.status')).toHaveText('ក្រុមការងារបានសរសេរតបមកអ្នកហើយ។');
  // Read now: it stays as the young person saw it.
  await page.goto(`/en/staff/moderation/submission?id=${ref}`);
  await expect(page.locator('.replies')).toContainText('read by the young person');
  await expect(page.locator('details.correct')).toHaveCount(0);
});

test('an administrator writes a Khmer reply template; a moderator starts a reply from it', async ({ page, context }, testInfo) => {
  const admin = uniq(testInfo, 'tpl-admin');
  await setPassword(page, addStaff(admin, 'admin'));
  await signIn(page, admin);
  await enrol(page);
  await page.goto('/en/staff/templates');
  const title = `Thanks ${testInfo.project.name} ${stamp()}`;
  await page.locator('#tpl-scope').selectOption({ label: 'Every organisation' });
  await page.locator('#tpl-title').fill(title);
  await page.locator('#tpl-locale').selectOption('km');
  await page.locator('#tpl-body').fill('អរគុណដែលបានប្រាប់យើង។');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('.notice[role=status]')).toContainText('The template was saved.');
  await expect(page.locator('table.templates')).toContainText('អរគុណដែលបានប្រាប់យើង។');
  await expect(page.locator('ul.missing')).toContainText(title);

  await context.clearCookies();
  const token = `TPL${testInfo.project.name}${stamp()}`;
  const { id } = await send(page, testInfo, 'TALK7', `សួស្តី ${token}`);
  nextDay(id);
  await moderator(page, testInfo, 'TALK7');
  await page.goto(`/en/staff/moderation/submission?id=${reference(id)}`);
  await page.locator('#template').selectOption({ label: title });
  await page.getByRole('button', { name: 'Use', exact: true }).click();
  await expect(page.locator('#reply-body')).toHaveValue('អរគុណដែលបានប្រាប់យើង។');
});

test('suspected details are replaced before approval; a designer cannot get in', async ({ page, context }, testInfo) => {
  const token = `PII${testInfo.project.name}${stamp()}`;
  const { id } = await send(page, testInfo, 'TALK7', `${token} ទូរស័ព្ទមកខ្ញុំ 012 345 678`);
  nextDay(id);
  const url = `/en/staff/moderation/submission?id=${reference(id)}`;

  await moderator(page, testInfo, 'TALK7');
  await page.goto(url);
  await expect(page.locator('.unresolved')).toBeVisible();
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('alert')).toContainText('Resolve every suspected personal detail');
  await page.goto(url);
  await expect(page.locator('dd.state')).toHaveText('In review');
  await expect(page.locator('.words mark')).toHaveText('012 345 678');
  await page.getByRole('button', { name: 'Replace with [phone]' }).click();
  await expect(page.locator('.notice[role=status]')).toContainText('replaced in the stored text');
  await expect(page.locator('.text-answer .words')).toContainText('[phone]');
  await expect(page.locator('body')).not.toContainText('012 345 678');
  await page.locator('.redact-more summary').click();
  await page.getByLabel('Words to redact').fill(token);
  await page.getByLabel('Kind of detail').selectOption('other');
  await page.getByRole('button', { name: 'Redact', exact: true }).click();
  await expect(page.locator('.text-answer .words')).toContainText('[other]');
  await expect(page.locator('body')).not.toContainText(token);
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.locator('dd.state')).toHaveText('Approved');
  await page.getByRole('button', { name: 'Set aside' }).click();
  await expect(page.locator('dd.state')).toHaveText('Set aside');

  await context.clearCookies();
  const designer = uniq(testInfo, 'designer');
  await setPassword(page, addStaff(designer, 'designer', 'TALK7'));
  await signIn(page, designer);
  await expect(page).toHaveURL(/\/en\/staff$/);
  await expect(page.locator('.staff-nav')).not.toContainText('Moderation');
  const res = await page.goto(url);
  expect(res.status()).toBe(403);
  await expect(page.locator('body')).not.toContainText(token);
});
