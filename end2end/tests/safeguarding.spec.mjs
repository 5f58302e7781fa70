// Safeguarding, with JavaScript on and off: a young person writing in Khmer
// says they are not safe; the programme's moderator is e-mailed at once
// (the e-mail arrives at the test SMTP server over STARTTLS and holds none
// of the child's words), finds the concern in the urgent view the same
// day, acknowledges it, records the referral, replies (and corrects the
// reply before it is read) and closes it. A moderator
// can also move a submission from the queue to the urgent view. A designer
// gets nothing.
import { test, expect } from '@playwright/test';
import { start, nextScreen, T } from './helpers.mjs';
import { sql, submissionWithText } from './db.mjs';
import { addStaff, setPassword, signIn, enrol } from './staff_helpers.mjs';
import { mailTo } from './mail.mjs';

const uniq = (testInfo, name) => `${name}-${testInfo.project.name}-${Date.now()}@e2e.test`;
const reference = (id) => BigInt(id).toString(36);
// Letters only: a long run of digits in free text is rightly suspected to be a phone or ID number.
const stamp = () => Date.now().toString(36).replace(/\d/g, (d) => 'qwertyuiop'[d]);
const concernOf = (submission) =>
  String(sql('SELECT CAST(id AS TEXT) FROM safeguarding_flags WHERE submission_id = ?', [submission])[0][0]);

/** A young person sends `text` in Khmer, answering "yes" to the safeguarding question when `unsafe`. */
async function send(page, testInfo, code, text, unsafe) {
  const question = sql("SELECT CAST(id AS TEXT) FROM questions WHERE key = 'safeguarding-unsafe'").map((r) => r[0]);
  await start(page, testInfo, 'km', code);
  await page.locator('textarea').first().fill(text);
  for (let i = 1; i <= 12; i++) {
    for (const id of question) {
      const yes = page.locator(`input[type=radio][name=q${id}][value=yes]`);
      if (unsafe && (await yes.count()) > 0) await yes.check();
    }
    await nextScreen(page, 'km');
  }
  await page.getByRole('button', { name: T.km.send }).click();
  await expect(page.locator('.receipt-code')).toBeVisible();
  return submissionWithText(text);
}

async function moderatorAccount(testInfo, programme) {
  const email = uniq(testInfo, 'duty');
  return { email, link: addStaff(email, 'moderator', programme) };
}

async function signInModerator(page, { email, link }) {
  await setPassword(page, link);
  await signIn(page, email);
  await enrol(page);
  await page.getByRole('link', { name: 'Continue' }).click();
}

