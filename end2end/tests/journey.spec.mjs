// The youth journey, with JavaScript on and off, on a 360×640 phone.
import { test, expect } from '@playwright/test';
import { ready, jsOn, stubNeutralSite, expectAccessible, T, start, nextScreen } from './helpers.mjs';
import { sql, countSubmissions, submissionWithText } from './db.mjs';

/** Every youth response: no cookie, not cached. */
function watchResponses(page) {
  const bad = [];
  page.on('response', (res) => {
    const url = new URL(res.url());
    if (!url.pathname.startsWith('/pkg/') && url.hostname === '127.0.0.1') {
      const h = res.headers();
      if (h['set-cookie']) bad.push(`${url.pathname} sets a cookie`);
      if (res.request().resourceType() === 'document' && h['cache-control'] !== 'no-store') bad.push(`${url.pathname} may be cached`);
    }
  });
  return bad;
}

for (const lang of ['en', 'km', 'my']) {
  test(`the whole journey in ${lang}: answer, review, send, receipt`, async ({ page, context }, testInfo) => {
    const problems = watchResponses(page);
    const token = `E2E${lang}${testInfo.project.name}${Date.now()}`;
    const before = countSubmissions('SAFE24');
    await start(page, testInfo, lang, 'SAFE24');
    await expect(page.locator('.progress-text')).toContainText('12');
    // Screen 1: a face and a comment.
    await page.locator('fieldset.scale').first().getByText(T[lang].face4).click();
    await page.locator('textarea').first().fill(`The garden ${token}`);
    if (jsOn(testInfo)) await expect(page.locator('.counter').first()).toContainText(String(500 - `The garden ${token}`.length));
    await expectAccessible(page, testInfo);
    await nextScreen(page, lang);
    // The rest: the first face where there is one.
    for (let i = 2; i <= 12; i++) {
      await expect(page.locator('progress')).toHaveAttribute('value', String(i));
      const scale = page.locator('fieldset.scale').first();
      if (await scale.count()) await scale.getByText(T[lang].face4).click();
      await nextScreen(page, lang);
    }
    await expect(page.getByRole('button', { name: T[lang].send })).toBeVisible();
    await expect(page.locator('main')).toContainText(token);
    await page.getByRole('button', { name: T[lang].send }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(T[lang].done);
    await expect(page.locator('.receipt-code')).toHaveText(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    await expect(page.locator('.helplines')).toContainText('1280');
    expect(countSubmissions('SAFE24')).toBe(before + 1);
    const id = submissionWithText(token);
    expect(sql('SELECT submitted_on FROM submissions WHERE id = ?', [id])[0][0]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await context.cookies()).toEqual([]);
    expect(problems).toEqual([]);
    if (lang !== 'en') {
      // Complex scripts get larger text.
      const size = await page.locator('main p').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
      expect(size).toBeGreaterThanOrEqual(19);
    }
  });
}

test('the smallest phones (320 px) show every screen without sideways scrolling', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 320, height: 568 });
  await start(page, testInfo, 'my', 'SAFE24');
  for (let i = 1; i <= 12; i++) {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `screen ${i}`).toBeLessThanOrEqual(0);
    await nextScreen(page, 'my');
  }
});

