import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { DEMO_ACCOUNTS, type DemoAccount } from '../identity/seed-demo.ts';
import { totpCode } from '../identity/totp.ts';
import { DEMO, demoDepartmentId } from '../organisation/seed-demo.ts';

let t: TestApp;
let clock = Date.now();
const now = () => new Date(clock);

beforeAll(async () => {
  t = await startTestApp();
  t.deps.now = now;
});
afterAll(async () => t?.stop());

const AC = demoDepartmentId(DEMO.sector5, 'AC');

const signIn = (a: DemoAccount): Promise<Client> => signInDemo(t, a, () => (clock += 30_000));

async function lastEmailTo(to: string) {
  const rows = await t.database.query<{ template: string; body_text: string; subject: string }>(
    'SELECT template, body_text, subject FROM outbox_message WHERE lower(recipient) = lower($1) ORDER BY created_at DESC, id LIMIT 1',
    [to],
  );
  return rows[0] ?? null;
}
const invitationLink = (text: string) => /https?:\/\/[^/\s]+(\/invitatie\?token=[\w%-]+)/.exec(text)?.[1] ?? '';

describe('inviting an official', () => {
  it('admin invites → email in the outbox → invitee joins → must set up 2FA → signed in as official with the membership', async () => {
    const admin = await signIn(DEMO_ACCOUNTS.administrator);
    const dashboard = await admin.get('/admin');
    expect(dashboard.status).toBe(200);
    for (const href of ['/admin/functionari', '/admin/mesaje', '/admin/organizatie']) expect(dashboard.body).toContain(`href="${href}"`);

    const list = await admin.get('/admin/functionari');
    expect(list.status).toBe(200);
    expect(list.body).toContain('Andrei Popa');
    expect(list.body).toContain('andrei.popa@primaria5.demo');
    expect(list.body).toContain('Serviciul Certificate de Urbanism');
    expect(list.body).toContain('Șef de serviciu');
    expect(list.body).toContain('Activată');

    const form = await admin.get('/admin/functionari/invita');
    expect(form.status).toBe(200);
    expect(form.body).toContain('Serviciul Autorizații de Construire');
    const empty = await admin.post('/admin/functionari/invita', { email: 'nu-e-email', displayName: '', role: '' });
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('Introduceți o adresă de e-mail validă');
    expect(empty.body).toContain('Alegeți rolul.');
    expect(empty.body).toContain('value="nu-e-email"');
    const taken = await admin.post('/admin/functionari/invita', { email: DEMO_ACCOUNTS.maria.email, displayName: 'Maria Ionescu', role: 'inspector' });
    expect(taken.body).toContain('Există deja un cont cu această adresă de e-mail.');

    const sent = await admin.post('/admin/functionari/invita', { email: 'Dana.Radu@primaria5.demo', displayName: 'Dana Radu', role: 'inspector', departmentId: AC });
    expect(sent.status).toBe(303);
    expect((await admin.follow(sent)).body).toContain('Invitația a fost trimisă la dana.radu@primaria5.demo.');
    const pending = await admin.get('/admin/functionari');
    expect(pending.body).toContain('Invitații în așteptare');
    expect(pending.body).toContain('dana.radu@primaria5.demo');

    const mail = await lastEmailTo('dana.radu@primaria5.demo');
    expect(mail?.template).toBe('admin.invitation.v1');
    expect(mail?.subject).toContain('Primăria Sectorului 5');
    expect(mail?.body_text).toContain('Bogdan Stoica vă invită');
    expect(mail?.body_text).toContain('Inspector (Serviciul Autorizații de Construire)');
    const link = invitationLink(mail!.body_text);
    expect(link).not.toBe('');

    const invitee = t.client();
    const join = await invitee.get(link);
    expect(join.status).toBe(200);
    expect(join.body).toContain('Alăturați-vă echipei');
    expect(join.body).toContain('dana.radu@primaria5.demo');
    const token = decodeURIComponent(link.split('token=')[1]!);
    const weak = await invitee.post('/invitatie', { token, displayName: 'Dana Radu', password: 'scurta', passwordConfirm: 'scurta' });
    expect(weak.status).toBe(400);
    expect(weak.body).toContain('Parola trebuie să aibă cel puțin 10 caractere.');
    expect(weak.body).not.toContain('value="scurta"');
    const joined = await invitee.post('/invitatie', { token, displayName: 'Dana Radu', password: 'Inspector-Sector5-2026', passwordConfirm: 'Inspector-Sector5-2026' });
    expect(joined.status).toBe(303);
    expect(joined.location).toBe('/cont/doi-factori');

    // Signed in, but nowhere to go before two-factor is set up.
    expect((await invitee.get('/cont')).location).toBe('/cont/doi-factori?next=%2Fcont');
    const setup = await invitee.get('/cont/doi-factori');
    expect(setup.body).toContain('Pentru funcționari verificarea în doi pași este obligatorie');
    const secret = /id="totp-secret">([A-Z2-7 ]+)</.exec(setup.body)![1]!.replace(/ /g, '');
    const done = await invitee.post('/cont/doi-factori', { code: totpCode(secret, now()) });
    expect(done.status).toBe(200);
    expect((await invitee.get('/cont')).status).toBe(200);

    const [acc] = await t.database.query<{ id: string; is_official: boolean; verified: boolean; totp: boolean }>(
      "SELECT id, is_official, email_verified_at IS NOT NULL AS verified, totp_enabled_at IS NOT NULL AS totp FROM account WHERE email = 'dana.radu@primaria5.demo'",
    );
    expect(acc).toMatchObject({ is_official: true, verified: true, totp: true });
    const memberships = await t.database.query<{ institution_id: string; department_id: string; role: string }>(
      'SELECT institution_id, department_id, role FROM membership WHERE account_id = $1 AND revoked_at IS NULL',
      [acc!.id],
    );
    expect(memberships).toEqual([{ institution_id: DEMO.sector5, department_id: AC, role: 'inspector' }]);
    const audit = await t.database.query<{ action: string }>("SELECT action FROM audit_entry WHERE chain = $1 AND action LIKE 'official.%' ORDER BY id", [DEMO.sector5]);
    expect(audit.map((a) => a.action)).toEqual(['official.invited', 'official.joined']);

    // Single use: the link is dead now, and the administrator sees Dana as an official.
    const again = await t.client().get(link);
    expect(again.status).toBe(404);
    expect(again.body).toContain('Invitația nu mai este valabilă');
    const after = await admin.get('/admin/functionari');
    expect(after.body).toContain('Dana Radu');
    expect(after.body).not.toContain('Invitații în așteptare</caption>');
  });

  it('a revoked invitation cannot be used', async () => {
    const admin = await signIn(DEMO_ACCOUNTS.administrator);
    await admin.get('/admin/functionari/invita');
    await admin.post('/admin/functionari/invita', { email: 'vlad.enache@primaria5.demo', displayName: 'Vlad Enache', role: 'registry_clerk', departmentId: '' });
    const link = invitationLink((await lastEmailTo('vlad.enache@primaria5.demo'))!.body_text);
    // The invitee opened the page before the invitation was cancelled, and submits after.
    const invitee = t.client();
    expect((await invitee.get(link)).status).toBe(200);
    const [inv] = await t.database.query<{ id: string }>("SELECT id FROM invitation WHERE email = 'vlad.enache@primaria5.demo'");
    await admin.get('/admin/functionari');
    const revoked = await admin.post(`/admin/functionari/invitatii/${inv!.id}/revoca`);
    expect(revoked.status).toBe(303);
    expect((await admin.follow(revoked)).body).toContain('Invitația pentru vlad.enache@primaria5.demo a fost anulată.');

    const token = decodeURIComponent(link.split('token=')[1]!);
    const post = await invitee.post('/invitatie', { token, displayName: 'Vlad Enache', password: 'Registratura-2026-ok', passwordConfirm: 'Registratura-2026-ok' });
    expect(post.status).toBe(404);
    const page = await invitee.get(link);
    expect(page.status).toBe(404);
    expect(page.body).toContain('Invitația nu mai este valabilă');
    expect(await t.database.query("SELECT 1 FROM account WHERE email = 'vlad.enache@primaria5.demo'")).toHaveLength(0);
  });

  it('invites through the JSON API too, with the same validation', async () => {
    const admin = await signIn(DEMO_ACCOUNTS.administrator);
    await admin.get('/cont');
    const bad = await admin.api('POST', `/api/v1/institutions/${DEMO.sector5}/invitations`, { email: 'x@primaria5.demo', displayName: 'X Y Z', role: 'pope' });
    expect(bad.status).toBe(400);
    const foreignDept = await admin.api('POST', `/api/v1/institutions/${DEMO.sector5}/invitations`, {
      email: 'x@primaria5.demo',
      displayName: 'Xenia Ilie',
      role: 'inspector',
      departmentId: demoDepartmentId(DEMO.taxes, 'EXEC'),
    });
    expect(foreignDept.status).toBe(400);
    expect(foreignDept.json<{ error: { fields: Record<string, string> } }>().error.fields.departmentId).toBeDefined();
    const ok = await admin.api('POST', `/api/v1/institutions/${DEMO.sector5}/invitations`, { email: 'xenia.ilie@primaria5.demo', displayName: 'Xenia Ilie', role: 'archivist' });
    expect(ok.status).toBe(201);
    const list = await admin.api('GET', `/api/v1/institutions/${DEMO.sector5}/officials`);
    expect(list.status).toBe(200);
    const body = list.json<{ officials: { email: string; twoFactorEnabled: boolean }[]; invitations: { email: string }[] }>();
    expect(body.invitations.map((i) => i.email)).toContain('xenia.ilie@primaria5.demo');
    expect(body.officials.find((o) => o.email === DEMO_ACCOUNTS.mayor.email)?.twoFactorEnabled).toBe(true);
  });

  it('gives an official of the institution one more role (a head who also examines) instead of refusing their address', async () => {
    const admin = await signIn(DEMO_ACCOUNTS.administrator);
    await admin.get('/admin/functionari/invita');
    const andrei = DEMO_ACCOUNTS.inspector; // Andrei Popa, inspector of Certificate de Urbanism
    const mailsBefore = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox_message WHERE lower(recipient) = lower($1)', [andrei.email]);
    const added = await admin.post('/admin/functionari/invita', { email: andrei.email.toUpperCase(), displayName: 'Andrei Popa', role: 'inspector', departmentId: AC });
    expect(added.status).toBe(303);
    expect((await admin.follow(added)).body).toContain('Andrei Popa lucrează deja în instituție și are acum și rolul Inspector.');
    const roles = await t.database.query<{ department_id: string }>(
      "SELECT department_id FROM membership m JOIN account a ON a.id = m.account_id WHERE a.email = $1 AND m.role = 'inspector' AND m.revoked_at IS NULL",
      [andrei.email],
    );
    expect(roles.map((r) => r.department_id)).toContain(AC);
    const mailsAfter = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox_message WHERE lower(recipient) = lower($1)', [andrei.email]);
    expect(mailsAfter[0]!.n).toBe(mailsBefore[0]!.n);
    expect((await t.database.query("SELECT 1 FROM audit_entry WHERE action = 'official.role_added'")).length).toBe(1);

    const again = await admin.post('/admin/functionari/invita', { email: andrei.email, displayName: 'Andrei Popa', role: 'inspector', departmentId: AC });
    expect(again.status).toBe(400);
    expect(again.body).toContain('Funcționarul are deja acest rol în acest compartiment.');
  });
});

