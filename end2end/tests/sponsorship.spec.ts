import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { ARTIFACTS, hydrated, messages, watchConsole } from './helpers';

// The demo summit (CHF): the welcome reception CHF 50,000, the networking lunch CHF 25,000;
// a member discount of 10 % and multi-sponsorship tiers from the 2nd activity −5 %.
const NNBSP = '\u202f';

test('in French, two activities are priced at once, with the multi-sponsorship line', async ({ page }) => {
  test.setTimeout(90_000);
  const fr = messages('fr');
  const problems = watchConsole(page);
  await page.goto('/fr/sponsorship');
  await page.getByRole('link', { name: 'Sommet des partenariats numériques' }).click();
  await hydrated(page);
  const price = page.locator('section.price');
  await expect(price).toContainText(fr.sponsorship.choose_first);
  const address = page.url();

  await page.getByLabel(/Réception de bienvenue/).check();
  await expect(price.locator('tr.total')).toContainText(`50${NNBSP}000 CHF`);
  await expect(price.locator('.next-tier')).toContainText(fr.sponsorship.next_tier);
  await page.getByLabel(/Déjeuner de réseautage/).check();
  await expect(price).toContainText(`${fr.sponsorship.multi_discount} 2 −5 %`);
  await expect(price.locator('tr.total')).toContainText(`73${NNBSP}750 CHF`);
  await page.getByLabel(fr.sponsorship.member_label).check();
  await expect(price).toContainText(fr.sponsorship.subject_to_verification);
  await expect(price.locator('tr.total')).toContainText(`66${NNBSP}250 CHF`);
  expect(page.url(), 'priced in the browser, no request').toBe(address);

  // Two activities that cannot go together are refused at once, with the reason.
  await page.getByLabel(/Réseau Wi-Fi/).check();
  await page.getByLabel(/Application de l'événement/).check();
  await expect(price.getByRole('alert')).toContainText(fr.sponsorship.error_conflict);
  await page.getByLabel(/Application de l'événement/).uncheck();
  await expect(price.getByRole('alert')).toHaveCount(0);

  await page.screenshot({ path: `${ARTIFACTS}/sponsorship-fr.png`, fullPage: true });
  const results = await new AxeBuilder({ page }).include('main').analyze();
  expect(results.violations).toEqual([]);
  expect(problems).toEqual([]);
});

test('in Arabic, the three clicks read right to left and work without JavaScript', async ({ browser }) => {
  const ar = messages('ar');
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/ar/sponsorship');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.getByRole('link', { name: 'قمة الشراكات الرقمية' }).click();
  await page.getByLabel(/حفل الاستقبال الترحيبي/).check();
  await page.getByLabel(/غداء التواصل/).check();
  await page.getByRole('button', { name: ar.sponsorship.show_price }).click();
  await expect(page).toHaveURL(/event=digital-partnerships-summit&a=\d+&a=\d+/);
  const price = page.locator('section.price');
  await expect(price).toContainText(ar.sponsorship.multi_discount);
  await expect(price.locator('tr.total')).toContainText('73,750 CHF');
  await page.screenshot({ path: `${ARTIFACTS}/sponsorship-ar.png`, fullPage: true });

  const zh = await context.newPage();
  await zh.goto(`${page.url().replace('/ar/', '/zh/')}&member=1`);
  await expect(zh.locator('section.price tr.total')).toContainText('66,250 CHF');
  await zh.screenshot({ path: `${ARTIFACTS}/sponsorship-zh.png`, fullPage: true });
  await context.close();
});
