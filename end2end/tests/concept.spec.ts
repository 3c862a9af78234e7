import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { ARTIFACTS, hydrated, messages } from './helpers';

const SOLAR = '/en/concepts/solar-connectivity-rural-health-centres';

test('a concept page shows its facts, body and media @nojs', async ({ page }) => {
  const m = messages('en');
  const res = await page.goto(SOLAR);
  expect(res?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Solar-powered connectivity for rural health centres');
  await expect(page.getByRole('heading', { name: m.concept.objectives })).toBeVisible();
  const facts = page.getByRole('complementary');
  await expect(facts).toContainText('USD 4,800,000');
  await expect(facts).toContainText('Malawi');
  await expect(facts).toContainText(m.concept.group_ldc);
  await expect(facts).toContainText(m.concept.contribution_in_kind);
  await expect(page.locator('.prose strong').first()).toHaveText('solar micro-grids');
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', SOLAR);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', /Solar-powered/);
  await expect(page.locator('link[rel="alternate"][hreflang="fr"]')).toHaveCount(1);
  await expect(page.locator('iframe.pdf').first()).toHaveAttribute('src', /^\/media\/[0-9a-f]{64}\/.+\.pdf$/);
});

test('the video plays and seeks: the media route answers ranges with 206', async ({ page }) => {
  const ranges: number[] = [];
  page.on('response', (r) => { if (r.url().includes('/media/') && r.url().endsWith('.webm')) ranges.push(r.status()); });
  await page.goto(SOLAR);
  await hydrated(page);
  const video = page.locator('video');
  await expect(video).toHaveAttribute('poster', /\/media\//);
  await video.evaluate(async (v: HTMLVideoElement) => {
    v.muted = true;
    await v.play();
    v.currentTime = 4;
    await new Promise((r) => v.addEventListener('seeked', r, { once: true }));
  });
  expect(await video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThanOrEqual(3.9);
  expect(ranges).toContain(206);
});

test('the PDF concept note is served inline and can be downloaded', async ({ page, request }) => {
  await page.goto(SOLAR);
  const src = await page.locator('iframe.pdf').first().getAttribute('src');
  const res = await request.get(src!);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('application/pdf');
  expect(res.headers()['content-disposition']).toMatch(/^inline; filename="[^"]+\.pdf"; filename\*=UTF-8''[^"]+\.pdf$/);
  expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');
  const etag = res.headers()['etag'];
  expect((await request.get(src!, { headers: { 'If-None-Match': etag } })).status()).toBe(304);
  expect((await request.get(src!, { headers: { Range: 'bytes=999999999-' } })).status()).toBe(416);
});

test('media outside the store or of unknown files are 404', async ({ request }) => {
  for (const path of ['/media/../../etc/passwd', '/media/abc/x.pdf', `/media/${'0'.repeat(64)}/x.pdf`, '/media/%2e%2e%2fCargo.toml/x']) {
    expect((await request.get(path)).status(), path).toBe(404);
  }
});

test('an external video loads nothing from its host before the reader presses play', async ({ page, baseURL }) => {
  const external: string[] = [];
  const ours = new URL(baseURL!).host;
  // Only network requests count: Chromium's PDF viewer loads chrome:// resources of its own.
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (/^https?:$/.test(url.protocol) && url.host !== ours) external.push(r.url());
  });
  await page.route(/youtube-nocookie\.com/, (route) => route.fulfill({ status: 200, body: '<p>player</p>', contentType: 'text/html' }));
  await page.goto('/fr/concepts/centres-competences-numeriques-jeunes-sahel');
  await hydrated(page);
  expect(external).toEqual([]);
  await page.getByRole('button', { name: messages('fr').concept.play_external }).click();
  await expect(page.locator('.external-video iframe')).toHaveAttribute('src', /youtube-nocookie\.com\/embed\/M7lc1UVf-VE/);
});

test('without a translation the original is shown with a notice and links to its languages @nojs', async ({ page }) => {
  await page.goto('/ar/concepts/solar-connectivity-rural-health-centres');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByText(messages('ar').concept.no_translation)).toBeVisible();
  await expect(page.locator('article.concept')).toHaveAttribute('lang', 'en');
  await expect(page.locator('.languages a[hreflang="fr"]')).toHaveText('Français');
});

test('an unknown or unpublished concept is a translated 404 @nojs', async ({ page }) => {
  for (const slug of ['no-such-concept', 'tele-enseignement-refugies', 'BAD..slug']) {
    const res = await page.goto(`/fr/concepts/${slug}`);
    expect(res?.status(), slug).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(messages('fr').not_found.title);
  }
});

test('concept pages in English and Arabic: screenshots and accessibility', async ({ page }) => {
  for (const path of ['/en/concepts/multi-hazard-early-warning-arab-region', '/ar/concepts/multi-hazard-early-warning-arab-region']) {
    await page.goto(path);
    await hydrated(page);
    const name = path.startsWith('/ar') ? 'ar' : 'en';
    await page.screenshot({ path: `${ARTIFACTS}/concept-${name}.png`, fullPage: true });
    const results = await new AxeBuilder({ page }).exclude('iframe').analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  }
});
