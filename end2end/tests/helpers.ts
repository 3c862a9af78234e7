import { expect, Page } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

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
