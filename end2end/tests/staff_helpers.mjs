// Staff accounts for end-to-end tests: made with the real `siang staff`
// command, TOTP codes computed like an authenticator app does.
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { expect } from '@playwright/test';

export const PASSWORD = 'correct horse battery staple 1987';

function siang(args) {
  return execFileSync(process.env.SIANG_BIN, args, { encoding: 'utf8', env: { ...process.env, RUST_LOG: 'warn' } });
}

/** Creates an account (installation-wide, or for one programme) and
 * returns the path of its one-time set-password link. */
export function addStaff(email, role, programme) {
  const out = siang(['staff', 'add', '--email', email, '--role', role, ...(programme ? ['--programme', programme] : [])]);
  return new URL(out.trim().split('\n').pop()).pathname + new URL(out.trim().split('\n').pop()).search;
}

export function resetLink(email) {
  const out = siang(['staff', 'reset', '--email', email]);
  const url = new URL(out.trim().split('\n').pop());
  return url.pathname + url.search;
}

function unbase32(s) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, value = 0;
  const out = [];
  for (const c of s.replace(/[\s=]/g, '').toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) { out.push((value >>> (bits - 8)) & 255); bits -= 8; }
  }
  return Buffer.from(out);
}

/** The TOTP code for `secret`, `steps` steps from now (RFC 6238). */
export function totp(secret, steps = 0) {
  const counter = Math.floor(Date.now() / 1000 / 30) + steps;
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const h = createHmac('sha1', unbase32(secret)).update(msg).digest();
  const o = h[19] & 15;
  const n = ((h[o] & 127) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return String(n % 1_000_000).padStart(6, '0');
}

export async function setPassword(page, link, password = PASSWORD) {
  await page.goto(link);
  await page.locator('#password').fill(password);
  await page.locator('#confirm').fill(password);
  await page.locator('main form button[type=submit]').click();
  await expect(page).toHaveURL(/\/staff\/sign-in\?done=password-set$/);
}

export async function signIn(page, email, password = PASSWORD) {
  await page.goto('/en/staff/sign-in');
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.locator('main form button[type=submit]').click();
}

/** On the enrolment page: reads the secret, confirms with a code, returns the secret. */
export async function enrol(page) {
  await expect(page).toHaveURL(/\/staff\/two-factor$/);
  const secret = (await page.locator('code.secret').textContent()).trim();
  await page.locator('#code').fill(totp(secret));
  await page.locator('main form button[type=submit]').click();
  await expect(page.locator('ol.recovery-codes li')).toHaveCount(10);
  return secret;
}
