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
