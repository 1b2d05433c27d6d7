import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/modules/identity/seed-demo.ts';
import { type BrowserApp, expectNoAxeViolations, focused, screenshot, signInInBrowser, startBrowserApp, visit } from './support/browser.ts';

/*
 * The optional map of a location question (the street report's "Unde este problema?"), with JavaScript: a click on
 * the map fills the coordinates, typed coordinates move the pin, "Folosește locația mea" uses the browser's position,
 * Tab goes past the map to the coordinates, and axe finds nothing wrong. The tiles come from a local server that
 * refuses half of them, as a tile server out of reach would: the page must not mind. (Without JavaScript:
 * src/modules/submission/location-map.test.ts.)
 */

// A 1×1 grey PNG, stretched by Leaflet to a tile.
const TILE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGO4BgAA6gDqc8xJXgAAAABJRU5ErkJggg==', 'base64');

let b: BrowserApp;
let tiles: Server;
let served = 0;

beforeAll(async () => {
  tiles = createServer((req, res) => {
    const m = /^\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(req.url ?? '');
    if (!m || Number(m[2]) % 2 === 1) return void res.writeHead(404).end();
    served++;
    res.writeHead(200, { 'content-type': 'image/png' }).end(TILE);
  });
  await new Promise<void>((resolve) => tiles.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(tiles.address() as AddressInfo).port}`;
  b = await startBrowserApp({ config: { map: { tileUrl: `${origin}/{z}/{x}/{y}.png`, attribution: '© Hărți de test', attributionUrl: null, center: { lat: 44.42, lng: 26.07, zoom: 13 }, tileSource: origin } } });
});
afterAll(async () => {
  await b?.stop();
  await new Promise((resolve) => tiles?.close(resolve));
});

/** Signs in as Maria and opens the location page of a fresh street report. */
async function locationPage(page: Page): Promise<void> {
  await visit(page, '/autentificare');
  await page.fill('input[name=email]', DEMO_ACCOUNTS.maria.email);
  await page.fill('input[name=password]', DEMO_PASSWORD);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('main form:has([name=password]) button[type=submit]').last().click()]);
  await visit(page, '/servicii/sector5/SESIZARE/cerere');
  const own = page.getByLabel('În nume propriu');
  if (await own.count()) await own.check();
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('main form button[type=submit]').last().click()]);
  expect(page.url()).toMatch(/\/problema$/);
  await page.locator('.pd-map .leaflet-container').waitFor();
}

const coordinates = async (page: Page) => [await page.inputValue('[name=location-lat]'), await page.inputValue('[name=location-lng]')];

describe('the map above the coordinates', () => {
  it('fills the coordinates where it is clicked, moves the pin to typed ones, and is axe-clean with tiles that do not load', { timeout: 180_000 }, async () => {
    for (const width of [390, 1280]) {
      const page = await b.newPage({ viewport: { width, height: 900 } });
      await locationPage(page);
      await page.locator('.leaflet-tile-loaded').first().waitFor();
      expect(served).toBeGreaterThan(0);
      await expectNoAxeViolations(page, `location page with the map at ${width} px`);
      await screenshot(page, `location-map-${width}`);

      let map = (await page.locator('.pd-map__canvas').boundingBox())!;
      await page.mouse.click(map.x + map.width / 2, map.y + map.height / 2);
      const [lat, lng] = await coordinates(page);
      // The map opens on MAP_CENTER (Sector 5 here): its middle is there, written with the page's decimal comma.
      expect(lat).toMatch(/^44,4[12]\d{3}$/);
      expect(lng).toMatch(/^26,0[67]\d{3}$/);
      await expect(page.locator('.pd-map__status').textContent()).resolves.toBe('Locul ales a fost trecut în coordonate.');
      await expect(page.locator('.leaflet-marker-icon').getAttribute('alt')).resolves.toBe('Locul ales');

      // Typed coordinates (Piața Unirii): the map zooms in there, the pin in its middle.
      await page.fill('[name=location-lat]', '44,4268');
      await page.fill('[name=location-lng]', '26,1025');
      await page.waitForTimeout(500);
      map = (await page.locator('.pd-map__canvas').boundingBox())!; // typing scrolled the page
      const pin = (await page.locator('.leaflet-marker-icon').boundingBox())!;
      expect(Math.abs(pin.x + pin.width / 2 - (map.x + map.width / 2))).toBeLessThan(3);
      await expectNoAxeViolations(page, `location page with a pin at ${width} px`);
      await screenshot(page, `location-map-${width}-pin`);

      // What the map filled in is what is sent.
      // A click on the pin itself (the middle) puts its place back after the latitude was erased; beside it, moves it.
      await page.fill('[name=location-lat]', '');
      await page.locator('.pd-map__canvas').scrollIntoViewIfNeeded();
      map = (await page.locator('.pd-map__canvas').boundingBox())!;
      await page.mouse.click(map.x + map.width / 2, map.y + map.height / 2 - 20);
      expect(await coordinates(page)).toEqual(['44,42680', '26,10250']);
      await page.mouse.click(map.x + map.width / 2 + 60, map.y + map.height / 2 + 30);
      const sent = await coordinates(page);
      await page.selectOption('[name=problem_type]', 'groapa');
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name: 'Continuați' }).click()]);
      expect(await page.locator('.govuk-error-summary').count(), (await page.locator('.govuk-error-summary').allTextContents()).join(' ')).toBe(0);
      expect(page.url()).toMatch(/\/detalii$/);
      await page.goBack({ waitUntil: 'load' });
      await page.reload({ waitUntil: 'load' });
      const asNumbers = (c: string[]) => c.map((v) => Number(v.replace(',', '.')));
      expect(asNumbers(await coordinates(page))).toEqual(asNumbers(sent));
      await page.close();
    }
  });

  it('lets Tab pass the map to the coordinates, and puts the browser’s position in them with "Folosește locația mea"', { timeout: 120_000 }, async () => {
    const page = await b.newPage({ viewport: { width: 1280, height: 900 }, permissions: ['geolocation'], geolocation: { latitude: 44.43512, longitude: 26.08001 } });
    await locationPage(page);
    await page.focus('[name=problem_type]');
    const stops: string[] = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      stops.push(f.id || (f.tag === 'button' ? f.text : f.className));
      if (f.id === 'location-lat') break;
    }
    // The zoom buttons and the locate button are on the way; the map itself and its pin are not stops.
    expect(stops.at(-1)).toBe('location-lat');
    expect(stops.some((s) => s.includes('leaflet-container') || s.includes('leaflet-marker'))).toBe(false);
    expect(stops).toContain('Folosește locația mea');
    await expect(page.locator('.leaflet-control-zoom-in').getAttribute('aria-label')).resolves.toBe('Mărește harta');

    await page.getByRole('button', { name: 'Folosește locația mea' }).click();
    await expect.poll(() => coordinates(page)).toEqual(['44,43512', '26,08001']);
    await expect(page.locator('.pd-map__status').textContent()).resolves.toBe('Locația dvs. a fost pusă pe hartă și trecută în coordonate.');
    await page.close();
  });

  it('offers no "Folosește locația mea" where the browser has no geolocation', { timeout: 120_000 }, async () => {
    const page = await b.newPage({ viewport: { width: 390, height: 900 } });
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'geolocation', { get: () => undefined }));
    await locationPage(page);
    await expect(page.locator('.pd-map__canvas').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Folosește locația mea' }).isVisible()).resolves.toBe(false);
    await page.close();
  });
});

/*
 * The same map on the counter form (the registry clerk files a street report told at the desk): the clerk places
 * what the person describes, with the mouse or by typing the coordinates; the browser's position is the counter's,
 * so there is no "Folosește locația mea".
 */
describe('the map on the counter form', () => {
  it('fills the coordinates of the counter form where it is clicked, Tab passes it, and the request keeps them', { timeout: 180_000 }, async () => {
    // The clerk's only sign-in of this file: the current TOTP code has not been used.
    const page = await signInInBrowser(b, DEMO_ACCOUNTS.registryClerk, () => new Date());
    await page.setViewportSize({ width: 1280, height: 900 });
    await visit(page, '/birou/ghiseu/servicii/SESIZARE');
    await page.locator('.pd-map .leaflet-container').waitFor();
    await page.locator('.leaflet-tile-loaded').first().waitFor();
    await expect(page.locator('.pd-map__locate').count()).resolves.toBe(0);
    await expectNoAxeViolations(page, 'counter form with the map');

    // Keyboard only up to the map: from the problem type, Tab reaches the latitude past the zoom buttons.
    await page.focus('[name=problem_type]');
    const stops: string[] = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      stops.push(f.id || f.className);
      if (f.id === 'location-lat') break;
    }
    expect(stops.at(-1)).toBe('location-lat');
    expect(stops.some((s) => s.includes('leaflet-container') || s.includes('leaflet-marker'))).toBe(false);

    await page.locator('.pd-map__canvas').scrollIntoViewIfNeeded();
    const map = (await page.locator('.pd-map__canvas').boundingBox())!;
    await page.mouse.click(map.x + map.width / 2, map.y + map.height / 2);
    const [lat, lng] = await coordinates(page);
    expect(lat).toMatch(/^44,4[12]\d{3}$/);
    expect(lng).toMatch(/^26,0[67]\d{3}$/);
    await screenshot(page, 'counter-location-map-1280');

    await page.fill('[name=pLastName]', 'Oprea');
    await page.fill('[name=pFirstName]', 'Vasilica');
    await page.fill('[name=pCnp]', '2410315123459');
    await page.selectOption('[name=pIdType]', 'CI');
    await page.fill('[name=pIdSeries]', 'RX');
    await page.fill('[name=pIdNumber]', '765432');
    await page.fill('[name=pPhone]', '0722 000 222');
    await page.selectOption('[name=problem_type]', 'iluminat');
    await page.fill('[name=description]', 'Becul din fața blocului nu mai luminează de o săptămână.');
    await page.check('input[name=danger][value=nu]');
    await page.check('input[name=applicant_kind][value=pf]');
    await page.fill('[name=applicant_address-street]', 'Calea 13 Septembrie');
    await page.fill('[name=applicant_address-number]', '90');
    await page.fill('[name=applicant_address-locality]', 'București');
    await page.fill('[name=applicant_address-county]', 'Sector 5');
    await page.fill('[name=pPageCount]', '1');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name: 'Înregistrează cererea' }).click()]);
    expect(await page.locator('.govuk-error-summary').count(), (await page.locator('.govuk-error-summary').allTextContents()).join(' ')).toBe(0);
    const caseId = page.url().split('/').pop()!;
    const [row] = await b.app.database.query<{ answers: { location: { lat: number; lng: number } } }>('SELECT answers FROM "case" WHERE id = $1', [caseId]);
    expect([row!.answers.location.lat, row!.answers.location.lng]).toEqual([Number(lat!.replace(',', '.')), Number(lng!.replace(',', '.'))]);
    await page.close();
  });
});
