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

  // A publisher translates its title into French; the public page shows each reader theirs.
  const fr = messages('fr');
  await s.locator('#translations summary').filter({ hasText: 'Français' }).click();
  await s.locator('#tr-fr-title').fill(`Accord traduit ${stamp}`);
  await s.locator('#translations li[lang="fr"]').getByRole('button', { name: en.agreement.translation_save }).click();
  await expect(s.locator('#translations li[lang="fr"]')).toContainText(en.agreement.translation_done);
  await expect(s.locator('#translations-heading .badge')).toHaveText('2 / 6');
  await page.locator('.agreements-list tbody tr').filter({ hasText: organisation }).getByRole('link').first().click();
  await expect(page).toHaveURL(/\/en\/agreements\/\d{4}-\d{4}$/);
  await expect(page.locator('h1')).toContainText(organisation);
  await expect(page.locator('.linked').first()).toContainText(organisation);
  await page.screenshot({ path: `${ARTIFACTS}/agreement-public-en.png`, fullPage: true });
  const publicUrl = page.url();
  await page.goto(publicUrl.replace('/en/', '/fr/'));
  await expect(page.locator('h1')).toHaveText(`Accord traduit ${stamp}`);
  await expect(page.locator('.breadcrumb')).toContainText(fr.agreement.public_title);
  await page.goto(publicUrl.replace('/en/', '/ar/'));
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('.page-header')).toContainText(ar.agreement.shown_as_written);
  await page.screenshot({ path: `${ARTIFACTS}/agreement-public-ar.png`, fullPage: true });

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

test('staff import agreements from CSV: every bad row listed, the clean file stored whole, and exported again', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const en = messages('en');
  const stamp = Date.now();
  staffAccount('e2e.import.publisher@example.org', 'publisher', STAFF_PASSWORD);
  const staff = await browser.newContext();
  const s = await staff.newPage();
  await staffSignIn(s, 'e2e.import.publisher@example.org');
  // A party of the demo registry, by name.
  await s.goto('/en/staff/organisations');
  const party = (await s.locator('table.inbox tbody tr th a').first().innerText()).trim();
  const header = 'kind,status,public,language,title,agency_role,agency_signed_on,contribution,currency,value,usd_rate,rate_on,parties,party_roles,party_signed_on,areas,area_shares,places';
  const good = `cooperation,signed,yes,en,Imported schools ${stamp},accountable,2016-05-02,financial,USD,120000,1,2016-05-01,"${party}",funding,2016-04-28,capacity_building,,country:KE`;
  const bad = `cooperation,,,en,Broken ${stamp},accountable,,financial,XYZ,10,1,2016-01-01,Nobody ${stamp},funding,,capacity_building; infrastructure,70; 20,country:KE`;

  await s.goto('/en/staff/agreements');
  await s.getByRole('link', { name: en.agreement.import_title }).click();
  await expect(s).toHaveURL(/\/en\/staff\/agreements\/import$/);
  await hydrated(s);
  await s.locator('#import-text').fill(`${header}\n${good}\n${bad}\n`);
  await s.getByRole('button', { name: en.agreement.import_check }).click();
  const problems = s.locator('.import-problems tbody tr');
  await expect(problems).toHaveCount(1);
  await expect(problems.first()).toContainText(`Broken ${stamp}`);
  await expect(problems.first()).toContainText('currency');
  await expect(problems.first()).toContainText('area_shares');
  await expect(problems.first()).toContainText('parties.1');
  await expect(problems.first()).toContainText(en.agreement.not_in_registry);
  await expect(s.getByRole('button', { name: new RegExp(en.agreement.import_store) })).toHaveCount(0);
  await s.screenshot({ path: `${ARTIFACTS}/agreements-import-errors-en.png`, fullPage: true });
  // The same report in Arabic reads right to left, every error said in Arabic.
  const ar = messages('ar');
  await s.goto('/ar/staff/agreements/import');
  await hydrated(s);
  await expect(s.locator('html')).toHaveAttribute('dir', 'rtl');
  await s.locator('#import-text').fill(`${header}\n${good}\n${bad}\n`);
  await s.getByRole('button', { name: ar.agreement.import_check }).click();
  await expect(problems.first()).toContainText(ar.agreement.not_in_registry);
  await expect(problems.first()).toContainText(ar.agreement.shares_sum);
  await s.screenshot({ path: `${ARTIFACTS}/agreements-import-errors-ar.png`, fullPage: true });
  await s.goto('/en/staff/agreements/import');
  await hydrated(s);

  // The file chosen from disk fills the box; clean, it is stored whole.
  await s.locator('#import-file').setInputFiles({ name: 'agreements.csv', mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${header}\n${good}\n`) });
  await expect(s.locator('#import-text')).toHaveValue(new RegExp(`Imported schools ${stamp}`));
  await s.getByRole('button', { name: en.agreement.import_check }).click();
  await expect(s.locator('.import-report')).toContainText(en.agreement.import_clean);
  await s.getByRole('button', { name: new RegExp(en.agreement.import_store) }).click();
  await expect(s.locator('.notice.success')).toContainText(en.agreement.import_stored);

  // Its signed text goes in as a document, staff-only until a publisher makes it public.
  await s.goto(`/en/staff/agreements?q=${stamp}`);
  await s.locator('.agreements-list tbody tr th a').first().click();
  await hydrated(s);
  await s.locator('#doc-title').fill(`Signed text ${stamp}`);
  await s.locator('#doc-file').setInputFiles({ name: 'signed.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n') });
  await s.getByRole('button', { name: en.agreement.document_add }).click();
  await expect(s.locator('#documents .notice.success')).toHaveText(en.agreement.document_saved);
  const doc = s.locator('#documents li').filter({ hasText: `Signed text ${stamp}` });
  await expect(doc.locator('.badge.confidential')).toHaveText(en.agreement.staff_only);
  const docHref = await doc.getByRole('link').first().getAttribute('href');
  expect((await page.request.get(docHref!)).status()).toBe(404);
  await hydrated(s);
  await doc.getByRole('button', { name: en.agreement.make_public }).click();
  await expect(doc.locator('.badge.confidential')).toHaveCount(0);
  expect((await page.request.get(docHref!)).status()).toBe(200);
  await s.screenshot({ path: `${ARTIFACTS}/agreement-documents-en.png`, fullPage: true });

  // The public record lists it, and its CSV link downloads it with codes and labels.
  await page.goto(`/en/agreements?q=${stamp}`);
  await expect(page.locator('.agreements-list')).toContainText(`Imported schools ${stamp}`);
  const href = await page.getByRole('link', { name: en.agreement.csv_agreements }).getAttribute('href');
  const csv = await (await page.request.get(href!)).text();
  expect(csv).toContain(`Imported schools ${stamp}`);
  expect(csv).toContain('"capacity_building"');
  expect(csv.split('\r\n')[0]).not.toContain('public');
  await staff.close();
});

test('the organisations table shows the first organisations and every one on request @nojs', async ({ page }) => {
  const en = messages('en');
  await page.goto('/en/agreements');
  await expect(page.locator('.partners-table tbody tr')).toHaveCount(25);
  await page.getByRole('link', { name: new RegExp(en.agreement.all_partners) }).click();
  await expect(page).toHaveURL(/partners=all/);
  expect(await page.locator('.partners-table tbody tr').count()).toBeGreaterThan(25);
});
