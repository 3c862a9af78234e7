import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { ARTIFACTS, LOCALES, hydrated, messages, watchConsole } from './helpers';

test.describe('home page in six languages', () => {
  for (const locale of LOCALES) {
    test(`renders in ${locale} with lang and dir from the server @nojs`, async ({ page }) => {
      const m = messages(locale);
      const response = await page.goto(`/${locale}`);
      expect(response?.status()).toBe(200);
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      await expect(page.locator('html')).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(m.home.title);
      await expect(page.getByRole('navigation', { name: m.nav.main }).getByRole('link', { name: m.nav.concepts })).toBeVisible();
      await expect(page).toHaveTitle(new RegExp(m.app.name));
      // The seeded catalogue shows up: counts and recent concepts (other tests may publish more).
      await expect(page.locator('.stats strong').first()).toHaveText(/^\d+$/);
      expect(Number(await page.locator('.stats strong').first().innerText())).toBeGreaterThanOrEqual(24);
      await expect(page.locator('.concept-card')).toHaveCount(6);
    });
  }
});

test('no English leaks into the Arabic page', async ({ page }) => {
  await page.goto('/ar');
  const en = messages('en');
  const text = await page.locator('body').innerText();
  for (const value of [en.home.title, en.home.intro, en.nav.concepts, en.footer.about, en.home.browse_by]) {
    expect(text).not.toContain(value);
  }
});

test('the root redirects by Accept-Language, English by default', async ({ request }) => {
  const fr = await request.get('/', { headers: { 'Accept-Language': 'fr-CH, fr;q=0.9, en;q=0.8' }, maxRedirects: 0 });
  expect(fr.status()).toBe(302);
  expect(fr.headers()['location']).toBe('/fr');
  const none = await request.get('/', { headers: { 'Accept-Language': 'de-DE' }, maxRedirects: 0 });
  expect(none.headers()['location']).toBe('/en');
});

test('switching language keeps the page @nojs', async ({ page }) => {
  await page.goto('/fr/subscribe');
  await page.getByRole('navigation', { name: messages('fr').nav.language }).getByRole('link', { name: 'العربية' }).click();
  await expect(page).toHaveURL(/\/ar\/subscribe$/);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(messages('ar').subscribe.title);
  const current = page.getByRole('navigation', { name: messages('ar').nav.language }).locator('[aria-current="true"]');
  await expect(current).toHaveText('العربية');
});

test('switching language keeps the search and the filters @nojs', async ({ page }) => {
  await page.goto('/en/concepts?area=infrastructure&page=1');
  await page.getByRole('navigation', { name: messages('en').nav.language }).getByRole('link', { name: 'Français' }).click();
  await expect(page).toHaveURL(/\/fr\/concepts\?area=infrastructure&page=1$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(messages('fr').catalogue.title);
  await expect(page.locator('input[name="area"][value="infrastructure"]')).toBeChecked();
});

test('language switch after hydration updates the page in place', async ({ page }) => {
  await page.goto('/en');
  await hydrated(page);
  await page.getByRole('link', { name: 'Русский' }).click();
  await expect(page).toHaveURL(/\/ru$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(messages('ru').home.title);
});

test('browse-by tabs work once hydrated, by mouse and keyboard', async ({ page }) => {
  const m = messages('en');
  await page.goto('/en');
  await hydrated(page);
  const areaTab = page.getByRole('tab', { name: m.home.by_area });
  const regionTab = page.getByRole('tab', { name: m.home.by_region });
  await expect(areaTab).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('#panel-areas')).toBeVisible();
  await expect(page.locator('#panel-regions')).toBeHidden();
  await regionTab.click();
  await expect(regionTab).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('#panel-regions')).toBeVisible();
  await expect(page.locator('#panel-areas')).toBeHidden();
  await expect(page.getByRole('tabpanel').getByRole('link', { name: /Africa/ })).toBeVisible();
  await regionTab.press('ArrowRight');
  await expect(areaTab).toBeFocused();
  await expect(page.locator('#panel-areas')).toBeVisible();
});

test('without JavaScript both lists show and the tabs stay hidden @nojs', async ({ page, browserName }, info) => {
  test.skip(info.project.name !== 'no-js', 'checks the server-rendered page only');
  await page.goto('/en');
  await expect(page.locator('#panel-areas')).toBeVisible();
  await expect(page.locator('#panel-regions')).toBeVisible();
  await expect(page.getByRole('tablist')).toBeHidden();
});

test('unknown pages are a translated 404 @nojs', async ({ page }) => {
  const inFrench = await page.goto('/fr/nope');
  expect(inFrench?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(messages('fr').not_found.title);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
});

test('an unknown locale prefix gets a 404 in the best-guess language', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'es-ES', extraHTTPHeaders: { 'Accept-Language': 'es-ES,es;q=0.9' } });
  const page = await context.newPage();
  const response = await page.goto('/xx');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(messages('es').not_found.title);
  await context.close();
});

test('pages load without console errors or blocked resources', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto('/en');
  await hydrated(page);
  await page.goto('/ar');
  await hydrated(page);
  expect(problems).toEqual([]);
});

test('security headers are set', async ({ request }) => {
  const res = await request.get('/en');
  const h = res.headers();
  expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(h['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9_-]+'/);
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(h['strict-transport-security']).toBeUndefined();
});

test('a cross-site post to a server function is refused', async ({ request }) => {
  const res = await request.post('/api/home_overview', {
    form: { locale: 'en' },
    headers: { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://attacker.example' },
  });
  expect(res.status()).toBe(403);
  const same = await request.post('/api/home_overview', { form: { locale: 'en' }, headers: { 'Sec-Fetch-Site': 'same-origin' } });
  expect(same.status()).toBe(200);
});

test('the WASM and CSS are served compressed', async ({ request }) => {
  for (const file of ['/pkg/pop.wasm', '/pkg/pop.js', '/pkg/pop.css']) {
    const res = await request.get(file, { headers: { 'Accept-Encoding': 'br, gzip' } });
    expect(res.status(), file).toBe(200);
    expect(['br', 'gzip'], file).toContain(res.headers()['content-encoding']);
  }
});

test('health and readiness answer', async ({ request }) => {
  expect((await request.get('/healthz')).status()).toBe(200);
  expect(await (await request.get('/readyz')).text()).toBe('ready');
});

test('home pages in English and Arabic: screenshots and accessibility', async ({ page }) => {
  for (const locale of ['en', 'ar'] as const) {
    await page.goto(`/${locale}`);
    await hydrated(page);
    await page.screenshot({ path: `${ARTIFACTS}/home-${locale}.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${ARTIFACTS}/home-${locale}-phone.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 720 });
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  }
});
