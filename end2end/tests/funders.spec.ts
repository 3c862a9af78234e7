import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { ARTIFACTS, hydrated, messages, staffAccount, staffSignIn, STAFF_PASSWORD } from './helpers';

// The first demo concept: its demo agreement came from a signed interest, so its funders
// have evidence in the record.
const CONCEPT = 'Solar-powered connectivity for rural health centres';

test('a publisher sees suggested funders with their evidence and sets one aside as not a fit', async ({ browser }) => {
  test.setTimeout(120_000);
  const en = messages('en');
  const ar = messages('ar');
  staffAccount('e2e.funders.publisher@example.org', 'publisher', STAFF_PASSWORD);
  const context = await browser.newContext();
  const s = await context.newPage();
  await staffSignIn(s, 'e2e.funders.publisher@example.org');
  await s.getByRole('link', { name: CONCEPT }).first().click();
  await hydrated(s);
  const editorUrl = s.url();

  const panel = s.locator('.funder-suggestions');
  await expect(panel.getByRole('heading', { name: en.funder.suggested_title })).toBeVisible();
  const cards = panel.locator('li.funder');
  expect(await cards.count()).toBeGreaterThan(3);
  const first = cards.first();
  await expect(first.locator('.badges')).toContainText(en.funder.badge_stated_area);
  await expect(first.locator('.badges')).toContainText(en.funder.badge_past_area);
  const scores = await panel.locator('li.funder .score').allTextContents();
  const numbers = scores.map((t) => Number(t));
  expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
  await s.screenshot({ path: `${ARTIFACTS}/funders-en.png`, fullPage: true });
  const results = await new AxeBuilder({ page: s }).include('.funder-suggestions').analyze();
  expect(results.violations).toEqual([]);

  // The past-area badge leads to the funder's agreements: in the concept's area when the
  // evidence lies in one of them, else all of them.
  const name = (await first.locator('h3 a').innerText()).trim();
  await first.locator('.badges a', { hasText: en.funder.badge_past_area }).click();
  await expect(s).toHaveURL(/\/en\/staff\/agreements\?party=\d+(&area=[a-z_]+)?$/);
  await expect(s.locator('.agreements-list')).toContainText(name);

  // Not a fit, with a reason: the funder leaves the list and is listed apart with it.
  await s.goto(editorUrl);
  await hydrated(s);
  const card = cards.filter({ has: s.getByRole('link', { name, exact: true }) });
  await card.locator('summary').click();
  await card.getByLabel(en.funder.reason).fill('Their new strategy leaves health out.');
  await card.getByRole('button', { name: en.funder.mark_not_a_fit }).click();
  await expect(panel.locator('.funders-apart')).toContainText('Their new strategy leaves health out.');
  await expect(panel.locator('li.funder h3').filter({ hasText: name })).toHaveCount(0);

  // The same panel in Arabic reads right to left.
  await s.goto(editorUrl.replace('/en/', '/ar/'));
  await hydrated(s);
  await expect(s.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(s.locator('.funder-suggestions h2')).toHaveText(ar.funder.suggested_title);
  await expect(s.locator('.funder-suggestions .funders-apart')).toContainText(ar.funder.fit_again);
  await s.locator('.funder-suggestions').screenshot({ path: `${ARTIFACTS}/funders-ar.png` });

  // And back on the list.
  await s.getByRole('button', { name: ar.funder.fit_again }).click();
  await expect(s.locator('.funder-suggestions li.funder h3').filter({ hasText: name })).toHaveCount(1);

  // The weights behind the scores: shown to a publisher, changed by administrators only.
  await s.goto('/en/staff/funder-weights');
  await expect(s.locator('#w-stated_area')).toHaveValue('30');
  await expect(s.locator('#w-stated_area')).toBeDisabled();
  await expect(s.getByText(en.funder.weights_admin_only)).toBeVisible();
  await context.close();
});

test('the funders directory filters by area and region, in English and Arabic @nojs', async ({ page }, info) => {
  const en = messages('en');
  const ar = messages('ar');
  await page.goto('/en/funders');
  await page.locator('#f-area').selectOption('digital_inclusion');
  await page.locator('#f-region').selectOption('africa');
  await page.getByRole('button', { name: en.catalogue.search_button }).click();
  await expect(page).toHaveURL(/\/en\/funders\?.*area=digital_inclusion/);
  await expect(page).toHaveURL(/region=africa/);
  const cards = page.locator('.funder-card');
  expect(await cards.count()).toBeGreaterThan(0);
  for (const chips of await cards.locator('.chips').allTextContents()) expect(chips).toContain('Digital inclusion');
  await expect(page.locator('a.csv-link')).toHaveAttribute('href', /^\/api\/funders\.csv\?.*area=digital_inclusion.*&lang=en$/);
  await page.screenshot({ path: `${ARTIFACTS}/funders-directory-en-${info.project.name}.png`, fullPage: true });
  if (info.project.name === 'hydrated') {
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations).toEqual([]);
  }

  // A profile: what it states beside what its agreements show.
  await cards.first().locator('h2 a').click();
  await expect(page).toHaveURL(/\/en\/funders\/\d+$/);
  await expect(page.getByRole('heading', { name: en.funder.stated_title })).toBeVisible();
  await expect(page.getByRole('heading', { name: en.funder.observed_title })).toBeVisible();
  await expect(page.locator('.relationship')).toHaveCount(0);
  await page.screenshot({ path: `${ARTIFACTS}/funder-profile-en-${info.project.name}.png`, fullPage: true });

  await page.goto('/ar/funders?area=digital_inclusion&region=africa');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ar.funder.directory_title);
  expect(await page.locator('.funder-card').count()).toBeGreaterThan(0);
  await page.screenshot({ path: `${ARTIFACTS}/funders-directory-ar-${info.project.name}.png`, fullPage: true });
});

