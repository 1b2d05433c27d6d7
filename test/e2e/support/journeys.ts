import type { Page } from 'playwright-core';
import { visit } from './browser.ts';

/**
 * A signed-in citizen begins the fiscal certificate (DGITL Sector 5) in their own name, as a person — anew, if they
 * had begun one before: returns the address of the draft's pages (`/cereri/ciorna/<id>`), the first question answered.
 */
export async function beginFiscalCertificate(page: Page): Promise<string> {
  await visit(page, '/servicii/dgitl5/CERT-FISCAL/cerere');
  const main = page.locator('main');
  // Someone who represents a company is asked in whose name; someone else is not.
  const self = page.getByLabel('În nume propriu');
  if ((await self.count()) > 0) await self.check();
  const restart = main.getByRole('button', { name: 'Începeți din nou' });
  const start = (await restart.count()) > 0 ? restart : main.getByRole('button', { name: 'Începeți cererea' });
  await Promise.all([page.waitForNavigation(), start.click()]);
  if (!page.url().endsWith('/tip_solicitant')) throw new Error(`the request began at ${page.url()}`);
  await page.getByLabel('Persoană fizică').check();
  await Promise.all([page.waitForNavigation(), main.getByRole('button', { name: 'Continuați', exact: true }).click()]);
  return new URL(page.url()).pathname.replace(/\/[^/]+$/, '');
}
