// Screenshots of the youth pages at 360×640 (JavaScript off), for looking at
// layout by eye: node shots.mjs <base-url> <out-dir> [lang...]
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const [base, out, ...langs] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
for (const lang of langs.length ? langs : ['km', 'my']) {
  const page = await browser.newPage({ viewport: { width: 360, height: 640 }, javaScriptEnabled: false });
  const shot = async (name) => {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.screenshot({ path: `${out}/${lang}-${name}.png`, fullPage: true });
    console.log(`${lang}-${name}: overflow ${overflow}px, height ${await page.evaluate(() => document.documentElement.scrollHeight)}px`);
  };
  await page.goto(`${base}/${lang}`); await shot('landing');
  await page.goto(`${base}/${lang}/help?country=KH`); await shot('help');
  await page.goto(`${base}/${lang}/p/SAFE24`); await shot('programme');
  await page.goto(`${base}/${lang}/p/SAFE24/start`); await shot('consent');
  await page.locator('form button[type=submit]').first().click();
  await shot('screen1');
  await page.locator('fieldset.scale').first().locator('label').nth(1).click();
  await page.locator('textarea').first().fill('ok');
  await page.locator('form#journey button[value=next]').click();
  for (let i = 2; i <= 12; i++) {
    const scale = page.locator('fieldset.scale').first();
    if (await scale.count()) await scale.locator('label').nth(3).click();
    await page.locator('form#journey button[value=next]').click();
  }
  await shot('review');
  await page.locator('button[value=send]').click();
  await shot('receipt');
  await page.close();
}
await browser.close();