test('a publisher changes a funder profile, marks it reviewed and the public profile shows it', async ({ browser, page }) => {
  test.setTimeout(120_000);
  const en = messages('en');
  const ar = messages('ar');
  const stamp = `${Date.now()}`;
  staffAccount('e2e.funders.editor@example.org', 'publisher', STAFF_PASSWORD);
  const staff = await browser.newContext();
  const s = await staff.newPage();
  await staffSignIn(s, 'e2e.funders.editor@example.org');

  // The first funder of the directory, edited by staff.
  await page.goto('/en/funders');
  const href = await page.locator('.funder-card a').first().getAttribute('href');
  const id = href!.split('/').pop();
  await s.goto(`/en/staff/funders/${id}`);
  await hydrated(s);
  await expect(s.locator('#funder-edit-heading')).toHaveText(en.funder.edit_title);
  // An upside-down range is refused on its field, nothing saved.
  await s.locator('#fp-amount_low').fill('900000');
  await s.locator('#fp-amount_high').fill('1000');
  await s.getByRole('button', { name: en.funder.save }).click();
  await expect(s.locator('#fp-amount_high')).toHaveAttribute('aria-invalid', 'true');
  await expect(s.locator('.agreement-form')).toContainText(en.funder.range_upside_down);
  await s.locator('#fp-amount_high').fill('2000000');
  await s.locator('#fp-funding_cycle').fill(`Calls every March ${stamp}`);
  await s.getByRole('button', { name: en.funder.save }).click();
  await expect(s.locator('.agreement-form')).toContainText(en.funder.saved);
  const today = new Date().toISOString().slice(0, 10);
  await s.getByRole('button', { name: en.funder.mark_reviewed }).click();
  await expect(s.locator('body')).toContainText(`${en.funder.reviewed_on} ${today}`);
  await s.screenshot({ path: `${ARTIFACTS}/funder-edit-en.png`, fullPage: true });

  // The public profile says it, in English and Arabic.
  await page.goto(`/en/funders/${id}`);
  await expect(page.locator('body')).toContainText(`Calls every March ${stamp}`);
  await expect(page.locator('body')).toContainText(today);
  await s.goto(`/ar/staff/funders/${id}`);
  await expect(s.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(s.locator('#funder-edit-heading')).toHaveText(ar.funder.edit_title);
  await s.screenshot({ path: `${ARTIFACTS}/funder-edit-ar.png`, fullPage: true });
  await staff.close();
});
