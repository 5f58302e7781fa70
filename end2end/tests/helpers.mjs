// Shared steps for the end-to-end tests.
import { expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const jsOn = (testInfo) => testInfo.project.name === 'js-on';

/** With JavaScript on, wait until the islands are live (the page marks itself). */
export async function ready(page, testInfo) {
  if (jsOn(testInfo)) {
    await page.waitForFunction(() => document.documentElement.dataset.hydrated === '1', null, { timeout: 15_000 });
  }
}

/** The neutral site of quick exit, answered locally (the machine has no Internet). */
export async function stubNeutralSite(page) {
  await page.route('https://www.wikipedia.org/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<html><body><h1>Neutral</h1></body></html>' }),
  );
}

/** WCAG 2.x A and AA checks on the current page. axe runs inside the page,
 * so it needs JavaScript; the HTML it checks is the same in both modes. */
export async function expectAccessible(page, testInfo) {
  if (!jsOn(testInfo)) return;
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
}

/** Button texts of the youth journey in the languages the tests walk. */
export const T = {
  en: { yes: 'I want to take part', next: 'Next', check: 'Check my answers', send: 'Send my answers', done: 'Thank you! Your answers were sent.', face4: 'Mostly yes' },
  km: { yes: 'ខ្ញុំចង់ចូលរួម', next: 'បន្ទាប់', check: 'ពិនិត្យចម្លើយរបស់ខ្ញុំ', send: 'ផ្ញើចម្លើយរបស់ខ្ញុំ', done: 'អរគុណ! ចម្លើយរបស់អ្នកត្រូវបានផ្ញើហើយ។', face4: 'ភាគច្រើនបាទ/ចាស' },
  my: { yes: 'ပါဝင်ချင်သည်', next: 'ရှေ့သို့', check: 'ကျွန်ုပ်၏အဖြေများ စစ်ရန်', send: 'ကျွန်ုပ်၏အဖြေများ ပို့ရန်', done: 'ကျေးဇူးတင်ပါသည်။ သင့်အဖြေများ ပို့ပြီးပါပြီ။', face4: 'အများအားဖြင့် ဟုတ်' },
};

/** From the programme page through consent to the first question. */
export async function start(page, testInfo, lang, code) {
  await page.goto(`/${lang}/p/${code}`);
  await ready(page, testInfo);
  await page.locator('main a.button').first().click();
  await page.getByRole('button', { name: T[lang].yes }).click();
  await expect(page.locator('progress')).toBeVisible();
}

export async function nextScreen(page, lang) {
  const next = page.locator('form#journey .nav button[value=next]');
  await next.click();
}
