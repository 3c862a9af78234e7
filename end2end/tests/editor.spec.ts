import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { ARTIFACTS, hydrated, messages, staffAccount } from './helpers';

const PASSWORD = 'a long enough passphrase for tests';
const TITLE = `Ateliers de réparation d'ordinateurs ${Date.now()}`;
const AR_TITLE = 'ورش إصلاح الحواسيب للمدارس';

async function signIn(page: Page, email: string, locale = 'fr') {
  const m = messages(locale as any);
  await page.goto(`/${locale}/staff/sign-in`);
  await page.getByLabel(m.staff.email).fill(email);
  await page.getByLabel(m.staff.password, { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: m.staff.sign_in }).click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/staff$`));
}

test('an editor writes in French and adds Arabic; a publisher publishes; the catalogue shows both', async ({ page, browser }) => {
  const m = messages('fr');
  staffAccount('e2e.editor@example.org', 'editor', PASSWORD);
  staffAccount('e2e.publisher@example.org', 'publisher', PASSWORD);
  await signIn(page, 'e2e.editor@example.org');
  await page.getByRole('link', { name: m.staff.new_concept }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(m.staff.new_concept);
  await hydrated(page);

  // A field error first: nothing is created, the message sits next to the field.
  await page.getByRole('button', { name: m.staff.create }).click();
  await expect(page.getByText(m.staff.fix_fields)).toBeVisible();
  await expect(page.getByLabel(m.staff.title_label)).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel(m.staff.title_label).fill(TITLE);
  await page.getByLabel(m.staff.summary_label).fill('Former des jeunes à réparer le matériel informatique des écoles.');
  await page.getByLabel(m.staff.body_label).fill('## Approche\n\nDes **ateliers** dans chaque district.');
  await page.getByRole('button', { name: m.staff.preview }).click();
  await expect(page.locator('.preview strong')).toHaveText('ateliers');
  await page.getByRole('group', { name: m.staff.areas_label }).getByRole('checkbox').first().check();
  await page.getByRole('group', { name: m.staff.regions_label }).getByRole('checkbox').first().check();
  await page.getByLabel(m.staff.budget_label).fill('750000');
  await page.getByRole('button', { name: m.staff.create }).click();
  await expect(page).toHaveURL(/\/fr\/staff\/concepts\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);
  const editorUrl = page.url();

  // The Arabic tab says it is missing; write it.
  const tabs = page.getByRole('navigation', { name: m.staff.languages });
  await expect(tabs.getByRole('link', { name: /العربية/ })).toContainText(m.staff.tab_missing);
  await tabs.getByRole('link', { name: /العربية/ }).click();
  await hydrated(page);
  await page.getByLabel(m.staff.title_label, { exact: true }).fill(AR_TITLE);
  await page.getByLabel(m.staff.summary_label).fill('تدريب الشباب على إصلاح أجهزة الحاسوب في المدارس.');
  await page.getByLabel(m.staff.translation_complete).check();
  await page.getByRole('button', { name: m.staff.save, exact: true }).click();
  await expect(page.getByText(m.staff.saved)).toBeVisible();
  await expect(tabs.getByRole('link', { name: /العربية/ })).toContainText(m.staff.tab_written);

  // A concept note: an executable named .pdf is refused; a PDF uploads with a progress bar
  // (the upload is slowed down so the bar can be seen).
  const upload = page.locator('form.upload-form').last();
  await upload.getByLabel(m.staff.media_kind).selectOption('concept_note');
  await upload.getByLabel(m.staff.media_file).setInputFiles({
    name: 'setup.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00 this is a program'),
  });
  await upload.getByRole('button', { name: m.staff.media_upload }).click();
  await expect(upload.getByRole('alert')).toHaveText(m.staff.file_type_unknown);
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1_500_000, 32), Buffer.from('\n%%EOF\n')]);
  await upload.getByLabel(m.staff.media_file).setInputFiles({ name: 'note-conceptuelle.pdf', mimeType: 'application/pdf', buffer: pdf });
  await upload.getByLabel(m.staff.media_title).fill('Note conceptuelle');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 400_000 });
  await upload.getByRole('button', { name: m.staff.media_upload }).click();
  await expect(upload.locator('progress')).toBeVisible();
  await page.screenshot({ path: `${ARTIFACTS}/editor-upload-fr.png`, fullPage: true });
  await expect(upload.getByText(m.staff.media_saved)).toBeVisible({ timeout: 30_000 });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  const items = page.locator('.media-items');
  await expect(items).toContainText('Note conceptuelle');
  await expect(items).toContainText('note-conceptuelle.pdf');

  await page.getByRole('button', { name: m.staff.move_in_review }).click();
  await expect(page.locator('.editor-header .status')).toHaveText(m.staff.status_in_review);
  await expect(page.getByRole('button', { name: m.staff.move_published })).toHaveCount(0);

  // The publisher, in another browser session.
  const other = await browser.newContext();
  const pub = await other.newPage();
  await signIn(pub, 'e2e.publisher@example.org');
  await pub.goto(editorUrl);
  await hydrated(pub);
  // Before publishing, the publisher sees how many subscribers it will alert.
  await expect(pub.locator('.reach')).toContainText(m.staff.reach_before);
  await pub.getByRole('button', { name: m.staff.move_published }).click();
  await expect(pub.locator('.editor-header .status')).toHaveText(m.staff.status_published);
  const history = pub.getByRole('region', { name: m.staff.history }).or(pub.locator('.history'));
  await expect(history).toContainText(m.staff.audit_created);
  await expect(history).toContainText(m.staff.audit_translation_added);
  await expect(history).toContainText(`${m.staff.audit_medium_added}: Note conceptuelle`);
  await expect(history).toContainText(`${m.staff.status_in_review} → ${m.staff.status_published}`);
  await pub.screenshot({ path: `${ARTIFACTS}/editor-fr.png`, fullPage: true });
  const results = await new AxeBuilder({ page: pub }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
  await other.close();

  // Public, in both languages.
  await page.goto('/fr/concepts?q=' + encodeURIComponent('ateliers réparation'));
  await expect(page.getByRole('link', { name: TITLE })).toBeVisible();
  await page.goto('/ar/concepts?q=' + encodeURIComponent('الحواسيب'));
  await expect(page.getByRole('link', { name: AR_TITLE }).first()).toBeVisible();
  await page.getByRole('link', { name: AR_TITLE }).first().click();
  await expect(page.locator('iframe.pdf')).toHaveAttribute('src', /\/media\/[0-9a-f]{64}\/note-conceptuelle\.pdf$/);
});
