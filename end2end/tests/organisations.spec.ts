import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { ARTIFACTS, hydrated, messages, postInterest, staffAccount, staffSignIn, STAFF_PASSWORD } from './helpers';

test('staff record an interested partner in the registry and link the interest to it', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const en = messages('en');
  const ar = messages('ar');
  const stamp = Date.now();
  const organisation = `Asociación Caribeña ${stamp}`;
  const domain = `caribe${stamp}.example.org`;

  // A partner expresses interest (the plain form post a browser without JavaScript makes).
  await postInterest(page, 'es', {
    organisation, entity: 'ngo', country: 'JM', contact: 'Ana Brown', email: `ana@${domain}`, role: 'Directora',
    contribution: 'expertise', amount: '', message: 'Podemos aportar formación.',
  });

  staffAccount('e2e.registry.editor@example.org', 'editor', STAFF_PASSWORD);
  const staff = await browser.newContext();
  const s = await staff.newPage();
  await staffSignIn(s, 'e2e.registry.editor@example.org');
  await s.goto('/en/staff/interests');
  await s.getByRole('link', { name: organisation }).click();
  await hydrated(s);
  const panel = s.locator('.registry-panel');
  await expect(panel).toContainText(en.organisation.not_linked);
  const interestUrl = s.url();

  // "New organisation" from the interest: the form comes filled from what the partner typed.
  await panel.getByRole('link', { name: en.organisation.new_entry }).click();
  await hydrated(s);
  await expect(s.getByLabel(en.organisation.name, { exact: true })).toHaveValue(organisation);
  await expect(s.getByLabel(en.organisation.email_domain, { exact: true })).toHaveValue(domain);
  await expect(s.getByLabel(en.organisation.kind, { exact: true })).toHaveValue('ngo');
  // A bad website is named next to its field and nothing is stored.
  await s.getByLabel(en.organisation.website, { exact: true }).fill('not a website');
  await s.getByRole('button', { name: en.staff.create }).click();
  await expect(s.locator('.field-error')).toHaveText(en.staff.invalid_value);
  await s.getByLabel(en.organisation.website, { exact: true }).fill(`https://${domain}`);
  await s.getByLabel(en.organisation.acronym, { exact: true }).fill('ACD');
  await s.getByLabel(en.organisation.due_diligence, { exact: true }).selectOption('pending');
  await s.getByRole('button', { name: en.staff.create }).click();
  await expect(s).toHaveURL(/\/en\/staff\/organisations\/\d+$/);
  await expect(s.getByRole('heading', { level: 1 })).toContainText(organisation);
  await expect(s.locator('.history')).toContainText(en.organisation.audit_created);

  // Back on the interest it is suggested (same e-mail domain), and linked only on a click.
  await s.goto(interestUrl);
  await hydrated(s);
  await expect(panel.locator('.suggestions')).toContainText(en.organisation.same_domain);
  await panel.locator('.suggestions').getByRole('button', { name: en.organisation.link }).click();
  await expect(panel.getByRole('link', { name: organisation })).toBeVisible();
  await expect(panel).toContainText(en.organisation.dd_pending);
  await s.screenshot({ path: `${ARTIFACTS}/interest-registry-en.png`, fullPage: true });

  // The registry finds it and counts its interest; the same list in Arabic reads right to left.
  await s.goto(`/en/staff/organisations?q=${encodeURIComponent('asociacion caribena')}`);
  const row = s.locator('table tbody tr').filter({ hasText: organisation });
  await expect(row.locator('td.number')).toHaveText('1');
  const results = await new AxeBuilder({ page: s }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
  await s.screenshot({ path: `${ARTIFACTS}/registry-en.png`, fullPage: true });
  await row.getByRole('link').click();
  await s.goto(s.url().replace('/en/', '/ar/'));
  await expect(s.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(s.locator('.partner-facts')).toContainText(ar.organisation.kind_ngo);
  await expect(s.locator('.partner-facts')).toContainText('جامايكا');
  await s.screenshot({ path: `${ARTIFACTS}/organisation-ar.png`, fullPage: true });
  await staff.close();
});
