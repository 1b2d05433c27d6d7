import type { Executor } from '../../db/database.ts';
import type { Role } from '../../platform/auth/actor.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import { sealDemoSecret } from '../../platform/auth/secret-box.ts';
import { cnpCheckDigit, isValidCnp } from '../../platform/ids/cnp.ts';
import { isValidCui } from '../../platform/ids/cui.ts';
import { DEMO, demoDepartmentId } from '../organisation/seed-demo.ts';
import { account, company, companyRepresentative, membership, person } from './schema.ts';
import { totpCode } from './totp.ts';
import { totpSecretContext } from './two-factor-check-code.ts';

/**
 * Demo accounts of Primăria Sectorului 5 and its subordinate institutions: one official per role, a head (also
 * inspector) in every department a demo service is routed to, citizens and a company. Everything here is public
 * (README, browser tests): never load the demo into a production database.
 */

/** The password of every demo account. */
export const DEMO_PASSWORD = 'Demo-Parola-2026!';

/**
 * The TOTP secret (base32) of every demo account with two-factor on. Add it to an authenticator app by hand
 * (time based, 6 digits, 30 s) or compute codes with `demoTotpCode()`.
 */
export const DEMO_TOTP_SECRET = 'PRIMARIADIGITALADEMOTOTPSECRETAB';

/** The current demo TOTP code (tests: pass the app's clock). */
export const demoTotpCode = (at: Date = new Date()) => totpCode(DEMO_TOTP_SECRET, at);

function cnp(first12: string): string {
  const value = `${first12}${cnpCheckDigit(first12)}`;
  if (!isValidCnp(value)) throw new Error(`demo CNP ${value} is not valid`);
  return value;
}

const CUI_WEIGHTS = [7, 5, 3, 2, 1, 7, 5, 3, 2];
function cui(body: string): string {
  const padded = body.padStart(9, '0');
  const sum = [...padded].reduce((s, d, i) => s + Number(d) * CUI_WEIGHTS[i]!, 0);
  const value = `${body}${((sum * 10) % 11) % 10}`;
  if (!isValidCui(value)) throw new Error(`demo CUI ${value} is not valid`);
  return value;
}

export type DemoAccount = {
  id: string;
  email: string;
  password: string;
  displayName: string;
  /** null when the account has no two-factor. */
  totpSecret: string | null;
  official: boolean;
  membership?: { institutionId: string; departmentId: string | null; role: Role };
  /** A second role in the same place (a one-person compartment both assigns and does the work). */
  alsoRole?: Role;
  /** `cnpVerifiedBy`: the CNP was confirmed (at the counter), not only declared. */
  person?: { cnp: string; firstName: string; lastName: string; address: string; cnpVerifiedBy?: string };
};

