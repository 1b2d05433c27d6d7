import type { Executor } from '../../db/database.ts';
import { insertDepartment, insertInstitution } from './store.ts';

/** Fixed ids so demo links, tests and documentation can name them. */
export const DEMO = {
  sector5: '5e5e0000-0000-4000-8000-000000000005',
  taxes: '5e5e0000-0000-4000-8000-0000000000a5',
  social: '5e5e0000-0000-4000-8000-0000000000b5',
} as const;

type Dept = { code: string; name: string; kind: 'directie' | 'serviciu' | 'birou' | 'compartiment'; children?: Dept[]; email?: string };

const sector5Tree: Dept[] = [
  {
    code: 'DRRP',
    name: 'Direcția Registratură și Relații cu Publicul',
    kind: 'directie',
    children: [
      { code: 'REG', name: 'Serviciul Registratură', kind: 'serviciu', email: 'registratura@sector5.ro' },
      { code: 'RP', name: 'Biroul Relații cu Publicul și Audiențe', kind: 'birou' },
      { code: 'INFO', name: 'Compartimentul Informații de Interes Public', kind: 'compartiment' },
    ],
  },
  {
    code: 'DGU',
    name: 'Direcția Generală de Urbanism și Amenajarea Teritoriului',
    kind: 'directie',
    children: [
      { code: 'CU', name: 'Serviciul Certificate de Urbanism', kind: 'serviciu' },
      { code: 'AC', name: 'Serviciul Autorizații de Construire', kind: 'serviciu' },
      { code: 'DISC', name: 'Biroul Disciplina în Construcții', kind: 'birou' },
    ],
  },
  {
    code: 'DAC',
    name: 'Direcția Autorizări Comerciale',
    kind: 'directie',
    children: [{ code: 'ACOM', name: 'Serviciul Avize și Acorduri de Funcționare', kind: 'serviciu' }],
  },
  {
    code: 'SPCLEP',
    name: 'Direcția Publică Comunitară de Evidență a Persoanelor',
    kind: 'directie',
    children: [
      { code: 'SC', name: 'Serviciul Stare Civilă', kind: 'serviciu' },
      { code: 'EP', name: 'Serviciul Evidența Persoanelor', kind: 'serviciu' },
    ],
  },
  { code: 'JUR', name: 'Direcția Juridică', kind: 'directie' },
  {
    code: 'PAT',
    name: 'Direcția Patrimoniu',
    kind: 'directie',
    children: [{ code: 'PARC', name: 'Serviciul Parcări Rezidențiale', kind: 'serviciu' }],
  },
  { code: 'ARH', name: 'Compartimentul Arhivă', kind: 'compartiment' },
  { code: 'IT', name: 'Serviciul Informatică', kind: 'serviciu' },
];

const taxesTree: Dept[] = [
  { code: 'IMP-PF', name: 'Serviciul Impozite și Taxe Persoane Fizice', kind: 'serviciu' },
  { code: 'IMP-PJ', name: 'Serviciul Impozite și Taxe Persoane Juridice', kind: 'serviciu' },
  { code: 'EXEC', name: 'Biroul Executare Silită', kind: 'birou' },
];

const socialTree: Dept[] = [
  { code: 'BEN', name: 'Serviciul Beneficii Sociale', kind: 'serviciu' },
  { code: 'ANCH', name: 'Biroul Anchete Sociale', kind: 'birou' },
];

/** A stable uuid per department code so demo data is the same on every machine. */
export function demoDepartmentId(institutionId: string, code: string): string {
  let h = 0;
  for (const ch of `${institutionId}:${code}`) h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0;
  const hex = h.toString(16).padStart(8, '0');
  return `de9a${hex.slice(0, 4)}-${hex.slice(4, 8)}-4000-8000-${institutionId.slice(-12)}`;
}

async function insertTree(db: Executor, institutionId: string, tree: Dept[], parentId: string | null): Promise<void> {
  for (const d of tree) {
    const id = demoDepartmentId(institutionId, d.code);
    await insertDepartment(db, { id, institutionId, parentId, kind: d.kind, code: d.code, name: d.name, email: d.email ?? null });
    if (d.children) await insertTree(db, institutionId, d.children, id);
  }
}

const hours = [
  { days: 'Luni, Miercuri', hours: '08:30–16:30' },
  { days: 'Marți, Joi', hours: '08:30–18:30' },
  { days: 'Vineri', hours: '08:30–14:00' },
];

export async function seedOrganisation(db: Executor): Promise<void> {
  await insertInstitution(db, {
    id: DEMO.sector5,
    parentId: null,
    slug: 'sector5',
    name: 'Primăria Sectorului 5',
    shortName: 'Primăria Sectorului 5',
    cui: '4433864',
    siruta: '179187',
    address: 'Str. Fabrica de Chibrituri nr. 9–11, Sector 5, București, 050183',
    email: 'registratura@sector5.ro',
    phone: '021 314 43 16',
    website: 'https://www.sector5.ro',
    workingHours: hours,
  });
  await insertInstitution(db, {
    id: DEMO.taxes,
    parentId: DEMO.sector5,
    slug: 'dgitl5',
    name: 'Direcția Generală de Impozite și Taxe Locale Sector 5',
    shortName: 'DGITL Sector 5',
    cui: '14594060',
    siruta: '179187',
    address: 'Str. Fabrica de Chibrituri nr. 9–11, Sector 5, București',
    email: 'contact@dgitl5.ro',
    phone: '021 410 95 22',
    workingHours: hours,
  });
  await insertInstitution(db, {
    id: DEMO.social,
    parentId: DEMO.sector5,
    slug: 'dgaspc5',
    name: 'Direcția Generală de Asistență Socială și Protecția Copilului Sector 5',
    shortName: 'DGASPC Sector 5',
    cui: '15310301',
    siruta: '179187',
    address: 'Str. Fabrica de Chibrituri nr. 9–11, Sector 5, București',
    email: 'office@dgaspc5.ro',
    phone: '021 410 95 85',
    workingHours: hours,
  });
  await insertTree(db, DEMO.sector5, sector5Tree, null);
  await insertTree(db, DEMO.taxes, taxesTree, null);
  await insertTree(db, DEMO.social, socialTree, null);
}
