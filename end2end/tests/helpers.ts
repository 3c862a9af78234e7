import { expect, Page } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { createHmac } from 'crypto';

export const LOCALES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

/** The app's own translations, so tests check text without copying it. */
export function messages(locale: Locale): any {
  const file = path.join(__dirname, '..', '..', 'app', 'locales', `${locale}.json`);
  return JSON.parse(fs.readFileSync(file, 'utf-8'));
}

/** Waits until the WASM has hydrated the page (an effect sets this attribute). The tests run
 * the debug build, whose WASM a new browser context compiles in up to ten seconds or more on
 * two busy cores: hydration gets thirty. */
export async function hydrated(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true', { timeout: 30_000 });
}

/** Collects console errors and failed requests, to assert a page loads cleanly. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('response', (r) => { if (r.status() >= 400 && !r.url().includes('/nope')) problems.push(`${r.status()} ${r.url()}`); });
  return problems;
}

export const ARTIFACTS = path.join(__dirname, '..', 'artifacts');

/**
 * Creates (or resets) a staff account with the server's own command, on the database the
 * test server uses (DATABASE_URL). The binary is POP_SERVER_BIN, or the one in
 * POP_SERVER_CMD.
 */
export function staffAccount(email: string, role: 'editor' | 'publisher' | 'admin', password: string) {
  const bin = process.env.POP_SERVER_BIN ?? process.env.POP_SERVER_CMD?.split(' ')[0];
  if (!bin) throw new Error('set POP_SERVER_BIN to the server binary to create staff accounts');
  execFileSync(bin, ['staff', email, role, 'Test Member'], {
    cwd: path.join(__dirname, '..', '..'),
    env: { ...process.env, POP_STAFF_PASSWORD: password, RUST_LOG: 'error' },
    stdio: 'pipe',
  });
}

/** The password the tests give staff accounts. */
export const STAFF_PASSWORD = 'a long enough passphrase for tests';

/** Signs in on the English sign-in page as `email` (made with `staffAccount`). */
export async function staffSignIn(p: Page, email: string) {
  const en = messages('en');
  await p.goto('/en/staff/sign-in');
  await p.getByLabel(en.staff.email).fill(email);
  await p.getByLabel(en.staff.password, { exact: true }).fill(STAFF_PASSWORD);
  await p.getByRole('button', { name: en.staff.sign_in }).click();
  await expect(p).toHaveURL(/\/en\/staff$/);
}

/** The code an authenticator app shows for a base32 `secret` (RFC 6238: SHA-1, 30 s, 6 digits). */
export function totp(secret: string, atSeconds = Date.now() / 1000): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/\s/g, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(atSeconds / 30)));
  const h = createHmac('sha1', key).update(counter).digest();
  const o = h[h.length - 1] & 0xf;
  const value = ((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return String(value % 1_000_000).padStart(6, '0');
}

/** The messages the server wrote to its mail folder (POP_MAIL_DIR), newest last, decoded. */
export function mails(): { to: string; subject: string; text: string; headers: string; raw: string }[] {
  const dir = process.env.POP_MAIL_DIR;
  if (!dir || !fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.eml')).sort().map((f) => {
    const raw = fs.readFileSync(path.join(dir, f), 'utf-8');
    const [headers] = raw.split(/\r?\n\r?\n/);
    const header = (name: string) => {
      const m = headers.replace(/\r?\n[ \t]+/g, ' ').match(new RegExp(`^${name}: (.*)$`, 'mi'));
      return m ? decodeWords(m[1]) : '';
    };
    // The text/plain part, decoded from quoted-printable or base64.
    const part = raw.split(/--[^\r\n]+\r?\n/).find((p) => /Content-Type: text\/plain/i.test(p)) ?? '';
    const [partHeaders, ...rest] = part.split(/\r?\n\r?\n/);
    let body = rest.join('\n\n');
    if (/Content-Transfer-Encoding: base64/i.test(partHeaders)) body = Buffer.from(body.replace(/\s/g, ''), 'base64').toString('utf-8');
    if (/Content-Transfer-Encoding: quoted-printable/i.test(partHeaders)) {
      body = Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf-8');
    }
    return { to: header('To'), subject: header('Subject'), text: body, headers, raw };
  });
}

/** RFC 2047 encoded words (`=?utf-8?b?…?=`), as mail clients show them. */
function decodeWords(value: string): string {
  // Space between two encoded words is not part of the text; elsewhere it is.
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc, text) =>
    enc.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf-8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_: string, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf-8'));
}

/** An expression of interest as a browser without JavaScript posts it, on the first concept
 * of the `locale` catalogue; returns the concept's slug. */
export async function postInterest(
  page: Page,
  locale: string,
  fields: { organisation: string; entity: string; country: string; contact: string; email: string; role: string;
    contribution: string; amount: string; message: string },
): Promise<string> {
  await page.goto(`/${locale}/concepts`);
  const href = await page.locator('.result-list a').first().getAttribute('href');
  const slug = href!.split('/').pop()!;
  const origin = new URL(page.url()).origin;
  const sent = await page.request.post('/api/interest/new', {
    headers: { Origin: origin, Accept: 'text/html' },
    form: {
      locale, slug,
      'form[organisation]': fields.organisation, 'form[entity_type]': fields.entity, 'form[country]': fields.country,
      'form[contact_name]': fields.contact, 'form[email]': fields.email, 'form[role]': fields.role,
      'form[contribution]': fields.contribution, 'form[amount]': fields.amount, 'form[message]': fields.message,
      'form[consent]': 'on', 'form[website]': '', 'form[shown_at]': String(Math.floor(Date.now() / 1000) - 60),
    },
    maxRedirects: 0,
  });
  expect(sent.status()).toBe(302);
  return slug;
}
