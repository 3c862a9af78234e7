import { expect, Page } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';
import { execFileSync } from 'child_process';

export const LOCALES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

/** The app's own translations, so tests check text without copying it. */
export function messages(locale: Locale): any {
  const file = path.join(__dirname, '..', '..', 'app', 'locales', `${locale}.json`);
  return JSON.parse(fs.readFileSync(file, 'utf-8'));
}

/** Waits until the WASM has hydrated the page (an effect sets this attribute). */
export async function hydrated(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
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
