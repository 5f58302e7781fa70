// The young people's pages as a child on a shared phone or a shelter's
// tablet finds them: typed and printed addresses, Back after sending, quick
// exit then Back, a class behind one address, what the page gives away,
// focus, width, words and faces, the review, names in the child's language.
// Every test runs with JavaScript on and off (the two projects), at 360 px.
import { test, expect } from '@playwright/test';
import { PNG } from 'pngjs';
import { ready, stubNeutralSite } from './helpers.mjs';
import { ftl, LANGS } from './ftl.mjs';

async function begin(page, testInfo, lang, code) {
  await page.goto(`/${lang}/p/${code}/start`);
  await ready(page, testInfo);
  await page.getByRole('button', { name: ftl(lang, 'consent-yes') }).click();
  await expect(page.locator('progress')).toBeVisible();
}

const next = (page) => page.locator('form#journey .nav button[value=next]').click();

async function toReview(page, answer = async () => {}) {
  for (let i = 1; i <= 12; i++) {
    await expect(page.locator('progress')).toHaveAttribute('value', String(i));
    await answer(page, i);
    await next(page);
  }
  await expect(page.locator('button[value=send]')).toBeVisible();
}

const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test('addresses typed or printed with a trailing slash open the complete page', async ({ page }) => {
  for (const [typed, canonical, shown] of [
    ['/km/', '/km', 'input#code'],
    ['/km/help/?country=KH', '/km/help?country=KH', '.helplines .helpline'],
    ['/km/p/SAFE24/', '/km/p/SAFE24', 'main a.button'],
    ['/km/p/SAFE24/start/', '/km/p/SAFE24/start', 'form.actions button'],
    ['/km/r/', '/km/r', 'input#receipt'],
    ['/km/?code=safe24', '/km/p/SAFE24', 'main a.button'],
  ]) {
    const res = await page.goto(typed);
    expect(res.status(), typed).toBe(200);
    const url = new URL(page.url());
    expect(url.pathname + url.search, typed).toBe(canonical);
    await expect(page.locator(shown).first(), typed).toBeVisible();
    expect(await page.locator('template').count(), `${typed} streams`).toBe(0);
  }
});

test('Back after sending shows none of the answers and not the receipt', async ({ page }, testInfo) => {
  const token = `MyOwnWords${testInfo.project.name}${Date.now()}`;
  await begin(page, testInfo, 'my', 'TALK7');
  await page.locator('textarea').first().fill(token);
  await toReview(page);
  await expect(page.locator('main')).toContainText(token);
  await page.locator('button[value=send]').click();
  const receipt = (await page.locator('.receipt-code').textContent()).trim();
  page.on('dialog', (d) => d.accept());
  for (let i = 0; i < 3; i++) {
    // Chrome either posts the earlier form again at once, or first shows its
    // own "confirm form resubmission" page, which the next person reloads.
    const reposted = await page.goBack().then(
      () => true,
      (e) => {
        if (!/ERR_CACHE_MISS/.test(e.message)) throw e;
        return false;
      },
    );
    if (!reposted) {
      await page.waitForURL(/^chrome-error:/);
      await page.reload();
    }
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(ftl('my', 'already-sent-title'));
    const html = await page.content();
    expect(html).not.toContain(token);
    expect(html).not.toContain(receipt);
  }
});

test('quick exit, then Back, brings back nothing that was typed', async ({ page }, testInfo) => {
  await stubNeutralSite(page);
  const typed = [`NeverSentA${Date.now()}`, `NeverSentB${Date.now()}`];
  await begin(page, testInfo, 'km', 'SAFE24');
  await expect(page.locator('form#journey')).toHaveAttribute('autocomplete', 'off');
  await page.locator('textarea').first().fill(typed[0]);
  await next(page);
  await page.locator('textarea').first().fill(typed[1]);
  await page.locator('.quick-exit').click();
  await expect(page).toHaveURL('https://www.wikipedia.org/');
  await page.goBack();
  const html = await page.content();
  const boxes = await page.locator('textarea').evaluateAll((els) => els.map((e) => e.value).join(' '));
  for (const t of typed) {
    expect(html).not.toContain(t);
    expect(boxes).not.toContain(t);
  }
});

