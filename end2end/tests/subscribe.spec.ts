import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { ARTIFACTS, STAFF_PASSWORD, hydrated, mails, messages, staffAccount, staffSignIn } from './helpers';

const PASSWORD = STAFF_PASSWORD;

test('someone subscribes in Spanish, confirms from the e-mail, gets one alert and leaves with one click', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const m = messages('es');
  const email = `lucia.${Date.now()}@example.org`;
  await page.goto('/es/subscribe?area=infrastructure&region=africa');
  await hydrated(page);
  // The dry run follows the choices.
  const dry = page.locator('.dry-run-count');
  await expect(dry).toContainText(m.subscribe.dry_run_before);
  // Following everything can only bring as many concepts or more.
  const narrow = Number(await dry.locator('strong').textContent());
  await page.getByRole('group', { name: m.staff.areas_label }).getByRole('checkbox', { checked: true }).uncheck();
  await page.getByRole('group', { name: m.staff.regions_label }).getByRole('checkbox', { checked: true }).uncheck();
  await expect.poll(async () => Number(await dry.locator('strong').textContent())).toBeGreaterThan(narrow);
  await page.getByRole('group', { name: m.staff.areas_label }).getByRole('checkbox', { name: 'Infraestructura' }).check();
  await page.getByRole('group', { name: m.staff.regions_label }).getByRole('checkbox', { name: 'África' }).check();
  await expect.poll(async () => Number(await dry.locator('strong').textContent())).toBe(narrow);

  await page.getByLabel(m.subscribe.organisation).fill('Ministerio de Tecnologías');
  await page.getByLabel(m.subscribe.contact_name).fill('Lucía Gómez');
  await page.getByLabel(m.staff.email).fill(email);
  await page.getByLabel(m.subscribe.frequency_immediate).check();
  await page.screenshot({ path: `${ARTIFACTS}/subscribe-es.png`, fullPage: true });
  await page.getByRole('button', { name: m.subscribe.submit }).click();
  await expect(page).toHaveURL(/\/es\/subscribe\/thanks$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(m.subscribe.thanks_title);

  // The confirmation e-mail, in Spanish; its link leads to a button.
  await expect.poll(() => mails().filter((x) => x.to.includes(email)).length, { timeout: 20_000 }).toBe(1);
  const confirm = mails().find((x) => x.to.includes(email))!;
  expect(confirm.subject).toBe(m.mail.confirm_subject);
  const link = confirm.text.match(/https?:\/\/\S+\/es\/subscribe\/confirm\?token=[0-9a-f]{64}/)![0];
  await page.goto(new URL(link).pathname + new URL(link).search);
  await page.getByRole('button', { name: m.subscribe.confirm_button }).click();
  await expect(page.getByText(m.subscribe.confirmed)).toBeVisible();

  // An editor writes a matching concept, a publisher sees the reach and publishes it.
  staffAccount('e2e.sub.editor@example.org', 'editor', PASSWORD);
  staffAccount('e2e.sub.publisher@example.org', 'publisher', PASSWORD);
  const en = messages('en');
  const title = `Backbone ${Date.now()}`;
  const staff = await browser.newContext();
  const s = await staff.newPage();
  await staffSignIn(s, 'e2e.sub.editor@example.org');
  await s.goto('/en/staff/concepts/new');
  await hydrated(s);
  await s.getByLabel(en.staff.title_label).fill(title);
  await s.getByLabel(en.staff.summary_label).fill('Fibre between market towns.');
  await s.getByRole('group', { name: en.staff.areas_label }).getByRole('checkbox', { name: 'Infrastructure' }).check();
  await s.getByRole('group', { name: en.staff.regions_label }).getByRole('checkbox', { name: 'Africa' }).check();
  await s.getByRole('button', { name: en.staff.create }).click();
  await expect(s).toHaveURL(/\/en\/staff\/concepts\/\d+$/);
  await s.getByRole('button', { name: en.staff.move_in_review }).click();
  await expect(s.locator('.editor-header .status')).toHaveText(en.staff.status_in_review);
  const editorUrl = s.url();
  await staff.clearCookies();
  await staffSignIn(s, 'e2e.sub.publisher@example.org');
  await s.goto(editorUrl);
  await hydrated(s);
  await expect(s.locator('.reach strong')).not.toHaveText('0');
  await s.getByRole('button', { name: en.staff.move_published, exact: true }).click();
  await expect(s.locator('.editor-header .status')).toHaveText(en.staff.status_published);
  await staff.close();
  await expect.poll(() => mails().filter((x) => x.to.includes(email)).length, { timeout: 20_000 }).toBe(2);
  const alert = mails().filter((x) => x.to.includes(email))[1];
  expect(alert.subject).toBe(`${m.mail.alert_subject} ${title}`);
  expect(alert.text).toContain(m.mail.reason_areas);
  expect(alert.headers).toMatch(/List-Unsubscribe: <https?:\/\/\S+\/unsubscribe\/[0-9a-f]{64}>/);
  expect(alert.headers).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');

  // The publisher sees it sent on the delivery page (in Arabic, right to left).
  const ar = messages('ar');
  const delivery = await browser.newContext();
  const d = await delivery.newPage();
  await staffSignIn(d, 'e2e.sub.publisher@example.org');
  await d.goto('/ar/staff/mail');
  await expect(d.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(d.getByRole('heading', { level: 1 })).toHaveText(ar.staff.mail_title);
  const row = d.getByRole('row').filter({ hasText: title });
  await expect(row.getByRole('cell').nth(1)).toHaveText('1');
  await d.screenshot({ path: `${ARTIFACTS}/staff-mail-ar.png`, fullPage: true });
  await delivery.close();

  // The manage link: leave with one click, and the page says so.
  const manage = alert.text.match(/https?:\/\/\S+\/es\/subscription\?token=[0-9a-f]{64}/)![0];
  await page.goto(new URL(manage).pathname + new URL(manage).search);
  await hydrated(page);
  await expect(page.getByText(m.subscribe.status_active)).toBeVisible();
  await page.getByRole('button', { name: m.mail.unsubscribe_link }).click();
  await expect(page.getByText(m.subscribe.status_inactive)).toBeVisible();
});

for (const locale of ['en', 'ar'] as const) {
  test(`the subscribe page is accessible in ${locale}`, async ({ page }) => {
    await page.goto(`/${locale}/subscribe`);
    await hydrated(page);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/subscribe-${locale}.png`, fullPage: true });
  });
}

test('without JavaScript the subscribe form works and its answer is the same for every address @nojs', async ({ page }) => {
  const m = messages('fr');
  const email = `nojs.${Date.now()}@example.org`;
  for (let i = 0; i < 2; i++) {
    await page.goto('/fr/subscribe?region=europe');
    await expect(page.locator('.dry-run-count')).toContainText(m.subscribe.dry_run_before);
    await page.getByLabel(m.subscribe.organisation).fill('Université de Genève');
    await page.getByLabel(m.subscribe.contact_name).fill('Jean Martin');
    await page.getByLabel(m.staff.email).fill(email);
    await page.getByRole('button', { name: m.subscribe.submit }).click();
    await expect(page).toHaveURL(/\/fr\/subscribe\/thanks$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(m.subscribe.thanks_title);
  }
  // The second answer was a second confirmation (the address is still unconfirmed).
  await expect.poll(() => mails().filter((x) => x.to.includes(email)).length, { timeout: 20_000 }).toBe(2);
});
