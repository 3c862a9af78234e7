import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { ARTIFACTS, hydrated, messages, staffAccount, totp } from './helpers';

const PASSWORD = 'a long enough passphrase for tests';

async function signIn(page: Page, email: string, locale: string, code?: string) {
  const m = messages(locale as any);
  await page.goto(`/${locale}/staff/sign-in`);
  await hydrated(page);
  await page.getByLabel(m.staff.email).fill(email);
  await page.getByLabel(m.staff.password, { exact: true }).fill(PASSWORD);
  if (code) await page.getByLabel(m.staff.sign_in_code).fill(code);
  await page.getByRole('button', { name: m.staff.sign_in }).click();
}

test('an administrator creates an account, changes its role and reads the audit log', async ({ page }) => {
  const m = messages('en');
  const email = `new.member.${Date.now()}@example.org`;
  staffAccount('e2e.admin@example.org', 'admin', PASSWORD);
  await signIn(page, 'e2e.admin@example.org', 'en');
  await expect(page).toHaveURL(/\/en\/staff$/);
  await page.getByRole('link', { name: m.staff.accounts_title }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(m.staff.accounts_title);
  await hydrated(page);

  const form = page.locator('form').filter({ has: page.getByRole('button', { name: m.staff.account_create }) });
  // The browser accepts this address; the server does not (no dot in the domain).
  await form.getByLabel(m.staff.email).fill('nadia@localhost');
  await form.getByLabel(m.staff.account_name).fill('Nadia Haddad');
  await form.getByRole('button', { name: m.staff.account_create }).click();
  await expect(form.getByText(m.staff.invalid_email)).toBeVisible();
  await form.getByLabel(m.staff.email).fill(email);
  await form.getByRole('button', { name: m.staff.account_create }).click();
  await expect(page.getByText(m.staff.hand_over)).toBeVisible();
  await expect(page.locator('code.password')).toHaveText(/^[a-z0-9]{5}(-[a-z0-9]{5}){3}$/);

  const row = page.getByRole('row').filter({ hasText: email });
  await row.getByRole('combobox').selectOption('publisher');
  await row.getByRole('button', { name: m.staff.save }).click();
  await expect(row.getByRole('combobox')).toHaveValue('publisher');

  await page.goto('/ar/staff/accounts');
  await hydrated(page);
  await page.screenshot({ path: `${ARTIFACTS}/staff-accounts-ar.png`, fullPage: true });
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);

  await page.goto('/en/staff/audit');
  const log = page.locator('.audit-log');
  await expect(log).toContainText(`${m.staff.audit_account_created} (${m.staff.role_editor})`);
  await expect(log).toContainText(`${m.staff.audit_role_changed}: ${m.staff.role_editor} → ${m.staff.role_publisher}`);
});

test('a member turns on two-step sign-in and then signs in with a code', async ({ page }) => {
  const m = messages('fr');
  const email = `two.step.${Date.now()}@example.org`;
  staffAccount(email, 'editor', PASSWORD);
  await signIn(page, email, 'fr');
  await expect(page).toHaveURL(/\/fr\/staff$/);
  await hydrated(page);
  const section = page.getByRole('region', { name: m.staff.two_factor_title });
  await section.getByRole('button', { name: m.staff.two_factor_begin }).click();
  await expect(section.getByRole('img', { name: m.staff.two_factor_qr })).toBeVisible();
  const secret = (await section.locator('code.secret').textContent()) ?? '';
  expect(secret.replace(/\s/g, '')).toMatch(/^[A-Z2-7]{32}$/);
  await section.getByLabel(m.staff.two_factor_code).fill('000000' === totp(secret) ? '111111' : '000000');
  await section.getByRole('button', { name: m.staff.two_factor_confirm }).click();
  await expect(section.getByText(m.staff.wrong_code)).toBeVisible();
  await section.getByLabel(m.staff.two_factor_code).fill(totp(secret));
  await section.getByRole('button', { name: m.staff.two_factor_confirm }).click();
  await expect(page.locator('.recovery-codes li')).toHaveCount(10);
  await expect(section.getByText(m.staff.two_factor_on)).toBeVisible();
  await page.screenshot({ path: `${ARTIFACTS}/staff-two-factor-fr.png`, fullPage: true });

  await page.getByRole('button', { name: m.staff.sign_out }).click();
  await expect(page).toHaveURL(/sign-in/);
  // The password alone is not enough any more.
  await signIn(page, email, 'fr');
  await expect(page.getByText(m.staff.code_required)).toBeVisible();
  // The next step's code (the current one was spent turning it on).
  await signIn(page, email, 'fr', totp(secret, Date.now() / 1000 + 30));
  await expect(page).toHaveURL(/\/fr\/staff$/);
});
