import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { ARTIFACTS, STAFF_PASSWORD, hydrated, mails, messages, staffAccount, staffSignIn } from './helpers';

const PASSWORD = STAFF_PASSWORD;

/** The dashboard's number for agreements signed, from its table and from its chart. */
async function signedOnDashboard(p: Page, stageName: string): Promise<[number, number]> {
  await p.goto('/en/staff/dashboard');
  const block = p.locator('.dashboard-block').first();
  const cell = block.locator('table tr').filter({ hasText: stageName }).locator('td');
  const table = Number(await cell.textContent());
  const index = await block.locator('table tbody tr').evaluateAll(
    (rows, name) => rows.findIndex((r) => r.textContent?.includes(name as string)), stageName);
  const chart = Number(await block.locator('svg g.chart-row').nth(index).locator('rect').getAttribute('data-value'));
  return [table, chart];
}

test('a partner expresses interest in Spanish and a publisher takes it to a signed agreement', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const m = messages('es');
  const en = messages('en');
  const email = `rosa.${Date.now()}@example.org`;
  const organisation = `Fundación Andina ${Date.now()}`;

  staffAccount('e2e.interest.publisher@example.org', 'publisher', PASSWORD);
  const staff = await browser.newContext();
  const s = await staff.newPage();
  await staffSignIn(s, 'e2e.interest.publisher@example.org');
  const [before, beforeChart] = await signedOnDashboard(s, en.interest.stage_signed);
  expect(beforeChart).toBe(before);

  await page.goto('/es/concepts');
  await page.locator('.result-list a').first().click();
  await hydrated(page);
  const form = page.locator('#interest');
  await expect(form.getByRole('heading', { level: 2 })).toHaveText(m.interest.title);
  await form.getByLabel(m.interest.organisation, { exact: true }).fill(organisation);
  await form.getByLabel(m.subscribe.entity_type, { exact: true }).selectOption('foundation');
  await form.getByLabel(m.subscribe.country, { exact: true }).selectOption('PE');
  await form.getByLabel(m.interest.contact_name, { exact: true }).fill('Rosa Quispe');
  await form.getByLabel(m.staff.email, { exact: true }).fill(email);
  await form.getByLabel(m.interest.role, { exact: true }).fill('Directora de programas');
  await form.getByLabel(m.interest.amount, { exact: true }).fill('250000');
  await form.getByLabel(m.interest.message, { exact: true }).fill('Nos interesa cofinanciar la fase piloto.');
  await form.getByLabel(m.interest.consent, { exact: true }).check();
  await page.screenshot({ path: `${ARTIFACTS}/interest-es.png`, fullPage: true });
  // People take a few seconds to fill the form in; robots do not (the server tells them apart).
  await page.waitForTimeout(3_000);
  await form.getByRole('button', { name: m.interest.submit }).click();
  await expect(page).toHaveURL(/interest=sent/);
  await expect(page.getByText(m.interest.sent_title)).toBeVisible();

  // The acknowledgement, in Spanish, through the SMTP sink.
  await expect.poll(() => mails().filter((x) => x.to.includes(email)).length, { timeout: 20_000 }).toBe(1);
  const ack = mails().find((x) => x.to.includes(email))!;
  expect(ack.subject.startsWith(m.mail.interest_ack_subject)).toBe(true);
  expect(ack.text).toContain('Rosa Quispe');

  // The publisher finds it in the inbox and moves it to "agreement signed" with the amount.
  await s.goto('/en/staff/interests?stage=new');
  const inbox = await new AxeBuilder({ page: s }).analyze();
  const inboxSerious = inbox.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(inboxSerious, JSON.stringify(inboxSerious, null, 2)).toEqual([]);
  await s.screenshot({ path: `${ARTIFACTS}/inbox-en.png`, fullPage: true });
  await s.getByRole('link', { name: organisation }).click();
  await hydrated(s);
  // The partner's country by its name in the reader's language, not its code.
  await expect(s.locator('.partner-facts')).toContainText('Peru');
  // The same page in Arabic: right to left, the country named in Arabic.
  const detailUrl = s.url();
  await s.goto(detailUrl.replace('/en/', '/ar/'));
  await expect(s.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(s.locator('.partner-facts')).toContainText('بيرو');
  await s.screenshot({ path: `${ARTIFACTS}/interest-detail-ar.png`, fullPage: true });
  await s.goto(detailUrl);
  await hydrated(s);
  await s.screenshot({ path: `${ARTIFACTS}/interest-detail-en.png`, fullPage: true });
  await s.getByLabel(en.interest.stage).selectOption('signed');
  await s.getByLabel(en.interest.agreed).fill('1200000');
  await s.getByRole('button', { name: en.staff.save, exact: true }).click();
  await expect(s.getByText(en.staff.saved)).toBeVisible();
  await expect(s.locator('.stage').first()).toHaveText(en.interest.stage_signed);

  // The dashboard's table and chart both count one more signed agreement.
  const [after, afterChart] = await signedOnDashboard(s, en.interest.stage_signed);
  expect(after).toBe(before + 1);
  expect(afterChart).toBe(after);
  await s.screenshot({ path: `${ARTIFACTS}/dashboard-en.png`, fullPage: true });
  await s.goto('/ar/staff/dashboard');
  await expect(s.locator('html')).toHaveAttribute('dir', 'rtl');
  await s.screenshot({ path: `${ARTIFACTS}/dashboard-ar.png`, fullPage: true });
  const results = await new AxeBuilder({ page: s }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);

  // The export of signed agreements holds the row, readable by spreadsheet programs.
  const csv = await s.request.get('/api/staff/interests.csv?stage=signed');
  expect(csv.status()).toBe(200);
  const body = await csv.text();
  expect(body.charCodeAt(0)).toBe(0xfeff);
  const row = body.split('\r\n').find((l) => l.includes(organisation))!;
  expect(row).toContain('"1200000"');
  expect(row).toContain(`"${email}"`);
  await staff.close();
});

test('without JavaScript the interest form still works @nojs', async ({ page }) => {
  const m = messages('fr');
  await page.goto('/fr/concepts');
  // A full load of the concept page; where JavaScript runs, fill the form once it has
  // hydrated (typing into it while it hydrates loses what was typed).
  await page.goto((await page.locator('.result-list a').first().getAttribute('href'))!);
  if (test.info().project.name === 'hydrated') await hydrated(page);
  const form = page.locator('#interest');
  await form.getByLabel(m.interest.organisation, { exact: true }).fill('Université de Genève');
  await form.getByLabel(m.subscribe.entity_type, { exact: true }).selectOption('academia');
  await form.getByLabel(m.interest.contact_name, { exact: true }).fill('Jean Martin');
  await form.getByLabel(m.staff.email, { exact: true }).fill(`nojs.${Date.now()}@example.org`);
  await form.getByLabel(m.interest.role, { exact: true }).fill('Professeur');
  await form.getByLabel(m.interest.contribution, { exact: true }).selectOption('expertise');
  await form.getByLabel(m.interest.message, { exact: true }).fill('Nous pourrions apporter une expertise en évaluation.');
  await form.getByLabel(m.interest.consent, { exact: true }).check();
  await page.waitForTimeout(3_000);
  await form.getByRole('button', { name: m.interest.submit }).click();
  await expect(page).toHaveURL(/interest=sent/);
  await expect(page.getByText(m.interest.sent_title)).toBeVisible();
});
