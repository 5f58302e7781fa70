// Bytes a browser really transfers for youth pages, JavaScript on and off
// (Chromium's own accounting: compressed bodies plus headers).
// Usage: node bench/transfer.mjs http://127.0.0.1:PORT
import { chromium } from 'playwright-core';

const base = process.argv[2];
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function measure(js, steps) {
  const context = await browser.newContext({ javaScriptEnabled: js, viewport: { width: 360, height: 640 } });
  const page = await context.newPage();
  const done = [];
  page.on('requestfinished', (r) => done.push(r));
  await steps(page);
  await page.waitForTimeout(js ? 2500 : 300);
  let total = 0;
  const files = [];
  for (const r of done) {
    const s = await r.sizes();
    const bytes = s.responseBodySize + s.responseHeadersSize;
    total += bytes;
    files.push(`${new URL(r.url()).pathname}=${bytes}`);
  }
  await context.close();
  return { total, files };
}

const programme = (page) => page.goto(`${base}/km/p/SAFE24`);
const question = async (page) => {
  await page.goto(`${base}/km/p/SAFE24/start`);
  await page.locator('button[name=consent]').click();
  await page.locator('progress').waitFor();
};
for (const [name, steps] of [['programme page (km)', programme], ['consent + first question page (km)', question]]) {
  for (const js of [false, true]) {
    const { total, files } = await measure(js, steps);
    console.log(`${name}, JavaScript ${js ? 'on ' : 'off'}: ${(total / 1024).toFixed(1)} KB  [${files.join(' ')}]`);
  }
}
await browser.close();