test('skipping every question still sends', async ({ page }, testInfo) => {
  const before = countSubmissions('HOME25');
  await start(page, testInfo, 'en', 'HOME25');
  for (let i = 1; i <= 12; i++) await nextScreen(page, 'en');
  await expect(page.locator('.review-area .skipped').first()).toBeVisible();
  await page.getByRole('button', { name: T.en.send }).click();
  await expect(page.locator('.receipt-code')).toBeVisible();
  expect(countSubmissions('HOME25')).toBe(before + 1);
  // Changing language on the receipt page keeps the receipt (and stores nothing again).
  const receipt = await page.locator('.receipt-code').textContent();
  await page.getByRole('button', { name: 'ខ្មែរ' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'km');
  await expect(page.locator('.receipt-code')).toHaveText(receipt);
  expect(countSubmissions('HOME25')).toBe(before + 1);
});

test('back keeps answers, and the language can change mid-way', async ({ page }, testInfo) => {
  await start(page, testInfo, 'en', 'TALK7');
  await page.locator('textarea').first().fill('Keep </textarea><b>me</b>');
  await nextScreen(page, 'en');
  await page.locator('form#journey .nav button[value=back]').click();
  await expect(page.locator('textarea').first()).toHaveValue('Keep </textarea><b>me</b>');
  await page.getByRole('button', { name: 'ខ្មែរ' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'km');
  await expect(page.locator('textarea').first()).toHaveValue('Keep </textarea><b>me</b>');
  expect(await page.locator('main b').count()).toBe(0);
});

test('a double tap on send stores one submission', async ({ page }, testInfo) => {
  await start(page, testInfo, 'en', 'LEARN3');
  for (let i = 1; i <= 12; i++) await nextScreen(page, 'en');
  const before = countSubmissions('LEARN3');
  await page.getByRole('button', { name: T.en.send }).dblclick();
  await expect(page.locator('.receipt-code')).toBeVisible();
  await page.waitForTimeout(300);
  expect(countSubmissions('LEARN3')).toBe(before + 1);
});

test('come back with the receipt: read the reply, then withdraw', async ({ page }, testInfo) => {
  const token = `REPLY${testInfo.project.name}${Date.now()}`;
  await start(page, testInfo, 'km', 'SKILL9');
  await page.locator('textarea').first().fill(token);
  for (let i = 1; i <= 12; i++) await nextScreen(page, 'km');
  await page.getByRole('button', { name: T.km.send }).click();
  const receipt = await page.locator('.receipt-code').textContent();
  const id = submissionWithText(token);
  // A reply written straight into the database (moderation.spec.mjs walks the moderator's pages).
  sql("INSERT INTO replies (submission_id, body, created_on) VALUES (?, 'We heard you.', CURRENT_DATE)", [id]);
  sql("UPDATE submissions SET status = 'replied' WHERE id = ?", [id]);

  await page.getByRole('link', { name: 'ខ្ញុំមានលេខកូដបង្កាន់ដៃ' }).click();
  await ready(page, testInfo);
  await page.locator('#receipt').fill(receipt.toLowerCase().replaceAll('-', ' '));
  await page.locator('form button[type=submit]').click();
  await expect(page.locator('.reply')).toContainText('We heard you.');
  await expect(page.locator('.status')).toHaveText('ក្រុមការងារបានសរសេរតបមកអ្នកហើយ។');
  expect(page.url()).not.toContain(receipt.slice(0, 4));
  const before = countSubmissions('SKILL9');
  await page.locator('button[value=withdraw]').click();
  await page.locator('button[value=withdraw-confirm]').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('ចម្លើយរបស់អ្នកត្រូវបានលុបហើយ');
  expect(countSubmissions('SKILL9')).toBe(before - 1);
  expect(sql('SELECT COUNT(*) FROM answers WHERE submission_id = ?', [id])[0][0]).toBe(0);
  expect(sql('SELECT COUNT(*) FROM replies WHERE submission_id = ?', [id])[0][0]).toBe(0);
});

test('quick exit from a question page', async ({ page }, testInfo) => {
  await stubNeutralSite(page);
  await start(page, testInfo, 'my', 'SAFE24');
  await page.locator('.quick-exit').click();
  await expect(page).toHaveURL('https://www.wikipedia.org/');
});

/** Rewrites the next journey post the browser sends, as a forger or a broken network would. */
async function tamperNextPost(page, rewrite) {
  await page.route(
    '**/p/*/answer',
    (route) => route.continue({ postData: rewrite(route.request().postDataBuffer()) }),
    { times: 1 },
  );
}

const bad = [
  ['a rating out of range', (b) => Buffer.from(b.toString().replace(/(q1=)\d/, '$19')), 'សូមជ្រើសរើសមុខមួយ។'],
  ['an unknown question', (b) => Buffer.from(b.toString() + '&q987654=3'), 'សំណួរនេះមិនមែនជាផ្នែកនៃទម្រង់នេះទេ។'],
  ['oversized text', (b) => Buffer.from(b.toString().replace(/(q3=)[^&]*/, '$1' + 'x'.repeat(600))), 'កុំឱ្យលើស 500 តួអក្សរ'],
  ['broken UTF-8', (b) => Buffer.concat([b, Buffer.from('&q3=ok'), Buffer.from([0x25, 0x46, 0x46])]), 'អក្សរខ្លះមិនអាចអានបានទេ។'],
  ['a missing key', (b) => Buffer.from(b.toString().replace(/seal=[^&]*/, 'seal=')), 'ទម្រង់មិនពេញលេញ។'],
];
for (const [name, rewrite, message] of bad) {
  test(`${name} on sending gets a translated error and stores nothing`, async ({ page }, testInfo) => {
    await start(page, testInfo, 'km', 'TALK7');
    await page.locator('fieldset.scale').first().getByText(T.km.face4).click();
    await page.locator('textarea').first().fill('Typed with care');
    for (let i = 1; i <= 12; i++) await nextScreen(page, 'km');
    await expect(page.getByRole('button', { name: T.km.send })).toBeVisible();
    const before = countSubmissions('TALK7');
    // The send itself is forged: this is the post that would store.
    await tamperNextPost(page, rewrite);
    await page.getByRole('button', { name: T.km.send }).click();
    await expect(page.getByRole('alert').first()).toContainText(message);
    await expect(page.locator('.receipt-code')).toHaveCount(0);
    expect(countSubmissions('TALK7')).toBe(before);
  });
}

test('a post from another website is refused in the visitor\'s language', async ({ page, request }, testInfo) => {
  await start(page, testInfo, 'km', 'TALK7');
  const seal = await page.locator('input[name=seal]').getAttribute('value');
  const before = countSubmissions('TALK7');
  const res = await request.post('/km/p/TALK7/answer', {
    headers: { Origin: 'http://evil.example', 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'application/x-www-form-urlencoded' },
    data: `seal=${encodeURIComponent(seal)}&s=review&go=send`,
  });
  expect(res.status()).toBe(403);
  expect(await res.text()).toContain('ទម្រង់នេះត្រូវបានផ្ញើពីគេហទំព័រផ្សេង');
  expect(countSubmissions('TALK7')).toBe(before);
});

test('a caseworker prints the programme poster; its QR code opens the programme', async ({ page }, testInfo) => {
  await page.goto('/km/p/SAFE24/poster');
  await ready(page, testInfo);
  await expect(page.locator('.qr svg')).toBeVisible();
  const link = await page.locator('.poster code').textContent();
  expect(link).toMatch(/\/km\/p\/SAFE24$/);
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/km\/p\/SAFE24$/);
});