test('a class typing receipts behind one shelter address is not locked out', async ({ page }, testInfo) => {
  await begin(page, testInfo, 'km', 'HOME25');
  await toReview(page);
  await page.locator('button[value=send]').click();
  const receipt = (await page.locator('.receipt-code').textContent()).trim();
  // A dozen typos from this address (ten used to lock everyone behind it out).
  for (let i = 0; i < 12; i++) {
    await page.goto('/km/r');
    await page.locator('#receipt').fill(`2222-3333-4${'ABCDEFGHJKMN'[i]}AB`);
    await page.locator('main form button[type=submit]').click();
    await expect(page.getByRole('alert')).toContainText(ftl('km', 'error-receipt-unknown'));
  }
  await page.goto('/km/r');
  await page.locator('#receipt').fill(receipt);
  await page.locator('main form button[type=submit]').click();
  await expect(page.locator('.status')).toBeVisible();
});

test('no hidden field gives the receipt away before it is shown', async ({ page }, testInfo) => {
  await begin(page, testInfo, 'my', 'LEARN3');
  const seals = [await page.locator('input[name=seal]').getAttribute('value')];
  await toReview(page);
  seals.push(await page.locator('input[name=seal]').getAttribute('value'));
  await page.locator('button[value=send]').click();
  const receipt = (await page.locator('.receipt-code').textContent()).trim().replaceAll('-', '');
  for (const seal of seals) {
    const opened = Buffer.from(seal, 'base64url').toString('latin1');
    for (const hidden of [receipt, 'argon2', '"r"']) expect(opened).not.toContain(hidden);
  }
});

test('every youth answer, redirects included, is not kept; unknown languages answer in the visitor\'s', async ({ browser, page }) => {
  const kept = [];
  page.on('response', (res) => {
    const url = new URL(res.url());
    if (url.hostname === '127.0.0.1' && !url.pathname.startsWith('/pkg/') && res.headers()['cache-control'] !== 'no-store') {
      kept.push(`${res.status()} ${url.pathname}`);
    }
  });
  await page.goto('/km/p/SAFE24/answer');
  await expect(page).toHaveURL(/\/km\/p\/SAFE24$/);
  await page.goto('/km/help/');
  await page.goto('/km/?code=SAFE24');
  expect(kept).toEqual([]);
  const context = await browser.newContext({ locale: 'km-KH', javaScriptEnabled: false });
  const other = await context.newPage();
  for (const path of ['/xx/', '/xx/p/SAFE24']) {
    const res = await other.goto(path);
    expect(res.status()).toBe(404);
    await expect(other.locator('html')).toHaveAttribute('lang', 'km');
    await expect(other.getByRole('heading', { level: 1 })).toHaveText(ftl('km', 'not-found-title'));
  }
  await context.close();
});

/** Contrast ratio of two CSS colours (WCAG). */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

test('the keyboard focus can be seen on the page and on a chosen answer', async ({ page }, testInfo) => {
  await begin(page, testInfo, 'my', 'SAFE24');
  await page.locator('fieldset.scale').first().locator('label.face-option').nth(3).click();
  const seen = [];
  for (let i = 0; i < 40 && seen.length < 6; i++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body || !el.matches(':focus-visible')) return null;
      const style = getComputedStyle(el);
      let bg = 'rgba(0, 0, 0, 0)';
      // The outline is drawn just outside the element: what is behind it is its parent's background.
      for (let p = el.parentElement; p; p = p.parentElement) {
        const c = getComputedStyle(p).backgroundColor;
        if (!c.startsWith('rgba(0, 0, 0, 0)') && c !== 'transparent') { bg = c; break; }
      }
      return { tag: el.tagName, outline: style.outlineColor, width: parseFloat(style.outlineWidth), bg };
    });
    if (focus) seen.push(focus);
  }
  expect(seen.length).toBeGreaterThan(3);
  for (const f of seen) {
    expect(f.width, f.tag).toBeGreaterThanOrEqual(2);
    expect(contrast(f.outline, f.bg), `${f.tag} on ${f.bg}`).toBeGreaterThanOrEqual(3);
  }
});