describe('who may manage officials', () => {
  it('refuses officials who are not administrators, citizens and anonymous visitors, on pages and the API', async () => {
    const inspector = await signIn(DEMO_ACCOUNTS.inspector);
    for (const path of ['/admin', '/admin/functionari', '/admin/functionari/invita']) expect((await inspector.get(path)).status).toBe(403);
    await inspector.get('/cont');
    expect((await inspector.post('/admin/functionari/invita', { email: 'a@b.ro', displayName: 'Abc Def', role: 'mayor' })).status).toBe(403);
    expect((await inspector.api('GET', `/api/v1/institutions/${DEMO.sector5}/officials`)).status).toBe(403);
    expect((await inspector.api('POST', `/api/v1/institutions/${DEMO.sector5}/invitations`, { email: 'a@b.ro', displayName: 'Abc Def', role: 'mayor' })).status).toBe(403);
    const [m] = await t.database.query<{ id: string }>('SELECT id FROM membership WHERE account_id = $1', [DEMO_ACCOUNTS.registryClerk.id]);
    expect((await inspector.api('POST', `/api/v1/memberships/${m!.id}/revoke`, {})).status).toBe(404);

    const citizen = await signIn(DEMO_ACCOUNTS.maria);
    expect((await citizen.get('/admin/functionari')).status).toBe(403);
    expect((await citizen.get('/admin/organizatie')).status).toBe(403);

    const anonymous = t.client();
    expect((await anonymous.get('/admin/functionari')).location).toBe('/autentificare?next=%2Fadmin%2Ffunctionari');
    expect((await anonymous.api('GET', `/api/v1/institutions/${DEMO.sector5}/officials`)).status).toBe(401);
  });

  it('refuses the administrator of another institution (403 on the list, 404 on its records)', async () => {
    const other = await signIn(DEMO_ACCOUNTS.taxesAdministrator);
    await other.get('/cont');
    expect((await other.api('GET', `/api/v1/institutions/${DEMO.sector5}/officials`)).status).toBe(403);
    expect((await other.api('POST', `/api/v1/institutions/${DEMO.sector5}/invitations`, { email: 'z@b.ro', displayName: 'Zoe Dinu', role: 'inspector' })).status).toBe(403);
    const [m] = await t.database.query<{ id: string }>('SELECT id FROM membership WHERE account_id = $1', [DEMO_ACCOUNTS.registryClerk.id]);
    expect((await other.api('POST', `/api/v1/memberships/${m!.id}/revoke`, {})).status).toBe(404);
    const [inv] = await t.database.query<{ id: string }>("SELECT id FROM invitation WHERE email = 'xenia.ilie@primaria5.demo'");
    expect((await other.api('POST', `/api/v1/invitations/${inv!.id}/revoke`, {})).status).toBe(404);
    // Their own page lists their own institution only.
    const page = await other.get('/admin/functionari');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Direcția Generală de Impozite și Taxe Locale Sector 5');
    expect(page.body).toContain('Ioana Vasilescu');
    expect(page.body).not.toContain('Andrei Popa');
  });

  it('shows a head of department only the officials of their department', async () => {
    const head = await signIn(DEMO_ACCOUNTS.headOfDepartment);
    await head.get('/cont');
    const res = await head.api('GET', `/api/v1/institutions/${DEMO.sector5}/officials`);
    expect(res.status).toBe(200);
    const body = res.json<{ officials: { email: string }[]; invitations: unknown[] }>();
    expect(body.officials.map((o) => o.email).sort()).toEqual([DEMO_ACCOUNTS.inspector.email, DEMO_ACCOUNTS.headOfDepartment.email].sort());
    expect(body.invitations).toEqual([]);
  });

  it('revoking the only role of an official signs them out; an administrator cannot revoke their own', async () => {
    const archivist = await signIn(DEMO_ACCOUNTS.archivist);
    expect((await archivist.get('/cont')).status).toBe(200);

    const admin = await signIn(DEMO_ACCOUNTS.administrator);
    const [m] = await t.database.query<{ id: string }>('SELECT id FROM membership WHERE account_id = $1', [DEMO_ACCOUNTS.archivist.id]);
    await admin.get('/admin/functionari');
    const res = await admin.post(`/admin/functionari/membri/${m!.id}/revoca`);
    expect(res.status).toBe(303);
    expect((await admin.follow(res)).body).toContain('Accesul lui Florin Niculescu ca Arhivar a fost revocat.');
    expect((await archivist.get('/cont')).location).toMatch(/^\/autentificare/);
    expect((await admin.get('/admin/functionari')).body).not.toContain('Florin Niculescu');

    const [own] = await t.database.query<{ id: string }>('SELECT id FROM membership WHERE account_id = $1', [DEMO_ACCOUNTS.administrator.id]);
    const self = await admin.api('POST', `/api/v1/memberships/${own!.id}/revoke`, {});
    expect(self.status).toBe(409);
  });
});

describe('organisation page', () => {
  it('shows the institution’s data and its department tree as nested lists', async () => {
    const admin = await signIn(DEMO_ACCOUNTS.administrator);
    const res = await admin.get('/admin/organizatie');
    expect(res.status).toBe(200);
    expect(res.body).toContain('4433864');
    expect(res.body).toContain('179187');
    // The opening hours the footer shows are among the details, and the link to change them says so.
    expect(res.body).toMatch(/Program cu publicul<\/dt>[\s\S]*?<li>Luni, Miercuri: 08:30–16:30<\/li>/);
    expect(res.body).toContain('>Modificați datele instituției</a>');
    // Serviciul Certificate de Urbanism is listed inside the list item of its directorate.
    expect(res.body).toMatch(/Direcția Generală de Urbanism și Amenajarea Teritoriului[\s\S]*?<ul class="govuk-list govuk-list--bullet"><li>Serviciul Autorizații de Construire/);
  });
});
