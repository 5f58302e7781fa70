// Staff sign-in and the security baseline, with JavaScript on and off.
import { test, expect } from '@playwright/test';
import { mailTo, linkIn } from './mail.mjs';
import { sql } from './db.mjs';
import { PASSWORD, addStaff, resetLink, totp, setPassword, signIn, enrol } from './staff_helpers.mjs';

const uniq = (testInfo, name) => `${name}-${testInfo.project.name}-${Date.now()}@e2e.test`;

test('an administrator sets a password, enrols TOTP, signs in with it, and signs out', async ({ page, context }, testInfo) => {
  const email = uniq(testInfo, 'admin');
  await setPassword(page, addStaff(email, 'admin'));
  await expect(page.locator('.notice')).toContainText('Your password is saved');
  await signIn(page, email);
  const secret = await enrol(page);
  await page.getByRole('link', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Hello');
  await expect(page.locator('.who-roles')).toHaveText('Administrator');
  await expect(page.locator('.staff-nav')).toContainText('Audit log');
  const cookies = await context.cookies();
  expect(cookies.map((c) => c.name)).toEqual(['siang_staff']);
  expect(cookies[0].httpOnly).toBe(true);
  expect(cookies[0].sameSite).toBe('Strict');

  await page.locator('.who form button').click();
  await expect(page).toHaveURL(/sign-in\?done=signed-out$/);
  await page.goto('/en/staff/people');
  await expect(page).toHaveURL(/\/en\/staff\/sign-in$/);

  // Again, with the second factor (the next code: the enrolment used this one).
  await signIn(page, email);
  await expect(page).toHaveURL(/second-factor$/);
  await page.locator('#code').fill('000000');
  await page.locator('main form button[type=submit]').first().click();
  await expect(page.getByRole('alert')).toContainText('not right');
  await page.locator('#code').fill(totp(secret, 1));
  await page.locator('main form button[type=submit]').first().click();
  await expect(page).toHaveURL(/\/en\/staff$/);

  // Invite someone from the browser: with mail configured the one-time
  // link goes to their address (over STARTTLS) and is never on screen.
  const invited = uniq(testInfo, 'invited');
  await page.goto('/en/staff/people');
  await page.locator('#invite-email').fill(invited);
  await page.locator('#invite-name').fill('Invited Person');
  await page.locator('#invite-role').selectOption('designer');
  await page.getByRole('button', { name: 'Invite' }).click();
  await expect(page.locator('.notice[role=status]')).toContainText(`e-mailed to ${invited}`);
  await expect(page.locator('code.one-time-link')).toHaveCount(0);
  await expect(page.locator('main')).not.toContainText('set-password?t=');
  const mail = await mailTo(invited);
  expect(mail.secure).toBe(true);
  expect(mail.subject).toBe('Your Siang account');
  expect(mail.text).toContain('Invited Person');
  await page.goto('/en/staff/audit');
  await expect(page.locator('table.audit')).toContainText('Invited someone');
  await expect(page.locator('.notice')).toContainText('hash chain is intact');
  // The invited person sets their password with the mailed link.
  await setPassword(page, linkIn(mail, '/en/staff/set-password?t='));
});

test('repeated wrong passwords lock the account without revealing it exists', async ({ page }, testInfo) => {
  const email = uniq(testInfo, 'lock');
  await setPassword(page, addStaff(email, 'designer'));
  for (let i = 0; i < 5; i++) {
    await signIn(page, email, 'wrong wrong wrong');
    await expect(page.getByRole('alert')).toContainText('not right');
  }
  await signIn(page, email);
  await expect(page.getByRole('alert')).toContainText('locked for a while');
  await expect(page).toHaveURL(/sign-in$/);
  await signIn(page, uniq(testInfo, 'nobody'));
  await expect(page.getByRole('alert')).toContainText('locked for a while');
});

test('a password reset link works once and replaces the old password', async ({ page }, testInfo) => {
  const email = uniq(testInfo, 'reset');
  await setPassword(page, addStaff(email, 'designer'));
  const link = resetLink(email);
  await setPassword(page, link, 'a brand new passphrase for siang');
  await signIn(page, email);
  await expect(page.getByRole('alert')).toContainText('not right');
  await signIn(page, email, 'a brand new passphrase for siang');
  await expect(page).toHaveURL(/\/en\/staff$/);
  await page.goto(link);
  await page.locator('#password').fill('yet another long passphrase');
  await page.locator('#confirm').fill('yet another long passphrase');
  await page.locator('main form button[type=submit]').click();
  await expect(page.getByRole('alert')).toContainText('not valid any more');
});

test('an idle session expires and the page says why', async ({ page, context }, testInfo) => {
  const email = uniq(testInfo, 'idle');
  await setPassword(page, addStaff(email, 'designer'));
  await signIn(page, email);
  await expect(page).toHaveURL(/\/en\/staff$/);
  // Thirty-one minutes of inactivity, as the database sees it.
  sql('UPDATE sessions SET last_seen_at = last_seen_at - 1860 WHERE staff_id = (SELECT id FROM staff WHERE email = ?)', [email]);
  await page.goto('/en/staff/account');
  await expect(page).toHaveURL(/sign-in\?expired=1$/);
  await expect(page.getByRole('alert')).toContainText('inactivity');
  expect(sql('SELECT COUNT(*) FROM sessions WHERE staff_id = (SELECT id FROM staff WHERE email = ?)', [email])[0][0]).toBe(0);
});

test('a forged post from another website is refused, even with the session cookie', async ({ page }, testInfo) => {
  const email = uniq(testInfo, 'csrf');
  await setPassword(page, addStaff(email, 'designer'));
  await signIn(page, email);
  const before = sql('SELECT COUNT(*) FROM sessions')[0][0];
  // What a hostile page's form post looks like: the browser attaches the cookie itself
  // (here: same context), but Origin and Sec-Fetch-Site name the other site.
  const res = await page.request.post('/en/staff/account/sign-out-everywhere', {
    headers: { Origin: 'http://evil.example', 'Sec-Fetch-Site': 'cross-site' },
    form: {},
  });
  expect(res.status()).toBe(403);
  expect(await res.text()).toContain('sent from another website');
  expect(sql('SELECT COUNT(*) FROM sessions')[0][0]).toBe(before);
  await page.goto('/en/staff');
  await expect(page).toHaveURL(/\/en\/staff$/);
});

test('the staff cookie never reaches youth responses', async ({ page }, testInfo) => {
  const email = uniq(testInfo, 'youth');
  await setPassword(page, addStaff(email, 'designer'));
  await signIn(page, email);
  const setCookies = [];
  page.on('response', (r) => { if (r.headers()['set-cookie']) setCookies.push(new URL(r.url()).pathname); });
  await page.goto('/en/p/SAFE24');
  await page.goto('/en/help');
  await page.goto('/en/r');
  expect(setCookies).toEqual([]);
  await expect(page.locator('body')).not.toContainText(email);
});
