import type { Page } from 'playwright-core';
import { visit } from './browser.ts';

/**
 * A signed-in citizen begins the fiscal certificate (DGITL Sector 5) in their own name, as a person: returns the
 * address of the draft's pages (`/cereri/ciorna/<id>`), the first question answered.
 */
export async function beginFiscalCertificate(page: Page): Promise<string> {
  await visit(page, '/servicii/dgitl5/CERT-FISCAL/cerere');
  await page.getByLabel('În nume propriu').check();
  await Promise.all([page.waitForNavigation(), page.locator('main').getByRole('button', { name: 'Începeți cererea' }).click()]);
  if (!page.url().endsWith('/tip_solicitant')) throw new Error(`the request began at ${page.url()}`);
  await page.getByLabel('Persoană fizică').check();
  await Promise.all([page.waitForNavigation(), page.locator('main').getByRole('button', { name: 'Continuați' }).click()]);
  return new URL(page.url()).pathname.replace(/\/[^/]+$/, '');
}