test('a concern alerts the team at once and is acknowledged, referred and closed', async ({ page }, testInfo) => {
  // The account exists before the concern: with no contact list, the
  // programme's moderators are the ones alerted.
  const duty = await moderatorAccount(testInfo, 'TALK7');
  const token = `SGjs${testInfo.project.name}${stamp()}`;
  const id = await send(page, testInfo, 'TALK7', `គេយកលិខិតឆ្លងដែនរបស់ខ្ញុំ ${token}`, true);
  const ref = reference(concernOf(id));

  const mail = await mailTo(duty.email, (m) => m.text.includes(ref));
  expect(mail.secure).toBe(true);
  expect(mail.subject).toContain('Safeguarding concern');
  expect(mail.text).toContain('/staff/safeguarding');
  expect(mail.raw).not.toContain(token);
  expect(mail.text).not.toContain(token);
  expect(mail.text).not.toContain('លិខិតឆ្លងដែន');

  // The same day: in the urgent view (never in the queue).
  await signInModerator(page, duty);
  await page.locator('.staff-nav').getByRole('link', { name: 'Safeguarding' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Safeguarding: urgent concerns');
  const row = page.locator('table.concerns tr', { hasText: ref });
  await expect(row).toContainText('New');
  await expect(row).toContainText('h left to acknowledge');
  await row.getByRole('link').click();

  await expect(page.locator('td[lang=km] .words')).toContainText(token);
  await expect(page.locator('.concern-said')).toContainText('answered "yes"');
  await expect(page.locator('ol.referral li').first()).toContainText('Within the hour');
  await expect(page.locator('.helplines')).toContainText('Prachabodi Center 1300'); // TALK7 is in Thailand
  expect(sql("SELECT COUNT(*) FROM audit_log WHERE action = 'concern_viewed' AND target = ?", [ref])[0][0]).toBe(1);

  await page.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(page.locator('.notice[role=status]')).toContainText('The concern is acknowledged.');
  await expect(page.locator('dd.state')).toHaveText('Acknowledged');
  await page.getByRole('button', { name: 'Record the referral' }).click();
  await expect(page.getByRole('alert')).toContainText('Write a short note first');
  await page.locator('#step-note').fill('Prachabodi Center 1300, case 44');
  await page.getByRole('button', { name: 'Record the referral' }).click();
  await expect(page.locator('dd.state')).toHaveText('Referred');
  // A reply from the case page, corrected before the young person reads it.
  await page.locator('#reply-body').fill('យើងនៅទីនេះ។ ហៅលេខ 1300។');
  await page.getByRole('button', { name: 'Send the reply' }).click();
  await expect(page.locator('.replies')).toContainText('not read yet');
  await page.locator('details.correct summary').click();
  await page.locator('details.correct textarea').fill('យើងនៅទីនេះសម្រាប់អ្នក។ ហៅលេខ 1300 ពេលណាក៏បាន។');
  await page.getByRole('button', { name: 'Save the correction' }).click();
  await expect(page.locator('.notice[role=status]')).toContainText('The reply was corrected.');
  await expect(page.locator('.replies li span[lang=km]')).toHaveText('យើងនៅទីនេះសម្រាប់អ្នក។ ហៅលេខ 1300 ពេលណាក៏បាន។');
  await page.locator('#step-note').fill('Safe with her aunt; caseworker visits weekly');
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(page.locator('dd.state')).toHaveText('Closed');
  await expect(page.locator('ol.steps li')).toHaveCount(3);
  await expect(page.locator('ol.steps')).toContainText('case 44');

  await page.goto('/en/staff/safeguarding');
  await expect(page.locator('table.concerns', { hasText: ref })).toHaveCount(0);
  await page.getByRole('link', { name: 'Closed' }).click();
  await expect(page.locator('table.concerns tr', { hasText: ref })).toContainText('Closed');
});

test('a moderator moves a submission to the urgent view; a designer gets nothing', async ({ page, context }, testInfo) => {
  const duty = await moderatorAccount(testInfo, 'TALK7');
  const token = `SGmod${testInfo.project.name}${stamp()}`;
  const id = await send(page, testInfo, 'TALK7', `ពូខ្ញុំមកពេលយប់ ${token}`, false);
  // Released to the queue the day after (see moderation.spec.mjs).
  sql('UPDATE submissions SET submitted_on = ? WHERE id = ?', [new Date(Date.now() - 86_400_000).toISOString().slice(0, 10), id]);

  await signInModerator(page, duty);
  await page.goto(`/en/staff/moderation/submission?id=${reference(id)}`);
  await page.locator('.flag-concern summary').click();
  await page.getByLabel('Why (optional, no names)').fill('hints at a threat at home');
  await page.getByRole('button', { name: 'Move to the urgent view' }).click();
  await expect(page).toHaveURL(/\/en\/staff\/safeguarding\/case\?id=.*done=raised/);
  await expect(page.locator('.notice[role=status]')).toContainText('now a safeguarding concern');
  await expect(page.locator('.concern-said')).toContainText('hints at a threat at home');
  const ref = reference(concernOf(id));
  const mail = await mailTo(duty.email, (m) => m.text.includes(ref));
  expect(mail.text).not.toContain('threat');
  expect(mail.text).not.toContain(token);
  await page.goto(`/en/staff/moderation/submission?id=${reference(id)}`);
  await expect(page.getByRole('alert')).toHaveAttribute('data-code', 'E-IN-URGENT-VIEW');
  await expect(page.locator('body')).not.toContainText(token);

  await context.clearCookies();
  const designer = uniq(testInfo, 'designer');
  await setPassword(page, addStaff(designer, 'designer', 'TALK7'));
  await signIn(page, designer);
  await expect(page.locator('.staff-nav')).not.toContainText('Safeguarding');
  for (const url of ['/en/staff/safeguarding', `/en/staff/safeguarding/case?id=${ref}`]) {
    const res = await page.goto(url);
    expect(res.status()).toBe(403);
  }
  await expect(page.locator('body')).not.toContainText(token);
});
