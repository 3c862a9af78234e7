import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { ARTIFACTS, hydrated, messages, staffAccount } from './helpers';

const PASSWORD = 'a long enough passphrase for tests';

test('without JavaScript a staff member signs in, sees the workspace and signs out @nojs', async ({ page }) => {
  const m = messages('fr');
  staffAccount('nojs.editor@example.org', 'editor', PASSWORD);
  // The staff page sends a visitor without a session to sign in, and back afterwards.
  await page.goto('/fr/staff');
  await expect(page).toHaveURL(/\/fr\/staff\/sign-in\?next=\/fr\/staff$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(m.staff.sign_in_title);
  await page.getByLabel(m.staff.email).fill('nojs.editor@example.org');
  await page.getByLabel(m.staff.password, { exact: true }).fill('not the password');
  await page.getByRole('button', { name: m.staff.sign_in }).click();
  await expect(page.getByText(m.staff.wrong_credentials)).toBeVisible();
  await expect(page.getByLabel(m.staff.password, { exact: true })).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel(m.staff.email).fill('nojs.editor@example.org');
  await page.getByLabel(m.staff.password, { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: m.staff.sign_in }).click();
  await expect(page).toHaveURL(/\/fr\/staff$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(m.staff.home_title);
  await expect(page.locator('.signed-in')).toContainText('nojs.editor@example.org');
  await expect(page.locator('.signed-in')).toContainText(m.staff.role_editor);

  await page.getByRole('button', { name: m.staff.sign_out }).click();
  await expect(page).toHaveURL(/\/fr\/staff\/sign-in$/);
  await page.goto('/fr/staff');
  await expect(page).toHaveURL(/sign-in/);
});

test('once hydrated, sign-in and the password form answer in place', async ({ page }) => {
  const m = messages('en');
  staffAccount('hydrated.editor@example.org', 'editor', PASSWORD);
  await page.goto('/en/staff/sign-in');
  await hydrated(page);
  await page.getByLabel(m.staff.email).fill('hydrated.editor@example.org');
  await page.getByLabel(m.staff.password, { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: m.staff.sign_in }).click();
  await expect(page).toHaveURL(/\/en\/staff$/);
  await expect(page.locator('.signed-in')).toContainText('hydrated.editor@example.org');

  // A common password is refused next to its field; nothing is reloaded.
  await page.getByLabel(m.staff.current_password).fill(PASSWORD);
  await page.getByLabel(m.staff.new_password).fill('passwordpassword');
  await page.getByRole('button', { name: m.staff.save_password }).click();
  await expect(page.getByText(m.staff.common)).toBeVisible();
  await page.getByLabel(m.staff.new_password).fill('another long passphrase');
  await page.getByRole('button', { name: m.staff.save_password }).click();
  await expect(page.getByText(m.staff.password_changed)).toBeVisible();
});

for (const locale of ['en', 'ar'] as const) {
  test(`the sign-in page is accessible in ${locale}`, async ({ page }) => {
    await page.goto(`/${locale}/staff/sign-in`);
    await hydrated(page);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/staff-sign-in-${locale}.png`, fullPage: true });
  });
}
