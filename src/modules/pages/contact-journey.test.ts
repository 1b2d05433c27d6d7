import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { DEMO_ACCOUNTS } from '../identity/seed-demo.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { formatTrackingCode } from '../../platform/ids/tracking-code.ts';
import { applicableSteps } from '../../platform/web/journey.tsx';
import { contactJourney } from './contact-journey.tsx';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.stop());

const BASE = '/contact/mesaj';

async function outbox(): Promise<{ recipient: string; subject: string; body_text: string }[]> {
  return t.database.query("SELECT recipient, subject, body_text FROM outbox_message WHERE template = 'pages.contact_message.v2' ORDER BY created_at");
}

describe('the contact journey (one question per page)', () => {
  it('walks an anonymous person through every question, checks the answers and emails the city hall', async () => {
    const c = t.client();
    const start = await c.get(BASE);
    expect(start.status).toBe(303);
    expect(start.location).toBe(`${BASE}/subiect`);
    const first = await c.get(start.location!);
    expect(first.body).toContain('Despre ce este mesajul?');
    expect(first.body).toContain('href="/contact"'); // back link of the first question

    expect((await c.post(`${BASE}/subiect`, { topic: 'taxes' })).location).toBe(`${BASE}/mesaj`);
    const messagePage = await c.get(`${BASE}/mesaj`);
    expect(messagePage.body).toContain(`href="${BASE}/subiect"`); // back link to the previous question
    expect(messagePage.body).toContain('Numărul maxim de caractere: 3000');
    expect((await c.post(`${BASE}/mesaj`, { message: 'Nu am primit decizia de impunere pe 2026.' })).location).toBe(`${BASE}/raspuns`);
    expect((await c.post(`${BASE}/raspuns`, { replyBy: 'email' })).location).toBe(`${BASE}/nume`);
    expect((await c.post(`${BASE}/nume`, { name: 'Ana Ionescu' })).location).toBe(`${BASE}/email`);
    expect((await c.post(`${BASE}/email`, { email: 'Ana@Exemplu.ro' })).location).toBe(`${BASE}/verificare`);

    const check = await c.get(`${BASE}/verificare`);
    expect(check.status).toBe(200);
    expect(check.body).toContain('Verificați mesajul înainte de a-l trimite');
    expect(check.body).toContain('Taxe și impozite locale');
    expect(check.body).toContain('ana@exemplu.ro');
    expect(check.body).not.toContain('Adresa poștală'); // the postal address step did not apply

    const sent = await c.post(`${BASE}/verificare`);
    expect(sent.location).toBe(`${BASE}/confirmare`);
    const done = await c.get(`${BASE}/confirmare`);
    expect(done.body).toContain('Mesajul a fost înregistrat');
    // A petition: registered at once in the institution's registry, answered within 30 days (OG 27/2002).
    const number = /<strong>(\d+\/\d{2}\.\d{2}\.\d{4})<\/strong>/.exec(done.body)?.[1];
    expect(number).toBeDefined();
    const [entry] = await t.database.query<{ number: number; channel: string; direction: string; issuer_name: string; summary: string; day: string }>(
      `SELECT r.number, r.channel, r.direction, r.issuer_name, r.summary, to_char(r.registered_on, 'DD.MM.YYYY') AS day
         FROM registry_entry r JOIN institution i ON i.id = r.institution_id WHERE i.slug = 'sector5' ORDER BY r.number DESC LIMIT 1`,
    );
    expect(`${entry!.number}/${entry!.day}`).toBe(number);
    expect(entry).toMatchObject({ channel: 'online', direction: 'incoming', issuer_name: 'Ana Ionescu', summary: 'Mesaj prin formularul de contact: Taxe și impozite locale' });
    expect(done.body).toMatch(/Primiți răspunsul până la \d{2}\.\d{2}\.\d{4} \(30 de zile de la înregistrare/);
    // The petition service is published, so the message is a petition case under that number: in the inbox of the
    // service's department (Registratură și Relații cu Publicul), with its 30-day clock and a tracking code.
    const [petition] = await t.database.query<{ id: string; kind: string; status: string; tracking_code: string; department: string; due_on: string; applicant: { name: string; email: string }; answers: Record<string, unknown> }>(
      `SELECT c.id, c.kind, c.status, c.tracking_code, d.code AS department, to_char(c.due_on, 'YYYY-MM-DD') AS due_on, c.applicant, c.answers
         FROM "case" c JOIN registry_entry r ON r.id = c.registry_entry_id JOIN department d ON d.id = c.department_id
        WHERE r.id = (SELECT r2.id FROM registry_entry r2 JOIN institution i ON i.id = r2.institution_id WHERE i.slug = 'sector5' AND r2.number = $1)`,
      [entry!.number],
    );
    expect(petition).toMatchObject({ kind: 'petition', status: 'registered', department: 'RP', applicant: { name: 'Ana Ionescu', email: 'ana@exemplu.ro' } });
    expect(petition!.answers).toMatchObject({ subject: 'Taxe și impozite locale', content: 'Nu am primit decizia de impunere pe 2026.' });
    const code = formatTrackingCode(petition!.tracking_code);
    expect(done.body).toContain(`<strong>${code}</strong>`);
    // The page says how the answer comes and that the acknowledgement went to the same address.
    expect(done.body).toContain('Răspunsul vi-l trimitem prin e-mail, la ana@exemplu.ro. Tot acolo v-am trimis o confirmare cu numărul de înregistrare și codul de urmărire.');
    // Its link carries the number too, so it opens on the status, not on a form still to be filled.
    const link = `/verificare-cerere?cod=${petition!.tracking_code}&numar=${encodeURIComponent(number!)}`;
    expect(done.body).toContain(`href="${link.replace('&', '&amp;')}"`);
    // Without an account, the number and the tracking code show the petition's status.
    const status = await t.client().get(link);
    expect(status.status).toBe(200);
    expect(status.body).toContain('Petiție');

    // The message itself is kept with the case, as a PDF the officials open.
    const [doc] = await t.database.query<{ sha256: string; filename: string; media_type: string }>('SELECT sha256, filename, media_type FROM case_document WHERE case_id = $1', [petition!.id]);
    expect(doc).toMatchObject({ media_type: 'application/pdf', filename: 'mesaj.pdf' });
    const pdf = await t.deps.blobs.get(doc!.sha256);
    expect(Buffer.from(pdf!).subarray(0, 5).toString()).toBe('%PDF-');
    if (existsSync('/usr/bin/pdftotext')) {
      const text = execFileSync('pdftotext', ['-', '-'], { input: Buffer.from(pdf!), encoding: 'utf8' });
      expect(text).toContain('Nu am primit decizia de impunere pe 2026.');
      expect(text).toContain('Ana Ionescu');
    }

    const mails = await outbox();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.recipient).toBe('registratura@sector5.ro');
    expect(mails[0]!.subject).toBe('Mesaj nou de la Ana Ionescu: Taxe și impozite locale');
    expect(mails[0]!.body_text).toContain('Nu am primit decizia de impunere pe 2026.');
    expect(mails[0]!.body_text).toContain('ana@exemplu.ro');
    expect(mails[0]!.body_text).toContain(`înregistrat cu nr. ${number}`);
    expect(mails[0]!.body_text).toMatch(/Termenul legal de răspuns: \d{2}\.\d{2}\.\d{4}/);
    // The sender is told the number, the tracking code and the term, with a link to the status check.
    const [ack] = await t.database.query<{ subject: string; body_text: string }>("SELECT subject, body_text FROM outbox_message WHERE template = 'pages.contact_received.v1' AND recipient = 'ana@exemplu.ro'");
    expect(ack!.subject).toBe(`Mesajul dumneavoastră a fost înregistrat cu nr. ${number}`);
    expect(ack!.body_text).toContain(`Codul de urmărire este ${code}.`);
    expect(ack!.body_text).toContain(`/verificare-cerere?cod=${petition!.tracking_code}`);

    // Sending twice (back button, double click) does not send a second message.
    const again = await c.post(`${BASE}/verificare`);
    expect(again.status).toBe(303);
    expect(await outbox()).toHaveLength(1);
    expect(await t.database.query('SELECT 1 FROM "case" WHERE applicant->>\'email\' = \'ana@exemplu.ro\'')).toHaveLength(1);
    // A new visit starts a new, empty message.
    expect((await c.get(BASE)).location).toBe(`${BASE}/subiect`);
  });

  it('gives a signed-in person the petition in their requests, and registers without a case where no petition service is published', async () => {
    const maria = await signInDemo(t, DEMO_ACCOUNTS.maria, () => undefined);
    const send = async (c: Client, message: string, anonymous = false) => {
      await c.get(BASE);
      await c.post(`${BASE}/subiect`, { topic: 'public_domain' });
      await c.post(`${BASE}/mesaj`, { message });
      await c.post(`${BASE}/raspuns`, { replyBy: 'email' });
      if (anonymous) {
        await c.post(`${BASE}/nume`, { name: 'Dan Radu' });
        await c.post(`${BASE}/email`, { email: 'dan@exemplu.ro' });
      }
      expect((await c.get(`${BASE}/verificare`)).status).toBe(200);
      expect((await c.post(`${BASE}/verificare`)).location).toBe(`${BASE}/confirmare`);
      return (await c.get(`${BASE}/confirmare`)).body;
    };
    const done = await send(maria, 'Groapă în asfalt pe strada Fabricii.');
    const [mine] = await t.database.query<{ id: string }>(`SELECT id FROM "case" WHERE applicant_account_id = $1 AND answers->>'content' = 'Groapă în asfalt pe strada Fabricii.'`, [DEMO_ACCOUNTS.maria.id]);
    expect(done).toContain(`href="/cont/cereri/${mine!.id}"`);
    const list = await maria.get('/cont/cereri');
    expect(list.body).toContain(`/cont/cereri/${mine!.id}`);

    // An institution that has not published the petition service still registers the message (and keeps its PDF).
    await t.database.query(`UPDATE service SET published_version_id = NULL WHERE code = 'PETITIE' AND institution_id = (SELECT id FROM institution WHERE slug = 'sector5')`);
    const plain = await send(t.client(), 'Mesaj fără serviciul de petiții.', true);
    expect(plain).toContain('Mesajul a fost înregistrat');
    expect(plain).not.toContain('Codul de urmărire');
    const [entry] = await t.database.query<{ id: string; cases: number; docs: number }>(
      `SELECT r.id, (SELECT count(*)::int FROM "case" c WHERE c.registry_entry_id = r.id) AS cases, (SELECT count(*)::int FROM registry_document d WHERE d.registry_entry_id = r.id) AS docs
         FROM registry_entry r JOIN institution i ON i.id = r.institution_id WHERE i.slug = 'sector5' ORDER BY r.number DESC LIMIT 1`,
    );
    expect(entry).toMatchObject({ cases: 0, docs: 1 });
  });

  it('skips the email question when the answer goes by post, and asks the postal address instead', async () => {
    const c = t.client();
    await c.get(BASE);
    await c.post(`${BASE}/subiect`, { topic: 'urbanism' });
    await c.post(`${BASE}/mesaj`, { message: 'Întrebare despre autorizația de construire.' });
    expect((await c.post(`${BASE}/raspuns`, { replyBy: 'post' })).location).toBe(`${BASE}/nume`);
    expect((await c.post(`${BASE}/nume`, { name: 'Ion Pop' })).location).toBe(`${BASE}/adresa`);
    // The skipped step cannot be reached by typing its address either.
    expect((await c.get(`${BASE}/email`)).status).toBe(303);
    expect((await c.post(`${BASE}/adresa`, { address: 'Str. Fabricii nr. 1, București' })).location).toBe(`${BASE}/verificare`);
    await c.get(`${BASE}/verificare`);
    expect((await c.post(`${BASE}/verificare`)).location).toBe(`${BASE}/confirmare`);
    const done = await c.get(`${BASE}/confirmare`);
    expect(done.body).toContain('Răspunsul vi-l trimitem prin poștă, la adresa pe care ați dat-o.');
    expect(done.body).not.toContain('v-am trimis o confirmare');
  });

  it('re-shows the question with the error summary, a message on the field and what was typed', async () => {
    const c = t.client();
    // Without JavaScript the detail field of "Altceva" is always visible: a hint, hidden with JavaScript, says whose it is.
    expect((await c.get(`${BASE}/subiect`)).body).toContain('<p class="govuk-hint pd-no-js-only">Doar dacă ați ales „Altceva”:</p>');
    const res = await c.post(`${BASE}/subiect`, { topic: 'other', topicOther: '' });
    expect(res.status).toBe(400);
    expect(res.body).toContain('<title>Eroare: Despre ce este mesajul?');
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain('href="#topicOther"');
    expect(res.body).toContain('Spuneți-ne pe scurt despre ce este vorba</a>');
    expect(res.body).toMatch(/value="other"[^>]*checked|checked[^>]*value="other"/);

    const none = await c.post(`${BASE}/subiect`, {});
    expect(none.body).toContain('Alegeți subiectul mesajului');

    await c.post(`${BASE}/subiect`, { topic: 'social' });
    const long = 'x'.repeat(3001);
    const tooLong = await c.post(`${BASE}/mesaj`, { message: long });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toContain('Mesajul trebuie să aibă cel mult 3000 de caractere');
    expect(tooLong.body).toContain(`>${long}</textarea>`);
  });

  it('takes a name, not a message: a web address or a line break in the name is refused, so the confirmation e-mail to whatever address was typed greets no one with a link', async () => {
    const c = t.client();
    await c.get(BASE);
    await c.post(`${BASE}/subiect`, { topic: 'social' });
    await c.post(`${BASE}/mesaj`, { message: 'Un mesaj.' });
    await c.post(`${BASE}/raspuns`, { replyBy: 'email' });
    for (const name of ['Câștigați 1000 lei: https://exemplu-rau.ro/premiu', 'Ana\nVizitați www.exemplu-rau.ro', 'Ana <b>Pop</b>']) {
      const res = await c.post(`${BASE}/nume`, { name });
      expect(res.status, name).toBe(400);
      expect(res.body).toContain('Scrieți doar numele și prenumele, fără adrese web, rânduri noi sau semnele &lt; > { }');
    }
    expect((await c.post(`${BASE}/nume`, { name: 'Ana-Maria O’Brien Ionescu' })).location).toBe(`${BASE}/email`);
  });

  it('returns to the check page after a change, asking a newly applicable question first', async () => {
    const c = t.client();
    await c.get(BASE);
    await c.post(`${BASE}/subiect`, { topic: 'taxes' });
    await c.post(`${BASE}/mesaj`, { message: 'Mesaj inițial' });
    await c.post(`${BASE}/raspuns`, { replyBy: 'email' });
    await c.post(`${BASE}/nume`, { name: 'Ana' });
    await c.post(`${BASE}/email`, { email: 'ana@exemplu.ro' });

    const check = await c.get(`${BASE}/verificare`);
    expect(check.body).toContain(`href="${BASE}/mesaj?modificare=1"`);
    const change = await c.get(`${BASE}/mesaj?modificare=1`);
    expect(change.body).toContain('Mesaj inițial</textarea>');
    expect(change.body).toContain(`href="${BASE}/verificare"`); // back goes to the check page
    const saved = await c.post(`${BASE}/mesaj?modificare=1`, { message: 'Mesaj corectat' });
    expect(saved.location).toBe(`${BASE}/verificare`);
    expect((await c.get(`${BASE}/verificare`)).body).toContain('Mesaj corectat');

    // Switching to post makes the postal address apply: it is asked, then back to the check page.
    const toPost = await c.post(`${BASE}/raspuns?modificare=1`, { replyBy: 'post' });
    expect(toPost.location).toBe(`${BASE}/adresa?modificare=1`);
    const address = await c.post(`${BASE}/adresa?modificare=1`, { address: 'Str. Exemplu 1, București' });
    expect(address.location).toBe(`${BASE}/verificare`);
    const after = await c.get(`${BASE}/verificare`);
    expect(after.body).toContain('Str. Exemplu 1, București');
    expect(after.body).not.toContain('ana@exemplu.ro');
  });

  it('keeps the draft: a new visit resumes at the first unanswered question with earlier answers filled in', async () => {
    const c = t.client();
    await c.get(BASE);
    await c.post(`${BASE}/subiect`, { topic: 'civil_status' });
    await c.post(`${BASE}/mesaj`, { message: 'Certificat de naștere' });
    const resumed = await c.get(BASE);
    expect(resumed.location).toBe(`${BASE}/raspuns`);
    const earlier = await c.get(`${BASE}/subiect`);
    expect(earlier.body).toMatch(/value="civil_status"[^>]*checked|checked[^>]*value="civil_status"/);
    // The draft belongs to this browser only.
    const stranger = t.client();
    expect((await stranger.get(BASE)).location).toBe(`${BASE}/subiect`);
    // Jumping ahead to a later question sends the person back to the first unanswered one.
    expect((await stranger.get(`${BASE}/nume`)).location).toBe(`${BASE}/subiect`);
  });

  it('does not ask a signed-in person for the name or email the account already has', () => {
    const actor = { accountId: 'a', displayName: 'Ana', email: 'ana@exemplu.ro', mfaPassed: true } as Actor;
    const ctx = { actor, t: translator('ro'), locale: 'ro' as const, institution: null, ip: null };
    const ids = applicableSteps(contactJourney, { raspuns: { replyBy: 'email' } }, ctx).map((s) => s.id);
    expect(ids).toEqual(['subiect', 'mesaj', 'raspuns']);
  });
});
