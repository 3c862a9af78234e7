import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { ARTIFACTS, hydrated, messages, postInterest, staffAccount, staffSignIn, STAFF_PASSWORD } from './helpers';

test('a signed interest becomes an agreement, public on the concept page and in the record', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const en = messages('en');
  const ar = messages('ar');
  const stamp = Date.now();
  const organisation = `Fondation Sahel ${stamp}`;
  const domain = `sahel${stamp}.example.org`;

  // A partner expresses interest in the first concept of the catalogue.
  const slug = await postInterest(page, 'en', {
    organisation, entity: 'foundation', country: 'SN', contact: 'Awa Diop', email: `awa@${domain}`, role: 'Directrice',
    contribution: 'funding', amount: '300000', message: 'Nous voulons financer.',
  });

  staffAccount('e2e.agreements.publisher@example.org', 'publisher', STAFF_PASSWORD);
  const staff = await browser.newContext();
  const s = await staff.newPage();
  await staffSignIn(s, 'e2e.agreements.publisher@example.org');
  await s.goto('/en/staff/interests');
  await s.getByRole('link', { name: organisation }).click();
  await hydrated(s);
  const interestUrl = s.url();

  // The organisation goes into the registry, and the interest is linked to it.
  await s.locator('.registry-panel').getByRole('link', { name: en.organisation.new_entry }).click();
  await hydrated(s);
  await s.getByRole('button', { name: en.staff.create }).click();
  await expect(s).toHaveURL(/\/en\/staff\/organisations\/\d+$/);
  await s.goto(interestUrl);
  await hydrated(s);
  await s.locator('.registry-panel .suggestions').getByRole('button', { name: en.organisation.link }).click();
  await expect(s.locator('.registry-panel').getByRole('link', { name: organisation })).toBeVisible();

  // The publisher moves it to "agreement signed" and is offered the draft.
  await s.locator('#p-stage').selectOption('signed');
  await s.locator('#p-agreed').fill('280000');
  await s.locator('.pipeline-form button[type="submit"]').click();
  await s.getByRole('link', { name: en.interest.record_agreement }).click();
  await hydrated(s);
  await expect(s.locator('#a-title')).toHaveValue(new RegExp(organisation));
  await expect(s.locator('#a-value')).toHaveValue('280000');
  await expect(s.locator('#a-party_org-0')).not.toHaveValue('');
  // Signatures, and a least developed country among the places.
  await s.locator('#a-agency_signed_on').fill('2026-03-02');
  await s.locator('#a-party_signed-0').fill('2026-02-26');
  const places = s.locator('select[name="form[place][]"]');
  const count = await places.count();
  let blank = 0;
  for (let i = 0; i < count; i++) {
    if ((await places.nth(i).inputValue()) === '') { blank = i; break; }
  }
  await places.nth(blank).selectOption('country:SN');
  await s.getByRole('button', { name: en.staff.create }).click();
  await expect(s).toHaveURL(/\/en\/staff\/agreements\/\d+$/);
  const agreementUrl = s.url();
  await hydrated(s);
  await s.getByRole('button', { name: `${en.agreement.move_to} ${en.agreement.status_signed}` }).click();
  await expect(s.locator('.hint .stage')).toHaveText(en.agreement.status_signed);
  await s.getByRole('button', { name: en.agreement.make_public }).click();
  await expect(s.getByRole('button', { name: en.agreement.make_confidential })).toBeVisible();
  await expect(s.locator('.history')).toContainText(en.agreement.audit_made_public);
  await s.screenshot({ path: `${ARTIFACTS}/agreement-en.png`, fullPage: true });

  // The concept page names its partner; the public record lists the agreement.
  await page.goto(`/en/concepts/${slug}`);
  await expect(page.locator('.partnership')).toContainText(en.concept.in_partnership_with);
  await expect(page.locator('.partnership')).toContainText(organisation);
  await page.goto(`/en/agreements?q=${stamp}`);
  await expect(page.locator('.agreements-list')).toContainText(organisation);

  // Staff filter by area × country group and get the organisations behind the agreements.
  const area = await s.locator('select[name="form[area][]"]').first().inputValue();
  await s.goto(`/en/staff/agreements?area=${area}&group=ldc&q=${stamp}`);
  const partners = s.locator('.partners-table tbody tr').filter({ hasText: organisation });
  await expect(partners.locator('td.number').first()).toHaveText('1');
  const results = await new AxeBuilder({ page: s }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
  await s.screenshot({ path: `${ARTIFACTS}/agreements-partners-en.png`, fullPage: true });

  // The public record in Arabic reads right to left.
  await page.goto(`/ar/agreements?area=${area}&group=ldc&q=${stamp}`);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('h1')).toHaveText(ar.agreement.public_title);
  await expect(page.locator('.partners-table')).toContainText(organisation);
  await page.screenshot({ path: `${ARTIFACTS}/agreements-ar.png`, fullPage: true });
  await s.goto(agreementUrl.replace('/en/', '/ar/'));
  await expect(s.locator('html')).toHaveAttribute('dir', 'rtl');
  await s.screenshot({ path: `${ARTIFACTS}/agreement-ar.png`, fullPage: true });
  await staff.close();
});
