import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { ARTIFACTS, hydrated, messages } from './helpers';

const found = (page) => page.locator('.results-bar [role="status"] strong');
const titles = (page) => page.locator('.result h3');

test('without JavaScript the catalogue is a plain form: filter, search, sort, page @nojs', async ({ page }) => {
  const m = messages('en');
  await page.goto('/en/concepts');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(m.catalogue.title);
  const all = Number(await found(page).textContent());
  expect(all).toBeGreaterThanOrEqual(24);
  await expect(titles(page)).toHaveCount(12);

  // Choose a region and apply: the whole query lands in the URL.
  const africa = page.getByRole('group', { name: m.catalogue.facet_region }).getByRole('checkbox', { name: /^Africa/ });
  const expected = Number(await africa.locator('xpath=following-sibling::label//span[@class="count"]').textContent());
  await africa.check();
  await page.getByRole('button', { name: m.catalogue.apply }).click();
  await expect(page).toHaveURL(/region=africa/);
  await expect(found(page)).toHaveText(String(expected));
  await expect(page.getByRole('checkbox', { name: /^Africa/ })).toBeChecked();

  // Search within it; the matched word is marked.
  await page.getByLabel(m.catalogue.search_label).fill('skills');
  await page.getByRole('button', { name: m.catalogue.search_button }).click();
  await expect(page).toHaveURL(/q=skills/);
  await expect(page).toHaveURL(/region=africa/);
  await expect(page.locator('.result mark').first()).toHaveText(/skills/i);

  // Remove the filter from the chosen list.
  await page.getByRole('link', { name: `${m.catalogue.remove}: Africa` }).click();
  await expect(page).not.toHaveURL(/region=/);

  // Pages.
  await page.goto('/en/concepts?page=2');
  await expect(page.locator('.pager [aria-current="page"]')).toHaveText('2');
  await expect(titles(page)).toHaveCount(all - 12 > 12 ? 12 : all - 12);
});

test('once hydrated, a filter updates the results in place and history works', async ({ page }) => {
  const m = messages('en');
  await page.goto('/en/concepts');
  await hydrated(page);
  await page.evaluate(() => ((window as any).__stayed = true));
  const before = Number(await found(page).textContent());
  await expect(page.getByRole('button', { name: m.catalogue.apply })).toBeHidden();

  const box = page.getByRole('checkbox', { name: new RegExp(`^${m.concept.kind_video}`) });
  await box.focus();
  await page.keyboard.press('Space');
  await expect(page).toHaveURL(/media=video/);
  const withVideo = Number(await found(page).textContent());
  expect(withVideo).toBeLessThan(before);
  await expect(page.locator('.result').first()).toContainText(m.concept.kind_video);
  // No reload happened, and keyboard focus stayed on the box.
  expect(await page.evaluate(() => (window as any).__stayed)).toBe(true);
  await expect(page.getByRole('checkbox', { name: new RegExp(`^${m.concept.kind_video}`) })).toBeFocused();

  await page.getByLabel(m.catalogue.sort_label).selectOption('budget_high');
  await expect(page).toHaveURL(/sort=budget_high/);

  await page.goBack();
  await expect(page).not.toHaveURL(/sort=/);
  await expect(page).toHaveURL(/media=video/);
  await page.goBack();
  await expect(found(page)).toHaveText(String(before));
  expect(await page.evaluate(() => (window as any).__stayed)).toBe(true);
});

test('search finds Chinese, Arabic and accented words and shows the reader their language', async ({ page }) => {
  await page.goto('/en/concepts?q=' + encodeURIComponent('光缆'));
  await expect(titles(page).first()).toHaveText('Submarine cable resilience for Pacific small island states');
  await page.goto('/ar/concepts?q=' + encodeURIComponent('الإِنْذَار'));
  await expect(page.locator('.result').first()).toContainText('إنذار');
  await page.goto('/fr/concepts?q=energie');
  await expect(page.locator('.result mark').first()).toHaveText(/[ée]nergie/i);
});

test('an empty result says so and points to alerts @nojs', async ({ page }) => {
  const m = messages('fr');
  await page.goto('/fr/concepts?q=zzyzx');
  await expect(page.getByRole('heading', { name: m.catalogue.empty_title })).toBeVisible();
  await expect(page.getByRole('link', { name: m.catalogue.empty_subscribe })).toHaveAttribute('href', '/fr/subscribe');
  const res = await page.goto('/fr/concepts?sort=price');
  expect(res?.status()).toBe(400);
  await expect(page.getByText(m.catalogue.bad_query)).toBeVisible();
});

test('catalogue in English and Arabic: screenshots and accessibility', async ({ page }) => {
  for (const [name, path] of [
    ['en', '/en/concepts?q=digital&sort=relevance'],
    ['ar', '/ar/concepts?region=arab_states'],
    ['zh', '/zh/concepts'],
  ]) {
    await page.goto(path);
    await hydrated(page);
    await page.screenshot({ path: `${ARTIFACTS}/catalogue-${name}.png`, fullPage: true });
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  }
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the filters fold away once the page is live, results first', async ({ page }) => {
    for (const locale of ['en', 'ar']) {
      await page.goto(`/${locale}/concepts?region=arab_states`);
      await hydrated(page);
      const panel = page.locator('details.filters');
      await expect(panel).not.toHaveAttribute('open');
      await expect(page.locator('.result').first()).toBeInViewport();
      await page.screenshot({ path: `${ARTIFACTS}/catalogue-${locale}-phone.png` });
      await page.locator('details.filters > summary').click();
      await expect(panel).toHaveAttribute('open', '');
      await expect(page.getByRole('checkbox').first()).toBeVisible();
    }
  });
});