for (const lang of LANGS) {
  test(`nothing is wider than a 360 px phone, in ${lang}`, async ({ page }, testInfo) => {
    const wide = [];
    const check = async (what) => {
      const o = await overflow(page);
      if (o > 0) wide.push(`${what}: ${o}px`);
    };
    for (const path of [`/${lang}`, `/${lang}/help?country=KH`, `/${lang}/p/SAFE24`, `/${lang}/r`, `/${lang}/p/SAFE24/not-now`]) {
      await page.goto(path);
      await check(path);
    }
    await begin(page, testInfo, lang, 'SAFE24');
    await toReview(page, async (p, i) => check(`screen ${i}`));
    await check('review');
    await page.locator('button[value=send]').click();
    await expect(page.locator('.receipt-code')).toBeVisible();
    await check('receipt');
    // The receipt code stays on one line.
    const lines = await page.locator('.receipt-code').evaluate((el) => {
      const r = document.createRange();
      r.selectNodeContents(el);
      return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size;
    });
    expect(lines).toBe(1);
    expect(wide).toEqual([]);
  });
}

test('face words are never broken in the middle (Burmese, Khmer, Lao)', async ({ page }, testInfo) => {
  for (const lang of ['my', 'km', 'lo']) {
    await begin(page, testInfo, lang, 'SAFE24');
    const lines = await page.locator('fieldset.scale .face-option .word').evaluateAll((els) =>
      els.map((el) => {
        const r = document.createRange();
        r.selectNodeContents(el);
        return [el.textContent, new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size];
      }),
    );
    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (const [word, n] of lines) expect(n, `${lang}: "${word}" wraps`).toBe(1);
  }
});

test('the five faces are easy to tell apart', async ({ page }, testInfo) => {
  await begin(page, testInfo, 'km', 'SAFE24');
  const faces = page.locator('fieldset.scale').first().locator('.face');
  await expect(faces).toHaveCount(5);
  const pngs = [];
  for (let i = 0; i < 5; i++) pngs.push(PNG.sync.read(await faces.nth(i).screenshot()));
  const differ = (a, b) => {
    let n = 0;
    for (let i = 0; i < a.data.length; i += 4) {
      const d = Math.abs(a.data[i] - b.data[i]) + Math.abs(a.data[i + 1] - b.data[i + 1]) + Math.abs(a.data[i + 2] - b.data[i + 2]);
      if (d > 30) n++;
    }
    return n / (a.data.length / 4);
  };
  for (let i = 0; i < 4; i++) {
    for (let j = i + 1; j < 5; j++) {
      expect(differ(pngs[i], pngs[j]), `faces ${i + 1} and ${j + 1}`).toBeGreaterThan(0.25);
    }
  }
});

test('the review fits a child: one part per screen, one change button each, skipped folded', async ({ page }, testInfo) => {
  await begin(page, testInfo, 'km', 'SKILL9');
  await toReview(page, async (p) => {
    const scale = p.locator('fieldset.scale').first();
    if (await scale.count()) await scale.locator('label.face-option').nth(3).click();
  });
  const areas = page.locator('.review-area');
  await expect(areas).toHaveCount(12);
  for (let i = 0; i < 12; i++) await expect(areas.nth(i).locator('button[value^=screen-]')).toHaveCount(1);
  const answered = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(answered, 'with one face per screen: about six phone screens').toBeLessThan(6 * 640);
  // Nothing answered: twelve short lines.
  await begin(page, testInfo, 'km', 'SKILL9');
  await toReview(page);
  await expect(page.locator('.review-area dd')).toHaveCount(0);
  await expect(page.locator('.review-area .skipped')).toHaveCount(12);
  const skipped = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(skipped).toBeLessThan(4 * 640);
});

test('names of the team and the helplines are in the child\'s language', async ({ page }, testInfo) => {
  await page.goto('/km/p/SAFE24');
  await expect(page.locator('main')).toContainText(ftl('km', 'demo-shelter-team'));
  await expect(page.locator('main')).not.toContainText('Safe Home care team');
  await page.goto('/my/help?country=KH');
  await expect(page.locator('.helplines')).toContainText(ftl('my', 'helpline-kh-1280'));
  await expect(page.locator('.helplines')).not.toContainText('Child Helpline Cambodia');
  await begin(page, testInfo, 'my', 'SAFE24');
  await toReview(page);
  await page.locator('button[value=send]').click();
  await expect(page.locator('.helplines')).toContainText(ftl('my', 'helpline-int'));
  await expect(page.locator('main')).toContainText(ftl('my', 'demo-shelter-team'));
});

test('every youth page describes itself to a search engine in its language', async ({ page }) => {
  for (const path of ['/my', '/my/help', '/my/p/SAFE24', '/my/r']) {
    await page.goto(path);
    await expect(page.locator('meta[name=description]')).toHaveAttribute('content', ftl('my', 'site-description'));
  }
});