const dept = (code: string) => demoDepartmentId(DEMO.sector5, code);
const id = (n: number) => `ac000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

function official(n: number, name: string, email: string, role: Role, departmentId: string | null, institutionId: string = DEMO.sector5): DemoAccount {
  return {
    id: id(n),
    email,
    password: DEMO_PASSWORD,
    displayName: name,
    totpSecret: DEMO_TOTP_SECRET,
    official: true,
    membership: { institutionId, departmentId, role },
  };
}

/** The head of a department who is also its inspector: takes, examines, approves and signs what is routed there. */
function head(n: number, name: string, email: string, code: string, institutionId: string = DEMO.sector5): DemoAccount {
  return { ...official(n, name, email, 'head_of_department', demoDepartmentId(institutionId, code), institutionId), alsoRole: 'inspector' };
}

/** Every demo account by a short name; the README lists them. */
export const DEMO_ACCOUNTS = {
  registryClerk: official(1, 'Elena Dumitrescu', 'elena.dumitrescu@primaria5.demo', 'registry_clerk', dept('REG')),
  inspector: official(2, 'Andrei Popa', 'andrei.popa@primaria5.demo', 'inspector', dept('CU')),
  headOfDepartment: official(3, 'Cristina Marinescu', 'cristina.marinescu@primaria5.demo', 'head_of_department', dept('CU')),
  director: official(4, 'Mihai Stanciu', 'mihai.stanciu@primaria5.demo', 'director', dept('DGU')),
  secretaryGeneral: official(5, 'Gabriela Constantinescu', 'gabriela.constantinescu@primaria5.demo', 'secretary_general', null),
  mayor: official(6, 'Radu Georgescu', 'radu.georgescu@primaria5.demo', 'mayor', null),
  deputyMayor: official(7, 'Adriana Munteanu', 'adriana.munteanu@primaria5.demo', 'deputy_mayor', null),
  archivist: official(8, 'Florin Niculescu', 'florin.niculescu@primaria5.demo', 'archivist', dept('ARH')),
  administrator: official(9, 'Bogdan Stoica', 'bogdan.stoica@primaria5.demo', 'administrator', null),
  /**
   * The public-information compartment (Legea 544/2001) is one person: she takes the requests routed there (head of
   * the compartment, who assigns) and answers them (inspector), so the demo's public-information requests reach someone.
   */
  publicInformation: head(11, 'Simona Dragomir', 'simona.dragomir@primaria5.demo', 'INFO'),
  /** The administrator of a subordinate institution (DGITL Sector 5): another institution, for refusal tests. */
  taxesAdministrator: official(10, 'Ioana Vasilescu', 'ioana.vasilescu@dgitl5.demo', 'administrator', null, DEMO.taxes),
  /*
   * Every other department a demo service is routed to has its head, who is also its inspector (like the
   * public-information compartment): the case is assigned, examined, approved there and signed by them, so no demo
   * request sits in nobody's inbox. The registry, the mayor and the secretary general act for the whole institution.
   */
  headRegistry: head(12, 'Lucian Petrescu', 'lucian.petrescu@primaria5.demo', 'REG'),
  headPublicRelations: head(13, 'Daniela Moldovan', 'daniela.moldovan@primaria5.demo', 'RP'),
  headArchive: head(14, 'Corina Tudor', 'corina.tudor@primaria5.demo', 'ARH'),
  headCivilStatus: head(15, 'Alina Voicu', 'alina.voicu@primaria5.demo', 'SC'),
  headPersonRecords: head(16, 'Sorin Barbu', 'sorin.barbu@primaria5.demo', 'EP'),
  headBuildingPermits: head(17, 'Ovidiu Lazăr', 'ovidiu.lazar@primaria5.demo', 'AC'),
  headTradeApprovals: head(18, 'Roxana Preda', 'roxana.preda@primaria5.demo', 'ACOM'),
  headParking: head(19, 'Marius Neagu', 'marius.neagu@primaria5.demo', 'PARC'),
  /*
   * The subordinate institutions are institutions of their own (own registry, own officials): each has its registry
   * clerk, its director general, who signs its answers, and the heads of the departments its services go to. The
   * director general holds the institution-wide role that signs for an institution ('mayor': the default workflow's
   * signing step and the answer's last signature are that role's).
   */
  taxesRegistryClerk: official(20, 'Paul Diaconu', 'paul.diaconu@dgitl5.demo', 'registry_clerk', null, DEMO.taxes),
  taxesDirector: official(21, 'Laurențiu Stan', 'laurentiu.stan@dgitl5.demo', 'mayor', null, DEMO.taxes),
  headLocalTaxes: head(22, 'Carmen Iordache', 'carmen.iordache@dgitl5.demo', 'IMP-PF', DEMO.taxes),
  socialRegistryClerk: official(23, 'Gheorghe Matei', 'gheorghe.matei@dgaspc5.demo', 'registry_clerk', null, DEMO.social),
  socialDirector: official(24, 'Camelia Rusu', 'camelia.rusu@dgaspc5.demo', 'mayor', null, DEMO.social),
  headSocialBenefits: head(25, 'Monica Ilie', 'monica.ilie@dgaspc5.demo', 'BEN', DEMO.social),
  headSocialInquiries: head(26, 'Irina Toma', 'irina.toma@dgaspc5.demo', 'ANCH', DEMO.social),
  ion: {
    id: id(101),
    email: 'ion.popescu@example.demo',
    password: DEMO_PASSWORD,
    displayName: 'Ion Popescu',
    totpSecret: DEMO_TOTP_SECRET,
    official: false,
    // Ion showed his identity card at the registry: his CNP is confirmed (Maria's is only declared).
    person: { cnp: cnp('180010112345'), firstName: 'Ion', lastName: 'Popescu', address: 'Str. Fabrica de Chibrituri nr. 20, bl. 3, ap. 12, Sector 5, București', cnpVerifiedBy: 'counter:demo' },
  },
  maria: {
    id: id(102),
    email: 'maria.ionescu@example.demo',
    password: DEMO_PASSWORD,
    displayName: 'Maria Ionescu',
    totpSecret: null,
    official: false,
    person: { cnp: cnp('285031545234'), firstName: 'Maria', lastName: 'Ionescu', address: 'Calea Rahovei nr. 147, Sector 5, București' },
  },
} satisfies Record<string, DemoAccount>;

/**
 * The people the development ROeID simulator knows (`npm start`; README): sign in at the simulator's form with the
 * login, any password. Maria's verified e-mail links the identity to her demo account; Elena is new to the city
 * hall, so her first sign-in creates a person account with the CNP the provider asserts.
 */
export const DEMO_ROEID_IDENTITIES = [
  {
    sub: 'maria.ionescu',
    given_name: 'Maria',
    family_name: 'Ionescu',
    email: 'maria.ionescu@example.demo',
    email_verified: true,
    cnp: DEMO_ACCOUNTS.maria.person.cnp,
  },
  { sub: 'elena.marin', given_name: 'Elena', family_name: 'Marin', email: 'elena.marin@example.demo', email_verified: true, cnp: cnp('290071245678') },
];

export const DEMO_COMPANY = {
  id: 'c0000000-0000-4000-8000-000000000001',
  name: 'Construct Demo SRL',
  cui: cui('3456789'),
  tradeRegisterNo: 'J40/1234/2015',
  address: 'Bd. Tudor Vladimirescu nr. 45, Sector 5, București',
  /** Maria Ionescu acts for the company (mandate active). */
  representativeAccountId: DEMO_ACCOUNTS.maria.id,
} as const;

export async function seedIdentityDemo(db: Executor): Promise<void> {
  const now = new Date();
  // Every demo account has the same (public) password: hashed once, so more accounts do not slow the seed down.
  const hashes = new Map<string, Promise<string>>();
  for (const a of Object.values(DEMO_ACCOUNTS) as DemoAccount[]) {
    if (!hashes.has(a.password)) hashes.set(a.password, hashPassword(a.password));
    await db.insert(account).values({
      id: a.id,
      email: a.email,
      emailVerifiedAt: now,
      passwordHash: await hashes.get(a.password)!,
      displayName: a.displayName,
      locale: 'ro',
      isOfficial: a.official,
      totpSecret: a.totpSecret ? sealDemoSecret(a.totpSecret, totpSecretContext(a.id)) : null,
      totpEnabledAt: a.totpSecret ? now : null,
      createdAt: now,
      updatedAt: now,
    });
    if (a.person) await db.insert(person).values({ accountId: a.id, ...a.person, cnpVerifiedAt: a.person.cnpVerifiedBy ? now : null });
    if (a.membership) {
      await db.insert(membership).values({ id: a.id.replace(/^ac/, 'ab'), accountId: a.id, ...a.membership, createdAt: now });
      if (a.alsoRole) await db.insert(membership).values({ id: a.id.replace(/^ac/, 'ad'), accountId: a.id, ...a.membership, role: a.alsoRole, createdAt: now });
    }
  }
  await db.insert(company).values({
    id: DEMO_COMPANY.id,
    cui: DEMO_COMPANY.cui,
    name: DEMO_COMPANY.name,
    tradeRegisterNo: DEMO_COMPANY.tradeRegisterNo,
    address: DEMO_COMPANY.address,
    createdAt: now,
  });
  await db.insert(companyRepresentative).values({
    id: 'c0000000-0000-4000-8000-000000000101',
    companyId: DEMO_COMPANY.id,
    accountId: DEMO_COMPANY.representativeAccountId,
    role: 'representative',
    status: 'active',
    createdAt: now,
  });
}
