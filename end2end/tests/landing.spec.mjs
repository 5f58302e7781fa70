// The landing page, language switcher, code box, quick exit and /healthz.
import { test, expect } from '@playwright/test';
import { ready, stubNeutralSite, expectAccessible, jsOn } from './helpers.mjs';

const LANDING = {
  en: 'Your voice matters',
  km: 'សំឡេងរបស់អ្នកសំខាន់',
  my: 'သင့်အသံ အရေးကြီးသည်',
};

for (const [lang, title] of Object.entries(LANDING)) {
  test(`landing page in ${lang}`, async ({ page }, testInfo) => {
    const res = await page.goto(`/${lang}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['cache-control']).toBe('no-store');
    expect(res.headers()['set-cookie']).toBeUndefined();
    await ready(page, testInfo);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.locator('.quick-exit')).toBeVisible();
    await expect(page.locator('input#code')).toBeVisible();
    await expect(page.locator('a.help-link')).toHaveAttribute('href', `/${lang}/help`);
    await expect(page.locator('a.staff-link')).toBeVisible();
    // Nothing is wider than a 360 px phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page, testInfo);
  });
}

test('the root picks the language from Accept-Language', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'km-KH' });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page).toHaveURL(/\/km$/);
  await context.close();
});

test('the language switcher keeps the page and changes the language', async ({ page }, testInfo) => {
  await page.goto('/en/help');
  await ready(page, testInfo);
  await page.getByRole('link', { name: 'မြန်မာ' }).click();
  await expect(page).toHaveURL(/\/my\/help$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'my');
  await page.getByRole('link', { name: 'ខ្មែរ' }).click();
  await expect(page).toHaveURL(/\/km\/help$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('ស្វែងរកជំនួយឥឡូវនេះ');
});

test('a wrong programme code gets a kind message and keeps what was typed', async ({ page }, testInfo) => {
  await page.goto('/km');
  await ready(page, testInfo);
  await page.locator('input#code').fill('zz99zz');
  await page.locator('form button[type=submit]').click();
  await expect(page.getByRole('alert')).toContainText('យើងរកមិនឃើញកម្មវិធី');
  await expect(page.locator('input#code')).toHaveValue('zz99zz');
});

test('a programme code opens the programme, whatever its case and spacing', async ({ page }, testInfo) => {
  await page.goto('/en');
  await ready(page, testInfo);
  await page.locator('input#code').fill(' safe-24 ');
  await page.locator('form button[type=submit]').click();
  await expect(page).toHaveURL(/\/en\/p\/SAFE24$/);
});

test('quick exit leaves for a neutral site', async ({ page }, testInfo) => {
  await stubNeutralSite(page);
  await page.goto('/en/help');
  await page.goto('/en');
  await ready(page, testInfo);
  await page.locator('.quick-exit').click();
  await expect(page).toHaveURL('https://www.wikipedia.org/');
  if (jsOn(testInfo)) {
    // With JavaScript the Siang page was replaced in history: "back" skips it.
    await page.goBack();
    await expect(page).toHaveURL(/\/en\/help$/);
  }
});

test('the strict CSP blocks nothing the pages need (no console errors)', async ({ page }, testInfo) => {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  for (const path of ['/km', '/km/p/SAFE24/start', '/km/r', '/en/staff/sign-in']) {
    await page.goto(path);
    await ready(page, testInfo);
  }
  expect(errors).toEqual([]);
});

test('/healthz answers ok', async ({ request }) => {
  const res = await request.get('/healthz');
  expect(res.status()).toBe(200);
  expect(await res.text()).toBe('ok');
});
