import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryError } from './delivery-error.ts';
import { createHttpSmsGateway, createSmsGateway, embeddedSmsSimulator, normalisePhone } from './sms-gateway.ts';
import { type SmsSimulator, startSmsSimulator } from './sms-simulator.ts';

describe('normalisePhone', () => {
  it.each([
    ['0722 123 456', '+40722123456'],
    ['0722-123-456', '+40722123456'],
    ['+40 722 123 456', '+40722123456'],
    ['0040722123456', '+40722123456'],
    ['40722123456', '+40722123456'],
    ['021 314 1010', '+40213141010'],
    ['+36 30 123 4567', '+36301234567'],
  ])('%s → %s', (input, expected) => expect(normalisePhone(input)).toBe(expected));

  it.each(['12', '0722 123', '07221234567', '+40 122 123 456', 'telefon', ''])('refuses %j', (input) => expect(normalisePhone(input)).toBeNull());
});

describe('the HTTP SMS gateway client against the simulator', () => {
  let sim: SmsSimulator;
  beforeAll(async () => {
    sim = await startSmsSimulator({ token: 's3cret' });
  });
  afterAll(async () => sim?.stop());

  it('posts the normalised number, text and sender and returns the gateway id', async () => {
    const gw = createHttpSmsGateway({ gatewayUrl: sim.url, token: 's3cret' });
    const { providerId } = await gw.send({ to: '0733 111 222', text: 'Programarea dumneavoastră: 12.03.2026, ora 10:00.', sender: 'PRIMARIA' });
    expect(sim.messages.at(-1)).toMatchObject({ id: providerId, to: '+40733111222', sender: 'PRIMARIA', text: 'Programarea dumneavoastră: 12.03.2026, ora 10:00.' });
  });

  it('treats 5xx as transient and 4xx as permanent', async () => {
    const gw = createHttpSmsGateway({ gatewayUrl: sim.url, token: 's3cret' });
    sim.failNext(1, 503);
    await expect(gw.send({ to: '0733111222', text: 'x', sender: 'PRIMARIA' })).rejects.toMatchObject({ permanent: false });
    sim.failNext(1, 429);
    await expect(gw.send({ to: '0733111222', text: 'x', sender: 'PRIMARIA' })).rejects.toMatchObject({ permanent: false });
    await expect(gw.send({ to: '0733111222', text: 'x', sender: 'NUME PREA LUNG DE EXPEDITOR' })).rejects.toMatchObject({ permanent: true });
    const wrongToken = createHttpSmsGateway({ gatewayUrl: sim.url, token: 'gresit' });
    await expect(wrongToken.send({ to: '0733111222', text: 'x', sender: 'PRIMARIA' })).rejects.toMatchObject({ permanent: true });
  });

  it('treats an unreachable gateway and a timeout as transient', async () => {
    const down = createHttpSmsGateway({ gatewayUrl: 'http://127.0.0.1:9', token: null, timeoutMs: 2000 });
    const err = await down.send({ to: '0733111222', text: 'x', sender: 'PRIMARIA' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect((err as DeliveryError).permanent).toBe(false);
  });
});

describe('SMS_MODE=simulator', () => {
  it('starts the simulator in this process and sends to it through the HTTP client', async () => {
    const gw = createSmsGateway({ sms: { mode: 'simulator', sender: 'PRIMARIA' } });
    const { providerId } = await gw.send({ to: '0755 000 111', text: 'Test', sender: 'PRIMARIA' });
    const sim = await embeddedSmsSimulator();
    expect(sim?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim?.messages.find((m) => m.id === providerId)?.to).toBe('+40755000111');
    await sim?.stop();
  });
});
