import type { Group, LocalText, Page, Question } from './domain/form-definition.ts';
import type { RequiredDocument, ServiceDefinition } from './domain/service-definition.ts';

/*
 * The demo catalogue: real services of Primăria Sectorului 5 and of its subordinate institutions DGITL Sector 5
 * (local taxes) and DGASPC Sector 5 (social assistance), as data the catalogue's domain model validates.
 *
 * Terms follow ../shared/DOMAIN.md; where the law sets no term for an answer, the general 30 days of OG 27/2002
 * (petitions) or OUG 27/2003 (tacit approval) are used. Fees are in bani; where a fee is set by the local council
 * (HCL) the amount is illustrative, and each institution edits it in the catalogue.
 *
 * File codes ('I-1', 'IV-3', …) are ILLUSTRATIVE: each institution sets its own archival nomenclator (Legea
 * 16/1996), approved by its head and confirmed by the National Archives, and replaces these codes with its own.
 */

export type DemoInstitutionSlug = 'sector5' | 'dgitl5' | 'dgaspc5';
export type DemoService = { institutionSlug: DemoInstitutionSlug; service: ServiceDefinition };

// ---------------------------------------------------------------------------------------------------------------
// Small builders: the form model's output type needs every default spelled out (required, minItems, …).

const t = (ro: string, en: string): LocalText => ({ ro, en });

type QuestionOptions = Partial<Omit<Question, 'id' | 'type' | 'label' | 'options'>>;
type ChoiceType = 'select' | 'radios' | 'checkboxes';
type OptionTuple = [value: string, ro: string, en: string];

function ask(id: string, type: Exclude<Question['type'], ChoiceType>, label: LocalText, opts: QuestionOptions = {}): Question {
  return { id, type, label, required: true, ...opts };
}

function choose(id: string, type: ChoiceType, label: LocalText, options: OptionTuple[], opts: QuestionOptions = {}): Question {
  return { id, type, label, required: true, options: options.map(([value, ro, en]) => ({ value, label: t(ro, en) })), ...opts };
}

function yesNo(id: string, label: LocalText, opts: QuestionOptions = {}): Question {
  return choose(
    id,
    'radios',
    label,
    [
      ['da', 'Da', 'Yes'],
      ['nu', 'Nu', 'No'],
    ],
    opts,
  );
}

function group(
  id: string,
  label: LocalText,
  questions: Question[],
  opts: { min?: number; max?: number; hint?: LocalText; showIf?: Group['showIf']; counterLabel?: LocalText } = {},
): Group {
  const g: Group = { id, type: 'group', label, questions, minItems: opts.min ?? 1, maxItems: opts.max ?? 10 };
  if (opts.hint) g.hint = opts.hint;
  if (opts.showIf) g.showIf = opts.showIf;
  if (opts.counterLabel) g.counterLabel = opts.counterLabel;
  return g;
}

/** A page title that speaks to the applicant, and the same said about them for the clerk at the counter. */
type Titles = { title: LocalText; counterTitle: LocalText };
const withCounter = (title: LocalText, counterTitle: LocalText): Titles => ({ title, counterTitle });

function page(id: string, titles: LocalText | Titles, items: (Question | Group)[], showIf?: Page['showIf']): Page {
  const p: Page = 'counterTitle' in titles ? { id, ...titles, items } : { id, title: titles, items };
  if (showIf) p.showIf = showIf;
  return p;
}

const when = (question: string, equals: string | boolean) => ({ question, equals });
const whenIn = (question: string, values: string[]) => ({ question, in: values });
const optional = { required: false } as const;

// Date bounds, counted from the day the request is filed (DateBound): a birth, a death, a deed or a payment has
// already happened (the filing day included); a start, a hearing or a booking is still to come (today included).
const PAST = { notAfter: { daysFromFiling: 0 } } as const;
const NOT_PAST = { notBefore: { daysFromFiling: 0 } } as const;

/** `inOriginal`: shown in original at the office, not uploaded (RequiredDocument.presentedInOriginal). */
function doc(
  id: string,
  name: LocalText,
  opts: { optional?: boolean; fetchedFrom?: LocalText; showIf?: RequiredDocument['showIf']; inOriginal?: boolean } = {},
): RequiredDocument {
  const d: RequiredDocument = { id, name, required: !opts.optional, fetchedByInstitution: opts.fetchedFrom !== undefined, presentedInOriginal: opts.inOriginal ?? false };
  if (opts.fetchedFrom) d.issuer = opts.fetchedFrom;
  if (opts.showIf) d.showIf = opts.showIf;
  return d;
}

const form = (pages: Page[]): ServiceDefinition['form'] => ({ schemaVersion: 1, pages });

// ---------------------------------------------------------------------------------------------------------------
// Pages many services share. Answers known from the account are prefilled (once-only, OUG 41/2016).

function personPage(showIf?: Page['showIf']): Page {
  return page(
    'solicitant',
    withCounter(t('Datele dumneavoastră', 'Your details'), t('Datele solicitantului', 'Applicant’s details')),
    [
      ask('applicant_name', 'text', t('Numele și prenumele', 'Full name'), { prefill: 'person.name' }),
      ask('applicant_cnp', 'cnp', t('Codul numeric personal (CNP)', 'Personal numeric code (CNP)'), { prefill: 'person.cnp' }),
      ask('applicant_address', 'address', t('Adresa de domiciliu', 'Home address'), { prefill: 'person.address' }),
    ],
    showIf,
  );
}

function companyPage(showIf?: Page['showIf']): Page {
  return page(
    'firma',
    t('Datele persoanei juridice', 'Company details'),
    [
      ask('company_cui', 'cui', t('Codul unic de înregistrare (CUI)', 'Tax identification number (CUI)'), { prefill: 'company.cui' }),
      ask('company_name', 'text', t('Denumirea', 'Company name'), { prefill: 'company.name' }),
      ask('representative_name', 'text', t('Numele reprezentantului', 'Name of the representative'), { prefill: 'person.name' }),
      ask('representative_role', 'text', t('Calitatea reprezentantului', 'Capacity of the representative'), {
        hint: t('De exemplu: administrator, împuternicit', 'For example: director, authorised representative'),
      }),
    ],
    showIf,
  );
}

function contactPage(): Page {
  return page('contact', t('Date de contact', 'Contact details'), [
    ask('email', 'email', t('Adresa de e-mail', 'Email address'), { prefill: 'account.email' }),
    ask('phone', 'phone', t('Număr de telefon', 'Phone number'), { prefill: 'account.phone', required: false }),
  ]);
}

function applicantPages(applicants: ServiceDefinition['applicants']): Page[] {
  if (applicants === 'person') return [personPage(), contactPage()];
  if (applicants === 'company') return [companyPage(), contactPage()];
  return [
    page('tip_solicitant', t('Cine depune cererea', 'Who is applying'), [
      choose(
        'applicant_kind',
        'radios',
        t('Depuneți cererea ca:', 'You are applying as:'),
        [
          ['pf', 'Persoană fizică', 'An individual'],
          ['pj', 'Persoană juridică (firmă, PFA, asociație)', 'A company, sole trader or association'],
        ],
        { counterLabel: t('Solicitantul depune cererea ca:', 'The applicant is applying as:') },
      ),
    ]),
    personPage(when('applicant_kind', 'pf')),
    companyPage(when('applicant_kind', 'pj')),
    contactPage(),
  ];
}

function declarationPage(): Page {
  return page('declaratie', t('Declarație', 'Declaration'), [
    ask(
      'declaration_truth',
      'declaration',
      t(
        'Declar pe propria răspundere, cunoscând prevederile art. 326 din Codul penal privind falsul în declarații, că datele din această cerere sunt corecte și complete.',
        'I declare on my own responsibility, aware of article 326 of the Criminal Code on false statements, that the information in this application is correct and complete.',
      ),
    ),
  ]);
}

const attachments = (required = false): Question =>
  ask('attachments', 'file', t('Documente atașate', 'Attached documents'), { required, maxFiles: 10, hint: t('PDF, JPG sau PNG', 'PDF, JPG or PNG') });

const coOwnersItems = (subject: LocalText): (Question | Group)[] => [
  yesNo('co_owned', subject),
  ask('own_share', 'text', t('Cota dumneavoastră de proprietate', 'Your share of ownership'), {
    hint: t('De exemplu 1/2', 'For example 1/2'),
    showIf: when('co_owned', 'da'),
    counterLabel: t('Cota de proprietate a solicitantului', 'The applicant’s share of ownership'),
  }),
  group(
    'co_owners',
    t('Ceilalți coproprietari', 'The other co-owners'),
    [
      ask('owner_name', 'text', t('Numele și prenumele', 'Full name')),
      ask('owner_cnp', 'cnp', t('CNP', 'Personal numeric code (CNP)')),
      ask('owner_share', 'text', t('Cota-parte', 'Share'), { hint: t('De exemplu 1/2', 'For example 1/2') }),
    ],
    { min: 1, max: 10, showIf: when('co_owned', 'da') },
  ),
];

const paymentItems = (): Question[] => [
  choose('payment_method', 'radios', t('Cum doriți să primiți banii?', 'How would you like to receive the money?'), [
    ['cont', 'În cont bancar', 'Into a bank account'],
    ['mandat', 'Prin mandat poștal, la domiciliu', 'By postal order, at home'],
  ]),
  ask('iban', 'iban', t('Codul IBAN al contului', 'Account IBAN'), { showIf: when('payment_method', 'cont') }),
];

// Who issues the documents the city hall fetches itself (OUG 41/2016), named in both languages.
const ANCPI = t('ANCPI (Oficiul de Cadastru și Publicitate Imobiliară București)', 'ANCPI (Bucharest Office of Cadastre and Land Registration)');
const ONRC = t('Oficiul Național al Registrului Comerțului', 'National Trade Register Office (ONRC)');
const DGITL = t('DGITL Sector 5', 'DGITL Sector 5 (local taxes directorate)');
const SECTOR5 = t('Primăria Sectorului 5', 'Sector 5 City Hall');
const CIVIL_STATUS = t('Serviciile de stare civilă (Registrul național de evidență a persoanelor)', 'Civil status offices (National Register of Persons)');
const DRPCIV = t('Direcția Regim Permise de Conducere și Înmatriculare a Vehiculelor', 'Directorate for Driving Licences and Vehicle Registration (DRPCIV)');
const ISU = t('Inspectoratul pentru Situații de Urgență București-Ilfov', 'Bucharest-Ilfov Emergency Situations Inspectorate (ISU)');
const DSVSA = t('DSVSA București', 'DSVSA Bucharest (sanitary-veterinary and food safety directorate)');
const ANAF = t('ANAF', 'ANAF (National Agency for Fiscal Administration)');
const PENSIONS = t('Casa de Pensii a Municipiului București', 'Bucharest Pensions Office');
const EMPLOYMENT = t('Agenția Municipală pentru Ocuparea Forței de Muncă București', 'Bucharest Employment Agency');
const DISABILITY_BOARD = t('Comisia de evaluare a persoanelor adulte cu handicap Sector 5', 'Sector 5 assessment board for adults with disabilities');
const DGASPC = t('DGASPC Sector 5', 'DGASPC Sector 5 (social assistance and child protection directorate)');

const idCardDoc = doc('id_card', t('Actul de identitate (copie electronică; nu este necesară copia legalizată)', 'Identity document (an electronic copy; no certified copy is needed)'));
const landRegistryDoc = doc('land_registry_extract', t('Extras de carte funciară pentru informare', 'Land register extract (for information)'), { fetchedFrom: ANCPI });

// ---------------------------------------------------------------------------------------------------------------
// Registratură and public relations — Primăria Sectorului 5

const generalRequest: ServiceDefinition = {
  code: 'CERERE-GEN',
  category: 'registratura',
  name: t('Cerere generală', 'General request'),
  description: t(
    'Orice solicitare adresată Primăriei Sectorului 5 pentru care nu există un formular dedicat. Cererea primește număr de înregistrare imediat și răspunsul se dă în cel mult 30 de zile (OG 27/2002).',
    'Any request to Sector 5 City Hall for which there is no dedicated form. It is registered at once and answered within 30 days (OG 27/2002).',
  ),
  applicants: 'both',
  caseKind: 'petition',
  documents: [doc('supporting', t('Documente care susțin cererea, dacă există', 'Supporting documents, if any'), { optional: true })],
  form: form([
    ...applicantPages('both'),
    page('cerere', withCounter(t('Cererea', 'Your request'), t('Cererea', 'The request')), [
      ask('subject', 'text', t('Pe scurt, despre ce este cererea?', 'Briefly, what is your request about?'), {
        max: 150,
        counterLabel: t('Pe scurt, despre ce este cererea?', 'Briefly, what is the request about?'),
      }),
      ask('content', 'textarea', t('Conținutul cererii', 'Your request'), { min: 10, counterLabel: t('Conținutul cererii', 'The request') }),
      attachments(),
    ]),
    declarationPage(),
  ]),
  fee: { kind: 'none' },
  term: { days: 30, unit: 'calendar' },
  tacitApproval: false,
  departmentCode: 'REG',
  fileCode: 'I-1',
  keywords: ['cerere', 'solicitare', 'registratură', 'adresă către primărie', 'depunere online'],
};

const petition: ServiceDefinition = {
  code: 'PETITIE',
  category: 'registratura',
  name: t('Petiție', 'Petition'),
  description: t(
    'Cerere, reclamație, sesizare sau propunere privind activitatea primăriei sau o problemă de interes local (OG 27/2002). Răspunsul se dă în 30 de zile de la înregistrare; termenul poate fi prelungit o singură dată cu cel mult 15 zile, cu înștiințarea dumneavoastră. Petițiile anonime sau fără date de contact nu se iau în considerare.',
    'A request, complaint, report or proposal about the city hall’s work or a local issue (OG 27/2002). It is answered within 30 days of registration; the term may be extended once by at most 15 days, and you are told. Anonymous petitions, or petitions without contact details, are not considered.',
  ),
  applicants: 'both',
  caseKind: 'petition',
  documents: [doc('supporting', t('Documente care susțin petiția, dacă există', 'Supporting documents, if any'), { optional: true })],
  form: form([
    ...applicantPages('both'),
    page('petitie', withCounter(t('Petiția', 'Your petition'), t('Petiția', 'The petition')), [
      choose('petition_kind', 'radios', t('Ce fel de petiție depuneți?', 'What kind of petition is it?'), [
        ['cerere', 'Cerere', 'Request'],
        ['reclamatie', 'Reclamație', 'Complaint'],
        ['sesizare', 'Sesizare', 'Report'],
        ['propunere', 'Propunere', 'Proposal'],
      ]),
      ask('subject', 'text', t('Subiectul petiției', 'Subject'), { max: 150 }),
      ask('content', 'textarea', t('Conținutul petiției', 'Your petition'), { min: 10, counterLabel: t('Conținutul petiției', 'The petition') }),
      yesNo('previous', t('Ați mai depus o petiție pe aceeași temă?', 'Have you sent a petition on the same issue before?'), {
        hint: t('Petițiile pe aceeași temă se conexează și primesc un singur răspuns.', 'Petitions on the same issue are joined and get one answer.'),
      }),
      ask('previous_number', 'text', t('Numărul de înregistrare al petiției anterioare', 'Registration number of the earlier petition'), {
        required: false,
        showIf: when('previous', 'da'),
      }),
      attachments(),
    ]),
    page('raspuns', t('Răspunsul', 'The answer'), [
      choose('answer_channel', 'radios', t('Cum doriți să primiți răspunsul?', 'How would you like to receive the answer?'), [
        ['email', 'Prin e-mail și în contul meu', 'By email and in my account'],
        ['posta', 'Prin poștă', 'By post'],
      ]),
      ask('answer_address', 'address', t('Adresa de corespondență', 'Postal address'), { showIf: when('answer_channel', 'posta'), prefill: 'person.address' }),
    ]),
    declarationPage(),
  ]),
  fee: { kind: 'none' },
  term: { days: 30, unit: 'calendar' },
  tacitApproval: false,
  departmentCode: 'RP',
  fileCode: 'I-2',
  keywords: ['petiție', 'reclamație', 'plângere', 'propunere', 'nemulțumire', 'OG 27/2002'],
};

/**
 * A subordinate institution receives petitions too (OG 27/2002 applies to every public authority), in the department
 * that answers for most of them: so a petition the city hall receives about taxes or social help can be sent on to it
 * (art. 6¹) and registered there as a case.
 */
const petitionOf = (departmentCode: string): ServiceDefinition => ({
  ...petition,
  description: t(
    'Cerere, reclamație, sesizare sau propunere privind activitatea instituției (OG 27/2002). Răspunsul se dă în 30 de zile de la înregistrare; termenul poate fi prelungit o singură dată cu cel mult 15 zile, cu înștiințarea dumneavoastră. Petițiile anonime sau fără date de contact nu se iau în considerare.',
    'A request, complaint, report or proposal about the institution’s work (OG 27/2002). It is answered within 30 days of registration; the term may be extended once by at most 15 days, and you are told. Anonymous petitions, or petitions without contact details, are not considered.',
  ),
  departmentCode,
});

const streetReport: ServiceDefinition = {
  code: 'SESIZARE',
  category: 'registratura',
  name: t('Sesizare despre o problemă din sector (groapă, gunoi, iluminat)', 'Report a problem in the sector (pothole, rubbish, street lighting)'),
  description: t(
    'Semnalați o problemă de pe domeniul public: gropi în carosabil sau trotuar, gunoi abandonat, iluminat public defect, copaci periculoși, mașini abandonate. Arătați unde este (pe hartă, prin coordonate sau cu o descriere) și adăugați fotografii. Sesizarea se soluționează ca petiție, cu răspuns în cel mult 30 de zile. Pentru urgențe sunați la 112.',
    'Report a problem in a public place: potholes in the road or pavement, dumped rubbish, faulty street lighting, dangerous trees, abandoned cars. Show where it is (on the map, as coordinates or in words) and add photos. The report is handled as a petition and answered within 30 days. For emergencies call 112.',
  ),
  applicants: 'both',
  caseKind: 'petition',
  documents: [doc('photos', t('Fotografii ale problemei', 'Photos of the problem'), { optional: true })],
  form: form([
    page('problema', t('Problema', 'The problem'), [
      choose('problem_type', 'select', t('Ce problemă semnalați?', 'What are you reporting?'), [
        ['groapa', 'Groapă în carosabil sau trotuar', 'Pothole in the road or pavement'],
        ['gunoi', 'Gunoi sau deșeuri abandonate', 'Rubbish or dumped waste'],
        ['iluminat', 'Iluminat public defect', 'Faulty street lighting'],
        ['spatiu_verde', 'Spațiu verde, copaci, toaletare', 'Green space, trees, pruning'],
        ['auto_abandonat', 'Mașină abandonată', 'Abandoned car'],
        ['mobilier', 'Mobilier urban sau loc de joacă deteriorat', 'Damaged street furniture or playground'],
        ['animale', 'Câini fără stăpân', 'Stray dogs'],
        ['altele', 'Altă problemă', 'Another problem'],
      ]),
      // No hint of its own: the location question's (coordinates, the map where the page has one, or a description).
      ask('location', 'location', t('Unde este problema?', 'Where is the problem?')),
    ]),
    page('detalii', t('Detalii', 'Details'), [
      ask('description', 'textarea', t('Descrieți problema', 'Describe the problem'), { min: 10, max: 2000 }),
      ask('photos', 'file', t('Fotografii', 'Photos'), { required: false, maxFiles: 5 }),
      yesNo('danger', t('Problema pune în pericol imediat persoane sau bunuri?', 'Does the problem put people or property in immediate danger?'), {
        hint: t('Dacă este o urgență, sunați acum la 112.', 'If it is an emergency, call 112 now.'),
      }),
    ]),
    ...applicantPages('both'),
  ]),
  fee: { kind: 'none' },
  term: { days: 30, unit: 'calendar' },
  tacitApproval: false,
  departmentCode: 'RP',
  fileCode: 'I-3',
  keywords: ['sesizare', 'groapă', 'gunoi', 'iluminat', 'bec ars', 'stâlp', 'trotuar', 'copac', 'mașină abandonată', 'câini', 'salubritate', 'deșeuri'],
};

const publicInformation: ServiceDefinition = {
  code: 'INFO-544',
  category: 'registratura',
  name: t('Solicitare de informații de interes public', 'Request for public-interest information'),
  description: t(
    'Cereți informații despre activitatea primăriei: bugete, contracte, hotărâri, salarii, cheltuieli (Legea 544/2001). Răspunsul se dă în 10 zile, sau în 30 de zile dacă vi se comunică în primele 10 zile că informația este greu de găsit; refuzul se motivează în 5 zile. Răspunsul electronic este gratuit.',
    'Ask for information about the city hall’s work: budgets, contracts, decisions, salaries, spending (Legea 544/2001). The answer comes within 10 days, or within 30 days if you are told within the first 10 that the search is complex; a refusal, with reasons, comes within 5 days. An electronic answer is free.',
  ),
  applicants: 'both',
  caseKind: 'information',
  documents: [],
  form: form([
    page('informatii', withCounter(t('Informațiile cerute', 'The information you want'), t('Informațiile cerute', 'The information requested')), [
      ask('info_requested', 'textarea', t('Ce informații solicitați?', 'What information are you asking for?'), {
        min: 10,
        hint: t('Fiți cât mai precis: perioada, documentul, compartimentul.', 'Be as precise as you can: the period, the document, the department.'),
      }),
      choose('answer_format', 'radios', t('În ce formă doriți răspunsul?', 'In what form would you like the answer?'), [
        ['electronic', 'Electronic, prin e-mail și în cont (gratuit)', 'Electronically, by email and in my account (free)'],
        ['hartie', 'Copii pe hârtie, prin poștă (costul copierii este suportat de solicitant)', 'Paper copies by post (the requester pays the copying cost)'],
      ]),
      ask('answer_address', 'address', t('Adresa de corespondență', 'Postal address'), { showIf: when('answer_format', 'hartie') }),
    ]),
    ...applicantPages('both'),
  ]),
  fee: { kind: 'none' },
  term: { days: 10, unit: 'calendar' },
  tacitApproval: false,
  departmentCode: 'INFO',
  fileCode: 'I-4',
  keywords: ['informații publice', '544', 'interes public', 'transparență', 'acces la informații', 'buget', 'contracte', 'salarii'],
};

const audience: ServiceDefinition = {
  code: 'AUDIENTA',
  category: 'registratura',
  name: t('Înscriere la audiență la primar', 'Request a meeting (audience) with the mayor'),
  description: t(
    'Solicitați o audiență la primar, la viceprimar, la administratorul public sau la secretarul general. Veți primi data și ora audienței; dacă problema se poate rezolva fără audiență, primiți răspuns scris.',
    'Ask for a meeting with the mayor, the deputy mayor, the city manager or the general secretary. You will be given the date and time; if the issue can be settled without a meeting, you get a written answer.',
  ),
  applicants: 'person',
  caseKind: 'petition',
  documents: [],
  form: form([
    ...applicantPages('person'),
    page('audienta', t('Audiența', 'The meeting'), [
      choose('with_whom', 'radios', t('Cu cine doriți să vă întâlniți?', 'Who would you like to meet?'), [
        ['primar', 'Primarul', 'The mayor'],
        ['viceprimar', 'Viceprimarul', 'The deputy mayor'],
        ['administrator_public', 'Administratorul public', 'The city manager'],
        ['secretar_general', 'Secretarul general', 'The general secretary'],
      ]),
      choose('topic', 'select', t('Domeniul', 'Topic'), [
        ['urbanism', 'Urbanism și construcții', 'Planning and building'],
        ['taxe', 'Impozite și taxe locale', 'Local taxes'],
        ['social', 'Asistență socială', 'Social assistance'],
        ['locuinte', 'Locuințe sociale', 'Social housing'],
        ['salubritate', 'Curățenie, spații verzi, drumuri', 'Cleaning, green spaces, roads'],
        ['altele', 'Altele', 'Other'],
      ]),
      ask('subject', 'textarea', t('Despre ce doriți să discutați?', 'What would you like to discuss?'), { min: 10, max: 2000 }),
      yesNo('previous', t('Ați depus anterior o cerere sau o petiție pe această temă?', 'Have you already sent a request or petition on this?')),
      ask('previous_number', 'text', t('Numărul de înregistrare', 'Registration number'), { required: false, showIf: when('previous', 'da') }),
      choose(
        'preferred_days',
        'checkboxes',
        t('Ce zile vă convin?', 'Which days suit you?'),
        [
          ['luni', 'Luni', 'Monday'],
          ['marti', 'Marți', 'Tuesday'],
          ['miercuri', 'Miercuri', 'Wednesday'],
          ['joi', 'Joi', 'Thursday'],
          ['vineri', 'Vineri', 'Friday'],
        ],
        optional,
      ),
    ]),
  ]),
  fee: { kind: 'none' },
  term: { days: 30, unit: 'calendar' },
  tacitApproval: false,
  departmentCode: 'RP',
  fileCode: 'I-5',
  keywords: ['audiență', 'întâlnire cu primarul', 'programare la primar', 'viceprimar', 'primar'],
};

const archiveCopies: ServiceDefinition = {
  code: 'COPII-ARHIVA',
  category: 'registratura',
  name: t('Copii și extrase de pe documente din arhivă', 'Copies and extracts of archived documents'),
  description: t(
    'Eliberarea de copii, extrase sau certificate de pe documente păstrate în arhiva primăriei: autorizații de construire vechi, procese-verbale de recepție, dispoziții, hotărâri ale consiliului local, adeverințe de vechime pentru foști angajați (Legea arhivelor naționale nr. 16/1996). Taxa pe document este stabilită de consiliul local.',
    'Copies, extracts or certificates of documents kept in the city hall’s archive: old building permits, completion certificates, mayoral orders, council decisions, employment records of former staff (National Archives Law 16/1996). The fee per document is set by the local council.',
  ),
  applicants: 'both',
  caseKind: 'request',
  documents: [doc('interest_proof', t('Dovada interesului legitim, dacă documentele privesc alte persoane', 'Proof of legitimate interest, if the documents concern other people'), { optional: true })],
  form: form([
    ...applicantPages('both'),
    page('documente_cerute', withCounter(t('Documentele cerute', 'The documents you want'), t('Documentele cerute', 'The documents requested')), [
      choose('document_kind', 'select', t('Ce document căutați?', 'What document are you looking for?'), [
        ['autorizatie_construire', 'Autorizație de construire', 'Building permit'],
        ['proces_verbal_receptie', 'Proces-verbal de recepție', 'Completion (acceptance) certificate'],
        ['certificat_urbanism', 'Certificat de urbanism', 'Urban planning certificate'],
        ['dispozitie', 'Dispoziție a primarului', 'Mayoral order'],
        ['hcl', 'Hotărâre a consiliului local', 'Local council decision'],
        ['adeverinta_vechime', 'Adeverință de vechime (foști angajați)', 'Employment record (former staff)'],
        ['altul', 'Alt document', 'Another document'],
      ]),
      ask('document_details', 'textarea', t('Descrieți documentul', 'Describe the document'), {
        hint: t('Numărul, data, adresa imobilului, numele titularului — orice știți.', 'Number, date, property address, holder’s name — anything you know.'),
      }),
      ask('year', 'number', t('Anul aproximativ al emiterii', 'Approximate year of issue'), { required: false, min: 1900, max: 2100 }),
      ask('documents_count', 'number', t('Câte documente solicitați?', 'How many documents do you need?'), { min: 1, max: 50 }),
      yesNo('is_holder', t('Sunteți titularul documentelor sau moștenitorul acestuia?', 'Are you the holder of the documents, or the holder’s heir?')),
      ask('interest_reason', 'textarea', t('De ce aveți nevoie de documente?', 'Why do you need the documents?'), { showIf: when('is_holder', 'nu'), max: 1000 }),
      ask('interest_proof', 'file', t('Dovada interesului legitim', 'Proof of legitimate interest'), { required: false, maxFiles: 5, showIf: when('is_holder', 'nu') }),
    ]),
    declarationPage(),
  ]),
  fee: { kind: 'per_unit', amount: 1000, question: 'documents_count' },
  term: { days: 30, unit: 'calendar' },
  tacitApproval: false,
  departmentCode: 'ARH',
  fileCode: 'I-6',
  keywords: ['arhivă', 'copie', 'copie conformă', 'autorizație veche', 'proces-verbal de recepție', 'adeverință de vechime', 'act de proprietate'],
};

// ---------------------------------------------------------------------------------------------------------------
// Civil status and population records — Primăria Sectorului 5 (Direcția de Evidență a Persoanelor)

const birthTranscription: ServiceDefinition = {
  code: 'TRANSCRIERE-NASTERE',
  category: 'stare_civila',
  name: t('Transcrierea certificatului de naștere eliberat în străinătate', 'Transcription of a birth certificate issued abroad'),
  description: t(
    'Cetățenii români născuți în străinătate își transcriu certificatul de naștere străin în registrele de stare civilă române, la primăria de domiciliu, și primesc certificatul de naștere românesc, necesar pentru actul de identitate (Legea 119/1996). Serviciul este gratuit.',
    'Romanian citizens born abroad have their foreign birth certificate transcribed into the Romanian civil-status registers at the city hall of their home address, and receive a Romanian birth certificate, needed for an identity card (Legea 119/1996). The service is free.',
  ),
  applicants: 'person',
  caseKind: 'request',
  documents: [
    doc('foreign_certificate', t('Certificatul de naștere străin, cu apostilă sau supralegalizare', 'The foreign birth certificate, apostilled or legalised')),
    doc('translation', t('Traducerea legalizată în limba română a certificatului străin', 'Certified Romanian translation of the foreign certificate')),
    doc('parents_id', t('Actele de identitate ale părinților', 'The parents’ identity documents')),
    doc('parents_marriage', t('Certificatul de căsătorie al părinților, dacă este înregistrat în România', 'The parents’ marriage certificate, if registered in Romania'), {
      optional: true,
      fetchedFrom: CIVIL_STATUS,
    }),
    doc('mandate', t('Procura specială, dacă cererea este depusă de un împuternicit', 'Special power of attorney, if an authorised person applies'), { optional: true }),
  ],
  form: form([
    ...applicantPages('person'),
    page('titular', t('Persoana născută în străinătate', 'The person born abroad'), [
      choose('applicant_role', 'radios', t('Pentru cine depuneți cererea?', 'Who are you applying for?'), [
        ['titular', 'Pentru mine (sunt persoana născută în străinătate)', 'Myself (I was born abroad)'],
        ['parinte', 'Pentru copilul meu', 'My child'],
        ['imputernicit', 'Pentru altă persoană, cu procură specială', 'Someone else, with a special power of attorney'],
      ]),
      ask('mandate', 'file', t('Procura specială', 'Special power of attorney'), { showIf: when('applicant_role', 'imputernicit') }),
      ask('child_name', 'text', t('Numele și prenumele, ca în actul străin', 'Full name, as in the foreign certificate')),
      ask('birth_date', 'date', t('Data nașterii', 'Date of birth'), PAST),
      ask('birth_country', 'text', t('Țara nașterii', 'Country of birth')),
      ask('birth_city', 'text', t('Localitatea nașterii', 'Place of birth')),
      choose('sex', 'radios', t('Sexul', 'Sex'), [
        ['f', 'Feminin', 'Female'],
        ['m', 'Masculin', 'Male'],
      ]),
    ]),
    page('parinti', t('Părinții', 'The parents'), [
      group(
        'parents',
        t('Părinții, ca în actul străin', 'The parents, as in the foreign certificate'),
        [
          ask('parent_name', 'text', t('Numele și prenumele', 'Full name')),
          ask('parent_cnp', 'cnp', t('CNP, dacă are', 'Personal numeric code, if any'), { required: false }),
          ask('parent_citizenship', 'text', t('Cetățenia', 'Citizenship')),
        ],
        { min: 1, max: 2 },
      ),
      yesNo('parents_married', t('Părinții erau căsătoriți la data nașterii?', 'Were the parents married at the date of birth?')),
      choose(
        'parents_marriage_place',
        'radios',
        t('Unde este înregistrată căsătoria părinților?', 'Where is the parents’ marriage registered?'),
        [
          ['romania', 'În România', 'In Romania'],
          ['strainatate', 'În străinătate', 'Abroad'],
        ],
        { showIf: when('parents_married', 'da') },
      ),
    ]),
    page('acte', t('Documente', 'Documents'), [
      ask('foreign_certificate', 'file', t('Certificatul de naștere străin, cu apostilă', 'The foreign birth certificate, apostilled'), { maxFiles: 4 }),
      ask('translation', 'file', t('Traducerea legalizată', 'Certified translation'), { maxFiles: 4 }),
      ask('parents_id', 'file', t('Actele de identitate ale părinților', 'The parents’ identity documents'), { maxFiles: 4 }),
    ]),
    declarationPage(),
  ]),
  fee: { kind: 'none' },
  term: { days: 30, unit: 'calendar' },
  tacitApproval: false,
  departmentCode: 'SC',
  fileCode: 'II-1',
  keywords: ['transcriere', 'născut în străinătate', 'certificat de naștere străin', 'apostilă', 'copil născut în străinătate', 'diaspora', 'naștere'],
};

const marriage: ServiceDefinition = {
  code: 'CASATORIE',
  category: 'stare_civila',
  name: t('Declarație de căsătorie și programarea ceremoniei', 'Marriage declaration and ceremony booking'),
  description: t(
    'Depuneți declarația de căsătorie și alegeți data ceremoniei. Declarația se afișează în ziua depunerii; căsătoria se încheie după 10 zile, termen în care se socotesc atât ziua depunerii, cât și ziua căsătoriei (Codul civil art. 283). Pentru motive temeinice, primarul poate aproba încheierea căsătoriei înainte de termen. Viitorii soți confirmă declarația personal, la oficiul de stare civilă, cu actele în original.',
    'File the marriage declaration and choose the ceremony date. The declaration is posted the day it is filed; the marriage takes place after 10 days, counting both the filing day and the wedding day (Civil Code art. 283). For good reasons, the mayor may approve an earlier date. Both partners confirm the declaration in person at the civil-status office, with the original documents.',
  ),
  applicants: 'person',
  caseKind: 'request',
  documents: [
    doc('ids', t('Actele de identitate ale viitorilor soți', 'The partners’ identity documents')),
    doc('birth_certificates', t('Certificatele de naștere ale viitorilor soți', 'The partners’ birth certificates'), { inOriginal: true }),
    doc('medical_certificates', t('Certificatele medicale prenupțiale (valabile 14 zile de la emitere)', 'Premarital medical certificates (valid 14 days from issue)')),
    doc('previous_marriage_end', t('Dovada desfacerii căsătoriei anterioare (hotărâre de divorț, certificat de deces), dacă este cazul', 'Proof that an earlier marriage ended (divorce decision, death certificate), if any'), {
      optional: true,
    }),
    doc('shortening_proof', t('Documente care justifică reducerea termenului, dacă o cereți', 'Documents justifying an earlier date, if you ask for one'), { optional: true }),
  ],
  form: form([
    page('soti', t('Viitorii soți', 'The partners'), [
      group(
        'spouses',
        t('Viitorii soți', 'The partners'),
        [
          ask('spouse_name', 'text', t('Numele și prenumele', 'Full name')),
          ask('spouse_cnp', 'cnp', t('CNP', 'Personal numeric code (CNP)'), {
            required: false,
            hint: t('Cetățenii străini fără CNP lasă gol.', 'Foreign citizens without a CNP leave this empty.'),
          }),
          ask('spouse_birth_date', 'date', t('Data nașterii', 'Date of birth'), PAST),
          ask('spouse_citizenship', 'text', t('Cetățenia', 'Citizenship')),
          choose('spouse_status', 'select', t('Starea civilă actuală', 'Current marital status'), [
            ['necasatorit', 'Necăsătorit(ă)', 'Never married'],
            ['divortat', 'Divorțat(ă)', 'Divorced'],
            ['vaduv', 'Văduv(ă)', 'Widowed'],
          ]),
          ask('spouse_name_after', 'text', t('Numele de familie după căsătorie', 'Surname after the marriage')),
        ],
        { min: 2, max: 2 },
      ),
      yesNo('previously_married', t('Unul dintre viitorii soți a mai fost căsătorit?', 'Has either partner been married before?')),
      ask('previous_marriage_end', 'file', t('Dovada desfacerii căsătoriei anterioare', 'Proof that the earlier marriage ended'), {
        maxFiles: 4,
        showIf: when('previously_married', 'da'),
      }),
    ]),
    page('domiciliu', t('Domiciliul', 'Home address'), [
      yesNo('resident_s5', t('Cel puțin unul dintre viitorii soți are domiciliul sau reședința în Sectorul 5?', 'Does at least one partner live (home or residence address) in Sector 5?')),
      ask('non_resident_reason', 'textarea', t('De ce doriți să vă căsătoriți în Sectorul 5?', 'Why would you like to marry in Sector 5?'), {
        hint: t('Fără domiciliu sau reședință în sector, este necesară aprobarea primarului.', 'Without a home or residence in the sector, the mayor’s approval is needed.'),
        max: 1000,
        showIf: when('resident_s5', 'nu'),
      }),
    ]),
    page('ceremonie', t('Ceremonia', 'The ceremony'), [
      choose('ceremony_place', 'radios', t('Unde și când doriți ceremonia?', 'Where and when would you like the ceremony?'), [
        ['oficiu_lucru', 'La sediul oficiului de stare civilă, într-o zi lucrătoare', 'At the civil-status office, on a working day'],
        ['oficiu_weekend', 'La sediul oficiului de stare civilă, sâmbătă sau duminică', 'At the civil-status office, on Saturday or Sunday'],
        ['exterior', 'În afara sediului, într-o locație aleasă de viitorii soți', 'Outside the office, at a venue the couple choose'],
      ]),
      ask('venue_address', 'address', t('Adresa locației', 'Venue address'), { showIf: when('ceremony_place', 'exterior') }),
      ask('ceremony_date', 'date', t('Data dorită pentru ceremonie', 'Preferred date of the ceremony'), {
        // Codul civil art. 283: the wedding takes place after a term of 10 days that includes both the day the
        // declaration is filed (and posted) and the wedding day — unlike art. 2553, which leaves both ends out. So
        // the filing day is day 1 and the wedding day day 10: filed on 22.11, the earliest wedding is 01.12, i.e.
        // 9 days after filing. (The mayor may shorten the term for good reasons; the office then sets the date.)
        notBefore: { daysFromFiling: 9 },
        hint: t(
          'Cel mai devreme în a 10-a zi de la depunerea declarației, socotind și ziua depunerii, și ziua căsătoriei.',
          'At the earliest on the 10th day from filing, counting both the filing day and the wedding day.',
        ),
      }),
      choose('ceremony_time', 'select', t('Ora dorită', 'Preferred time'), [
        ['10-00', '10:00', '10:00'],
        ['11-00', '11:00', '11:00'],
        ['12-00', '12:00', '12:00'],
        ['13-00', '13:00', '13:00'],
        ['14-00', '14:00', '14:00'],
        ['15-00', '15:00', '15:00'],
      ]),
      yesNo('shorten_term', t('Solicitați încheierea căsătoriei înainte de împlinirea celor 10 zile?', 'Are you asking to marry before the 10 days have passed?')),
      // Only for a shorter term: the ceremony date above keeps the 10 days, in case the mayor does not approve.
      ask('shortened_date', 'date', t('Data dorită, dacă primarul aprobă reducerea termenului', 'Preferred date if the mayor approves a shorter term'), {
        ...NOT_PAST,
        showIf: when('shorten_term', 'da'),
      }),
      ask('shorten_reason', 'textarea', t('Motivul', 'Reason'), { max: 1000, showIf: when('shorten_term', 'da') }),
      ask('shortening_proof', 'file', t('Documente care justifică cererea', 'Supporting documents'), { required: false, maxFiles: 5, showIf: when('shorten_term', 'da') }),
    ]),
    page('martori', t('Martorii', 'Witnesses'), [
      group(
        'witnesses',
        t('Martorii la căsătorie', 'Marriage witnesses'),
        [ask('witness_name', 'text', t('Numele și prenumele', 'Full name')), ask('witness_cnp', 'cnp', t('CNP', 'Personal numeric code (CNP)'), { required: false })],
        { min: 2, max: 4, hint: t('Cel puțin doi martori majori, cu acte de identitate valabile.', 'At least two adult witnesses with valid identity documents.') },
      ),
    ]),
    page('acte', t('Documente', 'Documents'), [
      ask('ids', 'file', t('Actele de identitate ale viitorilor soți', 'The partners’ identity documents'), { maxFiles: 4 }),
      ask('medical_certificates', 'file', t('Certificatele medicale prenupțiale', 'Premarital medical certificates'), { maxFiles: 4 }),
    ]),
    contactPage(),
    page('declaratie', t('Declarație', 'Declaration'), [
      ask(
        'no_impediment',
        'declaration',
        t(
          'Declarăm pe propria răspundere că nu există niciun impediment legal la căsătorie și că ne-am comunicat reciproc starea sănătății.',
          'We declare on our own responsibility that there is no legal impediment to the marriage and that we have told each other about our health.',
        ),
      ),
    ]),
  ]),
  // Illustrative amounts: a ceremony outside working days or outside the office carries a fee set by the council.
  fee: { kind: 'by_option', question: 'ceremony_place', amounts: { oficiu_lucru: 0, oficiu_weekend: 20000, exterior: 100000 } },
  // Codul civil art. 283: the wedding no earlier than 10 days after the declaration, both days counted.
  term: { days: 10, unit: 'calendar' },
  tacitApproval: false,
  departmentCode: 'SC',
  fileCode: 'II-2',
  keywords: ['căsătorie', 'cununie civilă', 'nuntă', 'programare cununie', 'oficiere căsătorie', 'stare civilă', 'ne căsătorim'],
};

const deathRegistration: ServiceDefinition = {
  code: 'DECES',
  category: 'stare_civila',
  name: t('Înregistrarea decesului', 'Registering a death'),
  description: t(
    'Decesul se declară în 3 zile de la data încetării din viață (Legea 119/1996), de un membru al familiei sau de altă persoană care a luat cunoștință de deces. Trimiteți datele online; certificatul de deces și adeverința de înhumare sau incinerare se ridică de la oficiul de stare civilă, unde se predă originalul certificatului medical constatator.',
    'A death must be declared within 3 days (Legea 119/1996), by a family member or another person who knows of it. Send the details online; the death certificate and the burial or cremation permit are collected at the civil-status office, where the original medical certificate of death is handed in.',
  ),
  applicants: 'person',
  caseKind: 'request',
  documents: [
    doc('medical_certificate', t('Certificatul medical constatator al decesului', 'Medical certificate of death')),
    doc('deceased_id', t('Actul de identitate al persoanei decedate', 'The deceased’s identity document')),
    doc('deceased_certificates', t('Certificatele de naștere și, după caz, de căsătorie ale persoanei decedate', 'The deceased’s birth certificate and, if married, marriage certificate')),
    doc('military_book', t('Livretul militar, dacă persoana decedată avea', 'Military record book, if the deceased had one'), { optional: true }),
    idCardDoc,
  ],
  form: form([
    page('decedat', t('Persoana decedată', 'The deceased'), [
      ask('deceased_name', 'text', t('Numele și prenumele', 'Full name')),
      ask('deceased_cnp', 'cnp', t('CNP', 'Personal numeric code (CNP)')),
      ask('death_date', 'date', t('Data decesului', 'Date of death'), PAST),
      choose('death_place', 'radios', t('Unde a avut loc decesul?', 'Where did the death occur?'), [
        ['spital', 'În spital', 'In hospital'],
        ['domiciliu', 'La domiciliu', 'At home'],
        ['alt_loc', 'În alt loc', 'Elsewhere'],
      ]),
      ask('death_place_details', 'text', t('Numele spitalului sau adresa', 'Hospital name or address')),
      choose('deceased_marital', 'radios', t('Starea civilă a persoanei decedate', 'Marital status of the deceased'), [
        ['casatorit', 'Căsătorit(ă)', 'Married'],
        ['necasatorit', 'Necăsătorit(ă)', 'Never married'],
        ['divortat', 'Divorțat(ă)', 'Divorced'],
        ['vaduv', 'Văduv(ă)', 'Widowed'],
      ]),
      ask('spouse_name', 'text', t('Numele soțului sau soției', 'Name of the surviving spouse'), { showIf: when('deceased_marital', 'casatorit') }),
    ]),
    page('declarant', t('Declarantul', 'The person declaring'), [
      choose('declarant_relation', 'select', t('Ce legătură aveți cu persoana decedată?', 'How are you related to the deceased?'), [
        ['sot', 'Soț sau soție', 'Spouse'],
        ['copil', 'Copil', 'Child'],
        ['parinte', 'Părinte', 'Parent'],
        ['ruda', 'Altă rudă', 'Other relative'],
        ['alta', 'Altă persoană care a luat cunoștință de deces', 'Another person who knows of the death'],
      ]),
    ]),
    ...applicantPages('person'),
    page('acte', t('Documente și înhumare', 'Documents and burial'), [
      ask('medical_certificate', 'file', t('Certificatul medical constatator al decesului', 'Medical certificate of death'), { maxFiles: 2 }),
      ask('deceased_documents', 'file', t('Actul de identitate și certificatele persoanei decedate', 'The deceased’s identity document and certificates'), { maxFiles: 6 }),
      choose('burial_type', 'radios', t('Ce adeverință vă trebuie?', 'Which permit do you need?'), [
        ['inhumare', 'Adeverință de înhumare', 'Burial permit'],
        ['incinerare', 'Adeverință de incinerare', 'Cremation permit'],
      ]),
    ]),
    declarationPage(),
  ]),
  fee: { kind: 'none' },
  term: { days: 1, unit: 'working' },
  tacitApproval: false,
  departmentCode: 'SC',
  fileCode: 'II-3',
  keywords: ['deces', 'certificat de deces', 'înmormântare', 'înhumare', 'incinerare', 'decedat', 'a murit'],
};

const certificateCopy: ServiceDefinition = {
  code: 'DUPLICAT-CERTIFICAT',
  category: 'stare_civila',
  name: t('Eliberarea unui nou certificat de stare civilă (duplicat)', 'Replacement civil-status certificate (birth, marriage, death)'),
  description: t(
    'Dacă certificatul de naștere, de căsătorie sau de deces a fost pierdut, furat sau deteriorat, ori datele din act s-au schimbat, cereți un certificat nou. Îl eliberează primăria care deține actul; dacă actul a fost întocmit în altă localitate, cererea se transmite acolo. Serviciul este gratuit.',
    'If a birth, marriage or death certificate was lost, stolen or damaged, or the record has changed, ask for a new certificate. It is issued by the city hall holding the record; if the record was made elsewhere, the request is forwarded there. The service is free.',
  ),
  applicants: 'person',
  caseKind: 'request',
  documents: [idCardDoc, doc('mandate', t('Procura specială, dacă cererea este depusă de un împuternicit', 'Special power of attorney, if an authorised person applies'), { optional: true })],
  form: form([
    ...applicantPages('person'),
    page('certificat', t('Certificatul', 'The certificate'), [
      choose('certificate_type', 'radios', t('Ce certificat solicitați?', 'Which certificate do you need?'), [
        ['nastere', 'Certificat de naștere', 'Birth certificate'],
        ['casatorie', 'Certificat de căsătorie', 'Marriage certificate'],
        ['deces', 'Certificat de deces', 'Death certificate'],
      ]),
      choose('reason', 'select', t('De ce aveți nevoie de un certificat nou?', 'Why do you need a new certificate?'), [
        ['pierdut', 'L-am pierdut', 'It was lost'],
        ['furat', 'Mi-a fost furat', 'It was stolen'],
        ['deteriorat', 'Este deteriorat', 'It is damaged'],
        ['date_modificate', 'Datele din act s-au modificat (rectificare, mențiune)', 'The record was changed (correction, annotation)'],
      ]),
      choose('registered_where', 'radios', t('Unde a fost înregistrat actul?', 'Where was the record made?'), [
        ['sector5', 'La Primăria Sectorului 5', 'At Sector 5 City Hall'],
        ['alta', 'În altă localitate din România', 'Elsewhere in Romania'],
      ]),
      ask('other_place', 'text', t('Localitatea și județul', 'Town and county'), { showIf: when('registered_where', 'alta') }),
      ask('record_year', 'number', t('Anul înregistrării, dacă îl știți', 'Year of registration, if you know it'), { required: false, min: 1900, max: 2100 }),
    ]),
    page('titular', t('Titularul actului', 'Whose certificate'), [
      choose('applicant_relation', 'radios', t('Pentru cine cereți certificatul?', 'Whose certificate is it?'), [
        ['titular', 'Pentru mine', 'Mine'],
        ['parinte', 'Pentru copilul meu minor', 'My minor child’s'],
        ['ruda', 'Pentru o rudă decedată (certificat de deces)', 'A deceased relative’s (death certificate)'],
        ['imputernicit', 'Pentru altă persoană, cu procură specială', 'Someone else’s, with a special power of attorney'],
      ]),
      ask('holder_name', 'text', t('Numele și prenumele titularului', 'Holder’s full name'), { showIf: whenIn('applicant_relation', ['parinte', 'ruda', 'imputernicit']) }),
      ask('holder_cnp', 'cnp', t('CNP-ul titularului', 'Holder’s personal numeric code'), { required: false, showIf: whenIn('applicant_relation', ['parinte', 'ruda', 'imputernicit']) }),
      ask('mandate', 'file', t('Procura specială', 'Special power of attorney'), { showIf: when('applicant_relation', 'imputernicit') }),
    ]),
    declarationPage(),
  ]),
  fee: { kind: 'none' },
  term: { days: 30, unit: 'calendar' },
  tacitApproval: false,
  // The duplicate is a civil status record of the person: only to someone who proved who they are.
  verifiedIdentity: true,
  departmentCode: 'SC',
  fileCode: 'II-4',
  keywords: ['duplicat', 'certificat pierdut', 'certificat de naștere', 'certificat de căsătorie', 'certificat de deces', 'am pierdut certificatul'],
};

const idCardBooking: ServiceDefinition = {
  code: 'PROGRAMARE-CI',
  category: 'evidenta_persoanelor',
  name: t('Programare pentru carte de identitate', 'Appointment for an identity card'),
  description: t(
    'Programați-vă la ghișeul Serviciului de Evidență a Persoanelor Sector 5. Aici faceți doar programarea: cererea și actele se depun personal, la data aleasă, iar cartea de identitate se emite prin sistemul Ministerului Afacerilor Interne. Taxa se plătește conform regulilor ministerului.',
    'Book a slot at the Sector 5 Population Records counter. This is only the booking: you apply in person, on the chosen day, with your documents, and the card is issued through the Ministry of Internal Affairs’ system. The fee is paid under the ministry’s rules.',
  ),
  applicants: 'person',
  caseKind: 'request',
  documents: [
    doc('birth_certificate', t('Certificatul de naștere', 'Birth certificate'), { inOriginal: true }),
    doc('old_id', t('Actul de identitate vechi, dacă îl aveți', 'Your old identity card, if you have it'), { optional: true }),
    doc('address_proof', t('Documentul care dovedește adresa de domiciliu (act de proprietate, contract de închiriere)', 'Proof of home address (title deed, tenancy agreement)')),
  ],
  form: form([
    page('motiv', t('Motivul', 'Reason'), [
      choose('reason', 'select', t('De ce aveți nevoie de o carte de identitate?', 'Why do you need an identity card?'), [
        ['expirare', 'Actul actual expiră sau a expirat', 'My card is expiring or has expired'],
        ['prima_ci', 'Prima carte de identitate (la 14 ani)', 'First identity card (at 14)'],
        ['pierdere', 'Actul a fost pierdut, furat sau distrus', 'My card was lost, stolen or destroyed'],
        ['schimbare_domiciliu', 'Mi-am schimbat domiciliul', 'I changed my home address'],
        ['schimbare_nume', 'Mi-am schimbat numele', 'I changed my name'],
        ['deteriorare', 'Actul este deteriorat', 'My card is damaged'],
      ]),
      choose('for_whom', 'radios', t('Pentru cine este programarea?', 'Who is the appointment for?'), [
        ['eu', 'Pentru mine', 'Me'],
        ['copil', 'Pentru copilul meu (14–18 ani)', 'My child (14 to 18)'],
      ]),
      ask('minor_name', 'text', t('Numele și prenumele copilului', 'Child’s full name'), { showIf: when('for_whom', 'copil') }),
      ask('minor_cnp', 'cnp', t('CNP-ul copilului', 'Child’s personal numeric code'), { showIf: when('for_whom', 'copil') }),
      choose('card_type', 'radios', t('Ce tip de carte de identitate doriți?', 'Which type of identity card would you like?'), [
        ['cei', 'Carte electronică de identitate', 'Electronic identity card'],
        ['cis', 'Carte de identitate simplă', 'Basic identity card'],
      ]),
    ]),
    page('programare', t('Data programării', 'Appointment date'), [
      ask('preferred_date', 'date', t('Data dorită', 'Preferred date'), NOT_PAST),
      choose('time_slot', 'radios', t('Intervalul dorit', 'Preferred time'), [
        ['dimineata', '08:30–12:00', '08:30–12:00'],
        ['pranz', '12:00–14:00', '12:00–14:00'],
        ['dupa_amiaza', '14:00–18:30 (doar marțea și joia)', '14:00–18:30 (Tuesdays and Thursdays only)'],
      ]),
    ]),
    ...applicantPages('person'),
  ]),
  fee: { kind: 'none' },
  // A booking: confirmed on the next working day, no decision is taken here.
  term: { days: 0, unit: 'working' },
  tacitApproval: false,
  departmentCode: 'EP',
  fileCode: 'II-5',
  keywords: ['buletin', 'carte de identitate', 'CI', 'programare buletin', 'act de identitate', 'evidența persoanelor', 'CEI', 'buletin expirat'],
};

// ---------------------------------------------------------------------------------------------------------------
// Local taxes — DGITL Sector 5

const buildingDeclaration: ServiceDefinition = {
  code: 'DECL-CLADIRE-PF',
  category: 'taxe',
  name: t('Declarație fiscală pentru clădiri — persoane fizice', 'Building tax return — individuals'),
  description: t(
    'Declarați o locuință sau altă clădire din Sectorul 5 pe care ați dobândit-o, construit-o, extins-o sau demolat-o, în 30 de zile de la dobândire sau de la modificare (Codul fiscal art. 461). Pe baza declarației se emite decizia de impunere. Extrasul de carte funciară și autorizația de construire le obținem noi.',
    'Declare a home or other building in Sector 5 that you acquired, built, extended or demolished, within 30 days of the change (Fiscal Code art. 461). A tax assessment is issued from it. We obtain the land register extract and the building permit ourselves.',
  ),
  applicants: 'person',
  caseKind: 'request',
  documents: [
    doc('property_deed', t('Actul de proprietate (contract de vânzare-cumpărare, certificat de moștenitor, contract de donație)', 'Title deed (sale contract, certificate of inheritance, deed of gift)'), {
      optional: true,
    }),
    doc('reception_report', t('Procesul-verbal de recepție, pentru clădirile construite sau modificate', 'Completion certificate, for new or altered buildings'), { optional: true }),
    landRegistryDoc,
    doc('building_permit', t('Autorizația de construire, pentru clădirile construite sau modificate', 'Building permit, for new or altered buildings'), { optional: true, fetchedFrom: SECTOR5 }),
  ],
  form: form([
    ...applicantPages('person'),
    page('imobil', t('Clădirea', 'The building'), [
      ask('building_address', 'address', t('Adresa clădirii', 'Building address')),
      choose('declaration_reason', 'radios', t('Ce declarați?', 'What are you declaring?'), [
        ['dobandire', 'Am dobândit clădirea (cumpărare, moștenire, donație, schimb)', 'I acquired the building (purchase, inheritance, gift, exchange)'],
        ['construire', 'Am construit o clădire nouă', 'I built a new building'],
        ['modificare', 'Am modificat clădirea (extindere, supraetajare, demolare parțială)', 'I altered the building (extension, extra storey, partial demolition)'],
        ['demolare', 'Clădirea a fost demolată', 'The building was demolished'],
      ]),
      choose(
        'acquisition_mode',
        'select',
        t('Cum ați dobândit clădirea?', 'How did you acquire it?'),
        [
          ['cumparare', 'Cumpărare', 'Purchase'],
          ['mostenire', 'Moștenire', 'Inheritance'],
          ['donatie', 'Donație', 'Gift'],
          ['schimb', 'Schimb', 'Exchange'],
          ['hotarare', 'Hotărâre judecătorească', 'Court decision'],
        ],
        { showIf: when('declaration_reason', 'dobandire') },
      ),
      ask('event_date', 'date', t('Data dobândirii sau a modificării', 'Date of acquisition or change'), {
        ...PAST,
        hint: t('Data din actul de proprietate sau din procesul-verbal de recepție', 'The date on the deed or the completion certificate'),
      }),
    ]),
    page(
      'cladire',
      t('Date despre clădire', 'About the building'),
      [
        choose('building_use', 'radios', t('Cum este folosită clădirea?', 'How is the building used?'), [
          ['rezidentiala', 'Locuință (rezidențială)', 'As a home (residential)'],
          ['nerezidentiala', 'Altă destinație (nerezidențială)', 'Other use (non-residential)'],
          ['mixta', 'Mixtă (locuință și activitate economică)', 'Mixed (home and business)'],
        ]),
        ask('built_area', 'number', t('Suprafața construită desfășurată (m²)', 'Gross floor area (m²)'), { min: 1, max: 100000 }),
        ask('build_year', 'number', t('Anul construirii', 'Year built'), { min: 1800, max: 2100 }),
        choose('structure', 'radios', t('Din ce este construită?', 'What is it built of?'), [
          ['a_beton', 'Cadre din beton armat sau pereți din cărămidă arsă', 'Reinforced-concrete frame or fired-brick walls'],
          ['b_lemn', 'Pereți din lemn, piatră naturală, cărămidă nearsă sau alte materiale netratate', 'Walls of timber, natural stone, unfired brick or other untreated materials'],
        ]),
        choose(
          'utilities',
          'checkboxes',
          t('Ce instalații are clădirea?', 'Which utilities does the building have?'),
          [
            ['apa', 'Apă', 'Water'],
            ['canalizare', 'Canalizare', 'Sewerage'],
            ['electricitate', 'Electricitate', 'Electricity'],
            ['incalzire', 'Încălzire (alta decât cea cu sobe)', 'Heating (other than stoves)'],
          ],
          { required: false, hint: t('Instalațiile influențează impozitul (Codul fiscal art. 457).', 'Utilities affect the tax (Fiscal Code art. 457).') },
        ),
        ask('nonresidential_value', 'number', t('Valoarea clădirii (lei)', 'Value of the building (lei)'), {
          required: false,
          min: 0,
          hint: t('Din raportul de evaluare, contractul de construire sau actul de dobândire din ultimii 5 ani', 'From a valuation report, building contract or deed of the last 5 years'),
          showIf: whenIn('building_use', ['nerezidentiala', 'mixta']),
        }),
      ],
      whenIn('declaration_reason', ['dobandire', 'construire', 'modificare']),
    ),
    page('coproprietari', t('Coproprietari', 'Co-owners'), coOwnersItems(t('Dețineți clădirea în coproprietate cu alte persoane?', 'Do you own the building jointly with others?'))),
    page('acte', t('Documente', 'Documents'), [
      ask('property_deed', 'file', t('Actul de proprietate', 'Title deed'), { maxFiles: 5, showIf: when('declaration_reason', 'dobandire') }),
      ask('reception_report', 'file', t('Procesul-verbal de recepție', 'Completion certificate'), { maxFiles: 3, showIf: whenIn('declaration_reason', ['construire', 'modificare']) }),
    ]),
    declarationPage(),
  ]),
  fee: { kind: 'none' },
  // Codul de procedură fiscală art. 77: requests are settled within 45 days.
  term: { days: 45, unit: 'calendar' },
  tacitApproval: false,
  departmentCode: 'IMP-PF',
  fileCode: 'I-1',
  keywords: ['impozit casă', 'impozit apartament', 'impozit pe clădiri', 'declarație clădire', 'act de proprietate', 'am cumpărat apartament', 'decizie de impunere', 'locuință'],
};

const landDeclaration: ServiceDefinition = {
  code: 'DECL-TEREN-PF',
  category: 'taxe',
  name: t('Declarație fiscală pentru teren — persoane fizice', 'Land tax return — individuals'),
  description: t(
    'Declarați terenul dobândit în Sectorul 5 sau schimbarea suprafeței ori a categoriei de folosință, în 30 de zile de la modificare (Codul fiscal art. 466). Extrasul de carte funciară îl obținem noi de la ANCPI.',
    'Declare land you acquired in Sector 5, or a change in its area or use, within 30 days (Fiscal Code art. 466). We obtain the land register extract from ANCPI ourselves.',
  ),
  applicants: 'person',
  caseKind: 'request',
  documents: [
    doc('property_deed', t('Actul de proprietate (contract, certificat de moștenitor, titlu de proprietate)', 'Title deed (contract, certificate of inheritance, title of ownership)')),
    landRegistryDoc,
  ],
  form: form([
    ...applicantPages('person'),
    page('teren', t('Terenul', 'The land'), [
      ask('land_address', 'address', t('Adresa terenului', 'Address of the land')),
      ask('cadastral_number', 'text', t('Numărul cadastral sau de carte funciară', 'Cadastral or land register number'), { required: false }),
      choose('declaration_reason', 'radios', t('Ce declarați?', 'What are you declaring?'), [
        ['dobandire', 'Am dobândit terenul', 'I acquired the land'],
        ['suprafata', 'S-a modificat suprafața (dezmembrare, alipire, măsurători)', 'Its area changed (division, merger, new survey)'],
        ['categorie', 'S-a schimbat categoria de folosință', 'Its use category changed'],
      ]),
      choose(
        'acquisition_mode',
        'select',
        t('Cum ați dobândit terenul?', 'How did you acquire it?'),
        [
          ['cumparare', 'Cumpărare', 'Purchase'],
          ['mostenire', 'Moștenire', 'Inheritance'],
          ['donatie', 'Donație', 'Gift'],
          ['retrocedare', 'Retrocedare (titlu de proprietate)', 'Restitution (title of ownership)'],
          ['hotarare', 'Hotărâre judecătorească', 'Court decision'],
        ],
        { showIf: when('declaration_reason', 'dobandire') },
      ),
      ask('event_date', 'date', t('Data dobândirii sau a modificării', 'Date of acquisition or change'), PAST),
      ask('land_area', 'number', t('Suprafața terenului (m²)', 'Land area (m²)'), { min: 1, max: 10000000 }),
      choose('land_use', 'select', t('Categoria de folosință', 'Use category'), [
        ['curti_constructii', 'Curți-construcții', 'Building plot and yard'],
        ['arabil', 'Arabil', 'Arable'],
        ['pasune', 'Pășune', 'Pasture'],
        ['faneata', 'Fâneață', 'Hayfield'],
        ['vie', 'Vie', 'Vineyard'],
        ['livada', 'Livadă', 'Orchard'],
        ['padure', 'Pădure', 'Forest'],
        ['neproductiv', 'Neproductiv', 'Unproductive'],
      ]),
      yesNo('has_buildings', t('Pe teren există clădiri?', 'Are there buildings on the land?'), {
        hint: t('Clădirile se declară separat, cu declarația pentru clădiri.', 'Buildings are declared separately, with the building tax return.'),
      }),
    ]),
    page('coproprietari', t('Coproprietari', 'Co-owners'), coOwnersItems(t('Dețineți terenul în coproprietate cu alte persoane?', 'Do you own the land jointly with others?'))),
    page('acte', t('Documente', 'Documents'), [ask('property_deed', 'file', t('Actul de proprietate', 'Title deed'), { maxFiles: 5 })]),
    declarationPage(),
  ]),
  fee: { kind: 'none' },
  term: { days: 45, unit: 'calendar' },
  tacitApproval: false,
  departmentCode: 'IMP-PF',
  fileCode: 'I-2',
  keywords: ['impozit teren', 'declarație teren', 'teren', 'act de proprietate', 'număr cadastral', 'carte funciară'],
};

const vehicleDeclaration: ServiceDefinition = {
  code: 'DECL-AUTO',
  category: 'taxe',
  name: t('Declararea unui mijloc de transport (pentru înmatriculare)', 'Declaring a vehicle for tax (before registration)'),
  description: t(
    'Declarați autoturismul, motocicleta sau alt mijloc de transport dobândit, în 30 de zile de la dobândire (Codul fiscal art. 471). Primiți dovada înregistrării fiscale a vehiculului, necesară la înmatriculare.',
    'Declare a car, motorcycle or other vehicle you acquired, within 30 days (Fiscal Code art. 471). You receive the proof of tax registration needed to register the vehicle.',
  ),
  applicants: 'both',
  caseKind: 'request',
  documents: [
    doc('acquisition_document', t('Contractul de vânzare-cumpărare, factura sau alt act de dobândire', 'Sale contract, invoice or other proof of acquisition')),
    doc('vehicle_id_card', t('Cartea de identitate a vehiculului (CIV)', 'Vehicle identity card (CIV)')),
    doc('import_documents', t('Pentru vehiculele aduse din alt stat: documentele de proveniență, traduse', 'For vehicles brought from abroad: the origin documents, translated'), { optional: true }),
    doc('leasing_contract', t('Contractul de leasing, dacă este cazul', 'Leasing contract, if any'), { optional: true }),
  ],
  form: form([
    ...applicantPages('both'),
    page('vehicul', t('Vehiculul', 'The vehicle'), [
      choose('vehicle_type', 'select', t('Tipul vehiculului', 'Vehicle type'), [
        ['autoturism', 'Autoturism', 'Car'],
        ['motocicleta', 'Motocicletă, scuter sau moped', 'Motorcycle, scooter or moped'],
        ['autoutilitara', 'Autovehicul de transport marfă', 'Goods vehicle'],
        ['autobuz', 'Autobuz sau microbuz', 'Bus or minibus'],
        ['remorca', 'Remorcă, semiremorcă sau rulotă', 'Trailer, semi-trailer or caravan'],
        ['ambarcatiune', 'Ambarcațiune', 'Boat'],
      ]),
      ask('make_model', 'text', t('Marca și modelul', 'Make and model')),
      ask('vin', 'text', t('Seria de șasiu (VIN)', 'Vehicle identification number (VIN)'), { min: 17, max: 17 }),
      choose('propulsion', 'radios', t('Tipul de motorizare', 'Power source'), [
        ['termic', 'Benzină, motorină sau GPL', 'Petrol, diesel or LPG'],
        ['hibrid', 'Hibrid', 'Hybrid'],
        ['electric', 'Electric', 'Electric'],
        ['fara', 'Fără motor (remorcă)', 'No engine (trailer)'],
      ]),
      ask('engine_cc', 'number', t('Capacitatea cilindrică (cm³)', 'Engine capacity (cc)'), { min: 1, max: 30000, showIf: whenIn('propulsion', ['termic', 'hibrid']) }),
      ask('max_mass', 'number', t('Masa totală maximă autorizată (kg)', 'Maximum authorised mass (kg)'), { min: 1, max: 100000, showIf: whenIn('vehicle_type', ['autoutilitara', 'remorca']) }),
    ]),
    page('dobandire', t('Dobândirea', 'Acquisition'), [
      ask('acquisition_date', 'date', t('Data dobândirii', 'Date of acquisition'), PAST),
      choose('acquired_from', 'radios', t('De la cine ați cumpărat vehiculul?', 'Who did you buy it from?'), [
        ['romania_pf', 'De la o persoană din România', 'From an individual in Romania'],
        ['romania_firma', 'De la o firmă sau un dealer din România', 'From a company or dealer in Romania'],
        ['import', 'Din alt stat', 'From another country'],
      ]),
      yesNo('leasing', t('Vehiculul este în leasing?', 'Is the vehicle leased?')),
      ask('lessor_cui', 'cui', t('CUI-ul societății de leasing', 'Leasing company’s CUI'), { showIf: when('leasing', 'da') }),
    ]),
    page('acte', t('Documente', 'Documents'), [
      ask('acquisition_document', 'file', t('Actul de dobândire', 'Proof of acquisition'), { maxFiles: 5 }),
      ask('vehicle_id_card', 'file', t('Cartea de identitate a vehiculului', 'Vehicle identity card'), { maxFiles: 4 }),
      ask('import_documents', 'file', t('Documentele de proveniență, traduse', 'Origin documents, translated'), { maxFiles: 10, showIf: when('acquired_from', 'import') }),
      ask('leasing_contract', 'file', t('Contractul de leasing', 'Leasing contract'), { maxFiles: 5, showIf: when('leasing', 'da') }),
    ]),
    declarationPage(),
  ]),
  fee: { kind: 'none' },
  term: { days: 45, unit: 'calendar' },
  tacitApproval: false,
  departmentCode: 'IMP-PF',
  fileCode: 'I-3',
  keywords: ['impozit mașină', 'impozit auto', 'înmatriculare', 'declarare auto', 'am cumpărat mașină', 'mașină', 'autoturism', 'motocicletă', 'fișa de înmatriculare'],
};

const vehicleDeregistration: ServiceDefinition = {
  code: 'RADIERE-AUTO',
  category: 'taxe',
  name: t('Scoaterea din evidența fiscală a unui mijloc de transport', 'Removing a vehicle from the tax records'),
  description: t(
    'Când vindeți, casați sau exportați vehiculul, ori vi s-a furat, cereți scoaterea lui din evidență; impozitul încetează de la 1 a lunii următoare. Certificatul de radiere și certificatul de atestare fiscală le obținem noi.',
    'When you sell, scrap or export a vehicle, or it is stolen, ask for it to be removed from the tax records; the tax stops from the first day of the next month. We obtain the deregistration certificate and the tax clearance certificate ourselves.',
  ),
  applicants: 'both',
  caseKind: 'request',
  documents: [
    doc('sale_contract', t('Contractul de vânzare-cumpărare, la vânzare', 'Sale contract, if sold'), { optional: true }),
    doc('destruction_certificate', t('Certificatul de distrugere, la casare', 'Certificate of destruction, if scrapped'), { optional: true }),
    doc('deregistration_certificate', t('Certificatul de radiere din circulație', 'Certificate of removal from circulation'), {
      optional: true,
      fetchedFrom: DRPCIV,
    }),
    doc('tax_certificate', t('Certificatul de atestare fiscală pentru vehicul', 'Tax clearance certificate for the vehicle'), { fetchedFrom: DGITL }),
  ],
  form: form([
    ...applicantPages('both'),
    page('vehicul', t('Vehiculul', 'The vehicle'), [
      ask('plate', 'text', t('Numărul de înmatriculare', 'Registration number'), { max: 12 }),
      ask('vin', 'text', t('Seria de șasiu (VIN)', 'Vehicle identification number (VIN)'), { min: 17, max: 17 }),
      choose('reason', 'radios', t('De ce scoateți vehiculul din evidență?', 'Why are you removing the vehicle?'), [
        ['vanzare', 'L-am vândut', 'I sold it'],
        ['furt', 'A fost furat', 'It was stolen'],
        ['casare', 'L-am casat (dezmembrare, programul Rabla)', 'I scrapped it (including the Rabla scheme)'],
        ['export', 'L-am înmatriculat în alt stat', 'I registered it in another country'],
        ['mutare', 'M-am mutat în altă localitate', 'I moved to another town'],
      ]),
      ask('event_date', 'date', t('Data vânzării, a furtului sau a casării', 'Date of sale, theft or scrapping'), PAST),
      ask('buyer_name', 'text', t('Numele cumpărătorului', 'Buyer’s name'), { showIf: when('reason', 'vanzare') }),
      ask('buyer_id', 'text', t('CNP-ul sau CUI-ul cumpărătorului', 'Buyer’s CNP or CUI'), { showIf: when('reason', 'vanzare'), max: 15 }),
      ask('new_address', 'address', t('Noua adresă de domiciliu', 'New home address'), { showIf: when('reason', 'mutare') }),
    ]),
    page('acte', t('Documente', 'Documents'), [
      ask('sale_contract', 'file', t('Contractul de vânzare-cumpărare', 'Sale contract'), { maxFiles: 3, showIf: when('reason', 'vanzare') }),
      ask('destruction_certificate', 'file', t('Certificatul de distrugere', 'Certificate of destruction'), { maxFiles: 3, showIf: when('reason', 'casare') }),
      ask('theft_proof', 'file', t('Dovada declarării furtului la poliție', 'Proof the theft was reported to the police'), { maxFiles: 3, showIf: when('reason', 'furt') }),
    ]),
    declarationPage(),
  ]),
  fee: { kind: 'none' },
  term: { days: 45, unit: 'calendar' },
  tacitApproval: false,
  departmentCode: 'IMP-PF',
  fileCode: 'I-4',
  keywords: ['radiere auto', 'scoatere din evidență', 'vânzare mașină', 'am vândut mașina', 'casare', 'Rabla', 'mașină furată', 'impozit mașină'],
};

const fiscalCertificate: ServiceDefinition = {
  code: 'CERT-FISCAL',
  category: 'taxe',
  name: t('Certificat de atestare fiscală', 'Local tax clearance certificate'),
  description: t(
    'Atestă că nu aveți datorii la bugetul local al Sectorului 5 (impozite, taxe, amenzi). Este cerut la notar pentru vânzarea unei locuințe sau a unui teren, la succesiune, la vânzarea unei mașini, la licitații. Se eliberează gratuit, în 2 zile lucrătoare, și este valabil 30 de zile.',
    'Certifies that you owe nothing to Sector 5’s local budget (taxes, fees, fines). Notaries ask for it when you sell a home or land, in an inheritance, when you sell a car, and it is needed for tenders. Issued free of charge within 2 working days, valid for 30 days.',
  ),
  applicants: 'both',
  caseKind: 'request',
  documents: [
    doc('mandate', t('Împuternicirea, dacă cererea este depusă pentru altă persoană', 'Authorisation, if you apply for someone else'), { optional: true }),
    doc('death_certificate', t('Certificatul de deces, pentru succesiune', 'Death certificate, for an inheritance'), { optional: true, fetchedFrom: CIVIL_STATUS, showIf: when('purpose', 'succesiune') }),
  ],
  form: form([
    ...applicantPages('both'),
    page('scop', t('Scopul certificatului', 'What it is for'), [
      // Radios, not a list: six choices, and each follow-up question is revealed under the choice it belongs to.
      choose('purpose', 'radios', t('Pentru ce aveți nevoie de certificat?', 'What do you need the certificate for?'), [
        ['vanzare_imobil', 'Vânzarea unei locuințe sau a unui teren (la notar)', 'Selling a home or land (at the notary)'],
        ['vanzare_auto', 'Vânzarea unui vehicul', 'Selling a vehicle'],
        ['succesiune', 'Succesiune (moștenire)', 'Inheritance'],
        ['licitatie', 'Participare la licitații sau achiziții publice', 'Tenders or public procurement'],
        ['credit', 'Bancă sau credit', 'Bank or loan'],
        ['alte', 'Alt scop', 'Another purpose'],
      ]),
      ask('property_address', 'address', t('Adresa imobilului', 'Property address'), { showIf: when('purpose', 'vanzare_imobil') }),
      ask('plate', 'text', t('Numărul de înmatriculare', 'Registration number'), { max: 12, showIf: when('purpose', 'vanzare_auto') }),
      ask('deceased_name', 'text', t('Numele persoanei decedate', 'Name of the deceased'), { showIf: when('purpose', 'succesiune') }),
      ask('deceased_cnp', 'cnp', t('CNP-ul persoanei decedate', 'Personal numeric code of the deceased'), { showIf: when('purpose', 'succesiune') }),
      ask('other_purpose', 'text', t('Precizați scopul', 'State the purpose'), { showIf: when('purpose', 'alte') }),
      choose('delivery', 'radios', t('Cum doriți să primiți certificatul?', 'How would you like to receive it?'), [
        ['electronic', 'În cont, semnat electronic (PDF)', 'In my account, electronically signed (PDF)'],
        ['ghiseu', 'Pe hârtie, la ghișeu', 'On paper, at the counter'],
      ]),
      yesNo('on_behalf', t('Depuneți cererea pentru altă persoană?', 'Are you applying for someone else?')),
      ask('mandate', 'file', t('Împuternicirea', 'Authorisation'), { maxFiles: 3, showIf: when('on_behalf', 'da') }),
    ]),
  ]),
  fee: { kind: 'none' },
  // Codul de procedură fiscală: issued within 2 working days, valid 30 days (DOMAIN.md: secondary source, configurable).
  term: { days: 2, unit: 'working' },
  tacitApproval: false,
  departmentCode: 'IMP-PF',
  fileCode: 'II-1',
  keywords: ['certificat fiscal', 'cazier fiscal', 'atestare fiscală', 'notar', 'vânzare apartament', 'fără datorii', 'datorii', 'succesiune', 'moștenire'],
};

const refund: ServiceDefinition = {
  code: 'RESTITUIRE',
  category: 'taxe',
  name: t('Restituirea sumelor plătite în plus', 'Refund of overpaid local taxes'),
  description: t(
    'Cereți înapoi sumele plătite în plus sau fără temei: plată dublă, plată în contul greșit, impozit recalculat. Sumele se compensează întâi cu eventualele datorii, iar diferența se virează în contul bancar indicat, în cel mult 45 de zile de la cerere (Codul de procedură fiscală).',
    'Ask for money paid twice, into the wrong account or on a tax later reduced. It is first set against any debts, and the rest is paid into the bank account you give, within 45 days (Fiscal Procedure Code).',
  ),
  applicants: 'both',
  caseKind: 'request',
  documents: [doc('payment_proof', t('Dovada plății (chitanță, ordin de plată), dacă nu ați plătit prin Ghișeul.ro', 'Proof of payment (receipt, payment order), unless paid through Ghișeul.ro'), { optional: true })],
  form: form([
    ...applicantPages('both'),
    page('plata', t('Plata', 'The payment'), [
      ask('amount', 'number', t('Suma cerută înapoi (lei)', 'Amount to refund (lei)'), { min: 0.01, max: 10000000 }),
      choose('reason', 'radios', t('De ce ați plătit în plus?', 'Why was too much paid?'), [
        ['plata_dubla', 'Am plătit de două ori', 'I paid twice'],
        ['cont_gresit', 'Am plătit în contul sau pentru obligația greșită', 'I paid into the wrong account or for the wrong item'],
        ['supraplata', 'Am plătit mai mult decât datoram', 'I paid more than I owed'],
        ['recalculare', 'Impozitul a fost recalculat sau decizia anulată', 'The tax was recalculated or the assessment cancelled'],
      ]),
      ask('payment_date', 'date', t('Data plății', 'Payment date'), PAST),
      choose('payment_channel', 'select', t('Cum ați plătit?', 'How did you pay?'), [
        ['ghiseul', 'Ghișeul.ro', 'Ghișeul.ro'],
        ['ghiseu', 'La ghișeu, numerar sau card', 'At the counter, cash or card'],
        ['banca', 'Ordin de plată bancar', 'Bank transfer'],
        ['posta', 'Mandat poștal', 'Postal order'],
      ]),
      ask('payment_reference', 'text', t('Numărul chitanței sau al ordinului de plată', 'Receipt or payment order number'), { required: false }),
      ask('payment_proof', 'file', t('Dovada plății', 'Proof of payment'), { maxFiles: 5, showIf: whenIn('payment_channel', ['ghiseu', 'banca', 'posta']) }),
    ]),
    page('cont', withCounter(t('Contul în care primiți banii', 'The account to pay into'), t('Contul în care solicitantul primește banii', 'The account to pay into')), [
      ask('iban', 'iban', t('Codul IBAN', 'IBAN')),
      ask('account_holder', 'text', t('Titularul contului', 'Account holder'), {
        hint: t('Contul trebuie să fie pe numele dumneavoastră sau al firmei.', 'The account must be in your or the company’s name.'),
        counterHint: t('Contul trebuie să fie pe numele solicitantului sau al firmei.', 'The account must be in the applicant’s or the company’s name.'),
      }),
      ask(
        'offset_acknowledged',
        'declaration',
        t(
          'Am luat la cunoștință că suma se compensează mai întâi cu eventualele mele datorii la bugetul local.',
          'I understand that the amount is first set against any debts I owe to the local budget.',
        ),
      ),
    ]),
    declarationPage(),
  ]),
  fee: { kind: 'none' },
  term: { days: 45, unit: 'calendar' },
  tacitApproval: false,
  departmentCode: 'IMP-PF',
  fileCode: 'III-1',
  keywords: ['restituire', 'bani înapoi', 'plată dublă', 'am plătit de două ori', 'plătit în plus', 'rambursare', 'IBAN', 'compensare'],
};

// ---------------------------------------------------------------------------------------------------------------
// Urbanism — Primăria Sectorului 5

const urbanismCertificate: ServiceDefinition = {
  code: 'CERT-URBANISM',
  category: 'urbanism',
  name: t('Certificat de urbanism', 'Urban planning certificate'),
  description: t(
    'Arată regimul juridic, economic și tehnic al unui imobil și avizele necesare pentru autorizația de construire, pentru desființare sau pentru operațiuni notariale (dezmembrare, alipire, vânzare de teren pentru construire). Se emite în 15 zile (Legea 50/1991); în regim de urgență, cu taxă majorată. Extrasul de carte funciară îl obținem noi.',
    'States the legal, economic and technical status of a property and the approvals needed for a building or demolition permit, or for notarial operations (dividing, merging, selling building land). Issued within 15 days (Legea 50/1991); faster with an urgency fee. We obtain the land register extract ourselves.',
  ),
  applicants: 'both',
  caseKind: 'request',
  documents: [
    doc('site_plans', t('Planul de încadrare în zonă și planul de situație, vizate de OCPI', 'Location plan and site plan, endorsed by the cadastre office')),
    landRegistryDoc,
  ],
  form: form([
    ...applicantPages('both'),
    page('imobil', t('Imobilul', 'The property'), [
      ask('property_address', 'address', t('Adresa imobilului', 'Property address')),
      ask('cadastral_number', 'text', t('Numărul cadastral', 'Cadastral number'), {
        hint: t('Îl găsiți în extrasul de carte funciară.', 'You will find it on the land register extract.'),
      }),
      ask('land_area', 'number', t('Suprafața terenului (m²)', 'Land area (m²)'), { min: 1, max: 10000000 }),
      yesNo('is_owner', t('Sunteți proprietarul imobilului?', 'Are you the owner of the property?'), {
        hint: t('Certificatul de urbanism are caracter de informare și poate fi cerut și de un neproprietar.', 'The certificate is informative: a non-owner may also ask for it.'),
      }),
      ask('owner_name', 'text', t('Numele proprietarului, dacă îl cunoașteți', 'Owner’s name, if you know it'), { required: false, showIf: when('is_owner', 'nu') }),
    ]),
    page('scop', t('Scopul', 'Purpose'), [
      choose('purpose', 'radios', t('În ce scop cereți certificatul?', 'What do you need it for?'), [
        ['construire', 'Construire, extindere, modificare', 'Building, extension, alteration'],
        ['desfiintare', 'Desființare (demolare)', 'Demolition'],
        ['notarial', 'Dezmembrare, alipire sau vânzare de teren pentru construire', 'Dividing, merging or selling building land'],
        ['concesionare', 'Concesionare de teren', 'Land concession'],
        ['justitie', 'Cerere în justiție', 'Court proceedings'],
      ]),
      ask('works_description', 'textarea', t('Descrieți pe scurt lucrările', 'Briefly describe the works'), { max: 2000, showIf: whenIn('purpose', ['construire', 'desfiintare']) }),
      choose('urgency', 'radios', t('Solicitați regim de urgență?', 'Do you want the urgent service?'), [
        ['standard', 'Nu — emitere în 15 zile', 'No — issued within 15 days'],
        ['urgent', 'Da — emitere în 7 zile lucrătoare, cu taxă dublă', 'Yes — issued within 7 working days, double fee'],
      ]),
    ]),
    page('acte', t('Documente', 'Documents'), [ask('site_plans', 'file', t('Planul de încadrare în zonă și planul de situație', 'Location plan and site plan'), { maxFiles: 5 })]),
    declarationPage(),
  ]),
  // Illustrative: Codul fiscal art. 474 sets the fee by land area; the council sets the urgency surcharge.
  fee: { kind: 'by_option', question: 'urgency', amounts: { standard: 1500, urgent: 3000 } },
  term: { days: 15, unit: 'calendar' },
  // ÎCCJ decision 13/2013 (recurs în interesul legii) is read as excluding tacit approval for urbanism certificates
  // and building permits; to be confirmed by the legal department before relying on it.
  tacitApproval: false,
  departmentCode: 'CU',
  fileCode: 'III-1',
  keywords: ['certificat de urbanism', 'CU', 'urbanism', 'construire casă', 'demolare', 'dezmembrare teren', 'alipire', 'avize'],
};

const buildingPermit: ServiceDefinition = {
  code: 'AUTORIZATIE-CONSTRUIRE',
  category: 'urbanism',
  name: t('Autorizație de construire sau de desființare', 'Building or demolition permit'),
  description: t(
    'Pe baza certificatului de urbanism, a proiectului pentru autorizarea executării lucrărilor (DTAC) și a avizelor cerute, autorizația se emite în 30 de zile (Legea 50/1991). Taxa este 1% din valoarea lucrărilor, iar pentru locuințe și anexele lor 0,5% (Codul fiscal art. 474); se regularizează după terminarea lucrărilor. Certificatul de urbanism și extrasul de carte funciară le obținem noi.',
    'With the urban planning certificate, the permit design (DTAC) and the approvals required, the permit is issued within 30 days (Legea 50/1991). The fee is 1% of the value of the works, 0.5% for homes and their outbuildings (Fiscal Code art. 474), and is adjusted when the works end. We obtain the urban planning certificate and the land register extract ourselves.',
  ),
  applicants: 'both',
  caseKind: 'request',
  documents: [
    doc('urbanism_certificate', t('Certificatul de urbanism', 'Urban planning certificate'), { fetchedFrom: SECTOR5 }),
    landRegistryDoc,
    doc('right_to_build', t('Actul care dă dreptul de a construi, dacă nu rezultă din cartea funciară', 'Document giving the right to build, if not in the land register'), { optional: true }),
    doc('dtac', t('Documentația tehnică pentru autorizarea executării lucrărilor (DTAC)', 'Permit design documentation (DTAC)')),
    doc('approvals', t('Avizele și acordurile cerute prin certificatul de urbanism', 'Approvals required by the urban planning certificate')),
    doc('environment_decision', t('Actul administrativ al autorității de mediu, dacă este cerut', 'Environmental authority decision, if required'), { optional: true }),
    doc('co_owner_consent', t('Acordul notarial al coproprietarilor', 'Co-owners’ notarised consent'), { optional: true }),
  ],
  form: form([
    ...applicantPages('both'),
    page('certificat_urbanism', t('Certificatul de urbanism', 'Urban planning certificate'), [
      ask('cu_number', 'text', t('Numărul certificatului de urbanism', 'Certificate number')),
      ask('cu_date', 'date', t('Data emiterii', 'Date of issue'), PAST),
    ]),
    page('lucrari', t('Lucrările', 'The works'), [
      choose('works_type', 'select', t('Ce lucrări doriți să autorizați?', 'What works is the permit for?'), [
        ['construire_noua', 'Construirea unei clădiri noi', 'A new building'],
        ['extindere', 'Extindere', 'Extension'],
        ['supraetajare', 'Supraetajare sau mansardare', 'Extra storey or loft conversion'],
        ['modificari', 'Modificări, consolidare, reabilitare', 'Alterations, strengthening, refurbishment'],
        ['imprejmuire', 'Împrejmuire', 'Fence'],
        ['bransamente', 'Branșamente și racorduri la rețele', 'Utility connections'],
        ['desfiintare', 'Desființare (demolare)', 'Demolition'],
      ]),
      choose('destination', 'radios', t('Destinația construcției', 'Use of the building'), [
        ['locuinta', 'Locuință sau anexă la locuință', 'Home or outbuilding of a home'],
        ['alta', 'Altă destinație (comercială, birouri, industrială)', 'Other (commercial, offices, industrial)'],
      ]),
      ask('property_address', 'address', t('Adresa imobilului', 'Property address')),
      ask('cadastral_number', 'text', t('Numărul cadastral', 'Cadastral number')),
      ask('built_area', 'number', t('Suprafața construită desfășurată (m²)', 'Gross floor area (m²)'), { min: 0, max: 1000000 }),
      ask('works_value', 'number', t('Valoarea estimată a lucrărilor (lei)', 'Estimated value of the works (lei)'), {
        min: 1,
        max: 1000000000,
        hint: t('Din devizul general al proiectului', 'From the project’s general estimate'),
      }),
      ask('duration_months', 'number', t('Durata de execuție (luni)', 'Duration of the works (months)'), { min: 1, max: 120 }),
    ]),
    page('proprietate', t('Dreptul de a construi', 'Right to build'), [
      yesNo('is_owner', t('Sunteți proprietarul imobilului?', 'Are you the owner of the property?')),
      choose(
        'right_type',
        'select',
        t('În ce calitate solicitați autorizația?', 'On what basis are you applying?'),
        [
          ['concesionar', 'Concesionar', 'Concession holder'],
          ['superficiar', 'Titular al dreptului de superficie', 'Holder of a building right (superficies)'],
          ['chirias', 'Chiriaș, cu acordul proprietarului', 'Tenant, with the owner’s consent'],
          ['imputernicit', 'Împuternicit al proprietarului', 'Owner’s authorised representative'],
        ],
        { showIf: when('is_owner', 'nu') },
      ),
      ask('right_to_build', 'file', t('Actul care vă dă dreptul de a construi', 'Document giving you the right to build'), { maxFiles: 5, showIf: when('is_owner', 'nu') }),
      ...coOwnersItems(t('Imobilul are și alți proprietari?', 'Does the property have other owners?')),
      ask('co_owner_consent', 'file', t('Acordul notarial al coproprietarilor', 'Co-owners’ notarised consent'), { maxFiles: 5, showIf: when('co_owned', 'da') }),
    ]),
    page('proiect', t('Proiectul', 'The design'), [
      ask('architect_name', 'text', t('Numele arhitectului sau al proiectantului', 'Architect or designer')),
      ask('architect_number', 'text', t('Numărul din Tabloul Național al Arhitecților', 'Number in the National Register of Architects'), { required: false }),
      ask('dtac', 'file', t('DTAC, semnată electronic', 'DTAC, electronically signed'), { maxFiles: 20 }),
      ask('approvals', 'file', t('Avizele și acordurile cerute', 'The approvals required'), { maxFiles: 20 }),
      ask('environment_decision', 'file', t('Actul autorității de mediu, dacă este cerut', 'Environmental decision, if required'), { required: false, maxFiles: 5 }),
    ]),
    declarationPage(),
  ]),
  // Fiscal Code art. 474: 1% of the authorised value, 0.5% for homes and their outbuildings (as the description says).
  fee: { kind: 'percent', question: 'works_value', basisPoints: 100, byOption: { question: 'destination', basisPoints: { locuinta: 50 } } },
  term: { days: 30, unit: 'calendar' },
  // As for the urbanism certificate (ÎCCJ decision 13/2013, to be confirmed).
  tacitApproval: false,
  departmentCode: 'AC',
  fileCode: 'III-2',
  keywords: ['autorizație de construire', 'autorizație de construcție', 'AC', 'construcție casă', 'construiesc o casă', 'extindere', 'mansardare', 'demolare', 'DTAC', 'permis de construire'],
};

const worksStart: ServiceDefinition = {
  code: 'ANUNT-INCEPERE',
  category: 'urbanism',
  name: t('Anunțarea începerii lucrărilor de construcții', 'Notice of start of building works'),
  description: t(
    'Titularul autorizației de construire anunță primăria și Inspectoratul de Stat în Construcții, înainte de începerea lucrărilor, data la care acestea încep (Legea 50/1991). Anunțul se înregistrează; nu necesită un răspuns.',
    'Before works begin, the permit holder tells the city hall and the State Construction Inspectorate the date they start (Legea 50/1991). The notice is registered; no answer is needed.',
  ),
  applicants: 'both',
  caseKind: 'request',
  documents: [],
  form: form([
    ...applicantPages('both'),
    page('autorizatie', t('Autorizația', 'The permit'), [
      ask('ac_number', 'text', t('Numărul autorizației de construire', 'Building permit number')),
      ask('ac_date', 'date', t('Data emiterii autorizației', 'Date the permit was issued'), PAST),
      ask('property_address', 'address', t('Adresa șantierului', 'Site address')),
      ask('start_date', 'date', t('Data începerii lucrărilor', 'Start date of the works'), NOT_PAST),
    ]),
    page('executant', t('Cine execută lucrările', 'Who carries out the works'), [
      yesNo('own_works', t('Executați lucrările în regie proprie?', 'Are you carrying out the works yourself?')),
      ask('builder_cui', 'cui', t('CUI-ul constructorului', 'Builder’s CUI'), { showIf: when('own_works', 'nu') }),
      ask('builder_name', 'text', t('Denumirea constructorului', 'Builder’s name'), { showIf: when('own_works', 'nu') }),
      ask('site_supervisor', 'text', t('Numele dirigintelui de șantier', 'Site supervisor’s name'), {
        required: false,
        hint: t('Obligatoriu pentru lucrările pentru care legea cere diriginte de șantier.', 'Required for works where the law requires a site supervisor.'),
      }),
    ]),
    declarationPage(),
  ]),
  fee: { kind: 'none' },
  // A notice: registered and filed on receipt, no decision to take.
  term: { days: 0, unit: 'working' },
  tacitApproval: false,
  departmentCode: 'AC',
  fileCode: 'III-3',
  keywords: ['început lucrări', 'anunț începere', 'începerea lucrărilor', 'șantier', 'ISC', 'diriginte de șantier'],
};

const worksEnd: ServiceDefinition = {
  code: 'FINALIZARE-LUCRARI',
  category: 'urbanism',
  name: t('Comunicarea finalizării lucrărilor și regularizarea taxei de autorizare', 'Completion of works and adjustment of the permit fee'),
  description: t(
    'După terminarea lucrărilor, declarați valoarea lor reală și data recepției. Primăria regularizează taxa pentru autorizația de construire (Codul fiscal art. 474): plătiți diferența sau vi se restituie suma plătită în plus.',
    'When the works are finished, declare their actual value and the completion date. The city hall adjusts the building permit fee (Fiscal Code art. 474): you pay the difference or the excess is refunded.',
  ),
  applicants: 'both',
  caseKind: 'request',
  documents: [
    doc('final_statement', t('Situația finală a lucrărilor (valoarea reală)', 'Final statement of the works (actual value)')),
    doc('reception_report', t('Procesul-verbal de recepție la terminarea lucrărilor', 'Completion acceptance report'), { optional: true }),
  ],
  form: form([
    ...applicantPages('both'),
    page('lucrari', t('Lucrările', 'The works'), [
      ask('ac_number', 'text', t('Numărul autorizației de construire', 'Building permit number')),
      ask('ac_date', 'date', t('Data emiterii autorizației', 'Date the permit was issued'), PAST),
      ask('completion_date', 'date', t('Data terminării lucrărilor', 'Completion date'), PAST),
      ask('final_value', 'number', t('Valoarea reală a lucrărilor (lei)', 'Actual value of the works (lei)'), { min: 0, max: 1000000000 }),
      ask('final_statement', 'file', t('Situația finală a lucrărilor', 'Final statement of the works'), { maxFiles: 5 }),
      ask('reception_report', 'file', t('Procesul-verbal de recepție', 'Completion acceptance report'), { required: false, maxFiles: 5 }),
    ]),
    declarationPage(),
  ]),
  fee: { kind: 'none' },
  term: { days: 15, unit: 'calendar' },
  tacitApproval: false,
  departmentCode: 'AC',
  fileCode: 'III-3',
  keywords: ['finalizare lucrări', 'recepție', 'regularizare taxă', 'terminare construcție', 'intabulare construcție'],
};

const streetAddress: ServiceDefinition = {
  code: 'NOMENCLATURA',
  category: 'urbanism',
  name: t('Certificat de nomenclatură stradală și adresă', 'Street-name and address certificate'),
  description: t(
    'Atestă adresa administrativă a unui imobil (strada și numărul), necesară la intabulare, la notar, pentru branșamente sau la schimbarea domiciliului. Taxa este stabilită de consiliul local, în limita prevăzută de Codul fiscal.',
    'Certifies the official address of a property (street and number), needed for land registration, at the notary, for utility connections or to change your registered address. The fee is set by the local council within the Fiscal Code’s limit.',
  ),
  applicants: 'both',
  caseKind: 'request',
  documents: [landRegistryDoc, doc('site_plan', t('Planul de amplasament și delimitare a imobilului, dacă există', 'Property survey plan, if any'), { optional: true })],
  form: form([
    ...applicantPages('both'),
    page('imobil', t('Imobilul', 'The property'), [
      ask('property_address', 'address', t('Adresa cunoscută a imobilului', 'The property’s address as you know it')),
      ask('cadastral_number', 'text', t('Numărul cadastral', 'Cadastral number'), { required: false }),
      choose('property_type', 'radios', t('Ce fel de imobil este?', 'What kind of property is it?'), [
        ['teren', 'Teren', 'Land'],
        ['constructie', 'Clădire (inclusiv construcție nouă)', 'Building (including a new one)'],
        ['apartament', 'Apartament', 'Flat'],
      ]),
      choose('purpose', 'select', t('Pentru ce aveți nevoie de certificat?', 'What do you need it for?'), [
        ['intabulare', 'Intabulare în cartea funciară', 'Land registration'],
        ['notar', 'Vânzare sau alt act la notar', 'Sale or another notarial act'],
        ['bransamente', 'Branșamente (apă, gaz, electricitate)', 'Utility connections (water, gas, electricity)'],
        ['domiciliu', 'Schimbarea domiciliului', 'Changing my registered address'],
        ['altul', 'Alt scop', 'Another purpose'],
      ]),
      ask('site_plan', 'file', t('Planul de amplasament și delimitare', 'Property survey plan'), { required: false, maxFiles: 3 }),
    ]),
    declarationPage(),
  ]),
  // Codul fiscal art. 474: set by the council, capped (9 lei at 2016 level, indexed yearly).
  fee: { kind: 'fixed', amount: 900 },
  term: { days: 30, unit: 'calendar' },
  tacitApproval: false,
  departmentCode: 'CU',
  fileCode: 'III-4',
  keywords: ['nomenclatură stradală', 'certificat de adresă', 'număr stradal', 'număr poștal', 'adresă', 'intabulare', 'atribuire număr'],
};

// ---------------------------------------------------------------------------------------------------------------
// Trade — Primăria Sectorului 5 (Direcția Autorizări Comerciale)

const onrcDocs = [
  doc('registration_certificate', t('Certificatul de înregistrare la registrul comerțului', 'Trade register registration certificate'), { fetchedFrom: ONRC }),
  doc('trade_register_extract', t('Certificatul constatator pentru punctul de lucru', 'Trade register statement for the business premises'), { fetchedFrom: ONRC }),
];

const operatingApproval: ServiceDefinition = {
  code: 'ACORD-FUNCTIONARE',
  category: 'comert',
  name: t('Acord de funcționare pentru comerț și servicii', 'Operating approval for shops and services'),
  description: t(
    'Firmele care deschid un magazin, un local de alimentație publică sau un punct de prestări servicii în Sectorul 5 obțin acordul de funcționare al primăriei (OG 99/2000), vizat anual. Documentele de la registrul comerțului le obținem noi.',
    'Businesses opening a shop, a restaurant or café, or a service outlet in Sector 5 need the city hall’s operating approval (OG 99/2000), endorsed every year. We obtain the trade register documents ourselves.',
  ),
  applicants: 'company',
  caseKind: 'request',
  documents: [
    ...onrcDocs,
    doc('use_right', t('Actul care dovedește dreptul de folosință a spațiului (proprietate, închiriere, comodat)', 'Proof of the right to use the premises (ownership, lease, loan for use)')),
    doc('owners_association', t('Acordul asociației de proprietari, pentru spațiile din blocuri de locuințe', 'Owners’ association consent, for premises in blocks of flats'), { optional: true }),
    doc('fire_safety', t('Autorizația de securitate la incendiu, dacă spațiul o necesită', 'Fire safety permit, if the premises need one'), {
      optional: true,
      fetchedFrom: ISU,
    }),
    doc('sanitary_registration', t('Înregistrarea sanitar-veterinară, pentru alimente', 'Food safety registration, for food businesses'), { optional: true, fetchedFrom: DSVSA }),
  ],
  form: form([
    ...applicantPages('company'),
    page('activitate', t('Activitatea', 'The business'), [
      choose('activity', 'radios', t('Ce activitate desfășurați?', 'What is the business?'), [
        ['comert_nealimentar', 'Comerț cu produse nealimentare', 'Non-food retail'],
        ['comert_alimentar', 'Comerț cu produse alimentare', 'Food retail'],
        ['alimentatie_publica', 'Alimentație publică (restaurant, cafenea, bar, fast-food)', 'Food service (restaurant, café, bar, fast food)'],
        ['servicii', 'Servicii (reparații, coafură, curățătorie etc.)', 'Services (repairs, hairdressing, dry cleaning etc.)'],
      ]),
      ask('caen_codes', 'text', t('Codurile CAEN autorizate pentru acest punct de lucru', 'NACE (CAEN) codes registered for these premises'), {
        hint: t('De exemplu 4711, 5610', 'For example 4711, 5610'),
      }),
      ask('shop_name', 'text', t('Numele sub care funcționează punctul de lucru', 'Trading name of the premises'), { required: false }),
      ask('location_address', 'address', t('Adresa punctului de lucru', 'Address of the premises')),
      ask('surface', 'number', t('Suprafața comercială (m²)', 'Sales area (m²)'), { min: 1, max: 100000 }),
      ask('opening_hours', 'text', t('Orarul de funcționare propus', 'Proposed opening hours'), { hint: t('De exemplu: L–V 08:00–20:00, S 09:00–14:00', 'For example: Mon–Fri 08:00–20:00, Sat 09:00–14:00') }),
    ]),
    page('spatiu', t('Spațiul', 'The premises'), [
      choose('use_right', 'radios', t('Cu ce titlu folosiți spațiul?', 'On what basis do you use the premises?'), [
        ['proprietate', 'Proprietate', 'Ownership'],
        ['inchiriere', 'Închiriere sau comodat', 'Lease or loan for use'],
      ]),
      ask('use_right_document', 'file', t('Contractul de închiriere sau de comodat', 'Lease or loan-for-use agreement'), { maxFiles: 5, showIf: when('use_right', 'inchiriere') }),
      yesNo('in_block', t('Spațiul se află într-un bloc de locuințe?', 'Are the premises in a block of flats?')),
      ask('owners_association', 'file', t('Acordul asociației de proprietari', 'Owners’ association consent'), { maxFiles: 3, showIf: when('in_block', 'da') }),
    ]),
    declarationPage(),
  ]),
  // Illustrative: Codul fiscal art. 475 lets the council set the fee for food service; the rest are council fees.
  fee: { kind: 'by_option', question: 'activity', amounts: { comert_nealimentar: 20000, comert_alimentar: 30000, alimentatie_publica: 100000, servicii: 20000 } },
  term: { days: 30, unit: 'calendar' },
  tacitApproval: true,
  departmentCode: 'ACOM',
  fileCode: 'IV-1',
  keywords: ['acord de funcționare', 'autorizație de funcționare', 'magazin', 'deschidere magazin', 'restaurant', 'cafenea', 'bar', 'punct de lucru', 'CAEN', 'firmă'],
};

const openingHours: ServiceDefinition = {
  code: 'ORAR-FUNCTIONARE',
  category: 'comert',
  name: t('Avizarea orarului de funcționare', 'Approval of opening hours'),
  description: t(
    'Operatorii economici din Sectorul 5 avizează orarul de funcționare al fiecărui punct de lucru. Pentru funcționarea non-stop în blocuri de locuințe este necesar acordul vecinilor.',
    'Businesses in Sector 5 have the opening hours of each outlet approved. Opening round the clock in a block of flats needs the neighbours’ consent.',
  ),
  applicants: 'company',
  caseKind: 'request',
  documents: [...onrcDocs, doc('neighbours_consent', t('Acordul asociației de proprietari și al vecinilor, pentru program non-stop', 'Consent of the owners’ association and neighbours, for 24-hour opening'), { optional: true })],
  form: form([
    ...applicantPages('company'),
    page('punct', t('Punctul de lucru', 'The premises'), [
      ask('location_address', 'address', t('Adresa punctului de lucru', 'Address of the premises')),
      ask('approval_number', 'text', t('Numărul acordului de funcționare, dacă există', 'Operating approval number, if any'), { required: false }),
    ]),
    page('orar', t('Orarul', 'Opening hours'), [
      ask('weekday_hours', 'text', t('Luni–vineri', 'Monday to Friday'), { hint: t('De exemplu 08:00–22:00', 'For example 08:00–22:00'), max: 50 }),
      ask('saturday_hours', 'text', t('Sâmbătă', 'Saturday'), { required: false, max: 50, hint: t('Lăsați gol dacă este închis.', 'Leave empty if closed.') }),
      ask('sunday_hours', 'text', t('Duminică', 'Sunday'), { required: false, max: 50, hint: t('Lăsați gol dacă este închis.', 'Leave empty if closed.') }),
      yesNo('nonstop', t('Solicitați funcționare non-stop?', 'Are you asking to open 24 hours?')),
      ask('neighbours_consent', 'file', t('Acordul asociației de proprietari și al vecinilor', 'Consent of the owners’ association and neighbours'), { maxFiles: 5, showIf: when('nonstop', 'da') }),
      ask('noise_measures', 'textarea', t('Ce măsuri luați împotriva zgomotului pe timpul nopții?', 'What will you do to prevent noise at night?'), { max: 1000, showIf: when('nonstop', 'da') }),
    ]),
    declarationPage(),
  ]),
  // Illustrative council fee.
  fee: { kind: 'fixed', amount: 5000 },
  term: { days: 30, unit: 'calendar' },
  tacitApproval: true,
  departmentCode: 'ACOM',
  fileCode: 'IV-2',
  keywords: ['orar', 'program de funcționare', 'orar de funcționare', 'non-stop', 'orar magazin', 'avizare orar'],
};

const terrace: ServiceDefinition = {
  code: 'TERASA',
  category: 'comert',
  name: t('Acord pentru terasă sezonieră pe domeniul public', 'Seasonal terrace on public land'),
  description: t(
    'Localurile din Sectorul 5 pot amenaja, în sezonul cald, o terasă pe trotuar sau pe alt teren public, lăsând liber un culoar pentru pietoni. Taxa pentru ocuparea domeniului public se calculează pe metru pătrat, pentru întregul sezon.',
    'Restaurants and cafés in Sector 5 may set up a terrace on the pavement or other public land during the warm season, keeping a clear path for pedestrians. The fee for using public land is charged per square metre for the whole season.',
  ),
  applicants: 'company',
  caseKind: 'request',
  documents: [...onrcDocs, doc('site_sketch', t('Schița de amplasare, cu dimensiunile terasei și culoarul pietonal', 'Layout sketch, with the terrace’s size and the pedestrian path'))],
  form: form([
    ...applicantPages('company'),
    page('terasa', t('Terasa', 'The terrace'), [
      ask('location_address', 'address', t('Adresa localului', 'Address of the premises')),
      ask('terrace_area', 'number', t('Suprafața terasei (m²)', 'Terrace area (m²)'), { min: 1, max: 500 }),
      ask('period_start', 'date', t('De la data', 'From'), NOT_PAST),
      ask('period_end', 'date', t('Până la data', 'Until'), NOT_PAST),
      ask('tables', 'number', t('Numărul de mese', 'Number of tables'), { min: 1, max: 200 }),
      choose(
        'furniture',
        'checkboxes',
        t('Ce amenajări folosiți?', 'What furniture and fittings will you use?'),
        [
          ['umbrele', 'Umbrele', 'Parasols'],
          ['copertina', 'Copertină sau pergolă demontabilă', 'Removable awning or pergola'],
          ['jardiniere', 'Jardiniere', 'Planters'],
          ['podina', 'Podină', 'Decking'],
          ['incalzitoare', 'Încălzitoare exterioare', 'Outdoor heaters'],
        ],
        optional,
      ),
      ask('site_sketch', 'file', t('Schița de amplasare', 'Layout sketch'), { maxFiles: 3 }),
      ask(
        'pedestrian_path',
        'declaration',
        t('Declar că terasa lasă liber culoarul pietonal prevăzut de regulamentul local.', 'I declare that the terrace keeps clear the pedestrian path required by the local rules.'),
      ),
    ]),
    declarationPage(),
  ]),
  // Illustrative council fee for the temporary use of public land, per m² for the season.
  fee: { kind: 'per_unit', amount: 18000, question: 'terrace_area' },
  term: { days: 30, unit: 'calendar' },
  // Temporary use of public land within available space: not granted by silence.
  tacitApproval: false,
  departmentCode: 'ACOM',
  fileCode: 'IV-3',
  keywords: ['terasă', 'terasă sezonieră', 'mese afară', 'ocupare domeniu public', 'trotuar', 'restaurant', 'cafenea'],
};

const streetTrade: ServiceDefinition = {
  code: 'COMERT-STRADAL',
  category: 'comert',
  name: t('Acord pentru comerț stradal', 'Street trading permit'),
  description: t(
    'Vânzarea pe domeniul public, din tarabe, rulote sau ambulant (flori, mărțișoare, înghețată, produse agricole proprii, artizanat), în locurile stabilite de primărie. Taxa se plătește pe zi.',
    'Selling on public land from stalls, vans or on foot (flowers, spring tokens, ice cream, own farm produce, crafts), in places set by the city hall. The fee is charged per day.',
  ),
  applicants: 'both',
  caseKind: 'request',
  documents: [
    doc('trade_registration', t('Dovada înregistrării activității (registrul comerțului sau atestat de producător)', 'Proof that the trade is registered (trade register or producer certificate)')),
    doc('producer_certificate', t('Atestatul de producător și carnetul de comercializare, pentru produse agricole proprii', 'Producer certificate and sales book, for own farm produce'), { optional: true }),
  ],
  form: form([
    ...applicantPages('both'),
    page('activitate', withCounter(t('Ce vindeți', 'What you sell'), t('Ce vinde solicitantul', 'What the applicant sells')), [
      choose('product_type', 'select', t('Ce produse vindeți?', 'What do you sell?'), [
        ['flori', 'Flori', 'Flowers'],
        ['martisoare', 'Mărțișoare și produse de sezon', 'Spring tokens and seasonal goods'],
        ['inghetata', 'Înghețată și băuturi răcoritoare', 'Ice cream and soft drinks'],
        ['produse_agricole', 'Produse agricole proprii', 'Own farm produce'],
        ['artizanat', 'Obiecte de artizanat', 'Crafts'],
        ['presa', 'Ziare și reviste', 'Newspapers and magazines'],
        ['altele', 'Alte produse', 'Other goods'],
      ]),
      choose('structure', 'radios', t('De unde vindeți?', 'How will you sell?'), [
        ['taraba', 'Tarabă sau stand demontabil', 'Stall or removable stand'],
        ['rulota', 'Rulotă sau food truck', 'Van or food truck'],
        ['ambulant', 'Ambulant (cărucior)', 'On foot (cart)'],
      ]),
      ask('location', 'location', t('Locul propus', 'Proposed place')),
      ask('area', 'number', t('Suprafața ocupată (m²)', 'Area used (m²)'), { min: 1, max: 50 }),
      ask('start_date', 'date', t('Data de începere', 'Start date'), NOT_PAST),
      ask('days', 'number', t('Pentru câte zile?', 'For how many days?'), { min: 1, max: 365 }),
      ask('producer_certificate', 'file', t('Atestatul de producător și carnetul de comercializare', 'Producer certificate and sales book'), {
        maxFiles: 3,
        showIf: when('product_type', 'produse_agricole'),
      }),
    ]),
    declarationPage(),
  ]),
  // Illustrative council fee per day.
  fee: { kind: 'per_unit', amount: 2500, question: 'days' },
  term: { days: 30, unit: 'calendar' },
  tacitApproval: false,
  departmentCode: 'ACOM',
  fileCode: 'IV-4',
  keywords: ['comerț stradal', 'comerț ambulant', 'tarabă', 'vânzare pe stradă', 'flori', 'mărțișoare', 'food truck', 'rulotă'],
};

// ---------------------------------------------------------------------------------------------------------------
// Social assistance — DGASPC Sector 5

const minimumIncome: ServiceDefinition = {
  code: 'VMI',
  category: 'asistenta_sociala',
  name: t('Venitul minim de incluziune (fostul ajutor social și alocația pentru susținerea familiei)', 'Minimum inclusion income (formerly social aid and family support allowance)'),
  description: t(
    'Din 2024, venitul minim de incluziune (Legea 196/2016) înlocuiește ajutorul social și alocația pentru susținerea familiei: ajutorul de incluziune și ajutorul pentru familia cu copii se cer cu o singură cerere pentru toată familia. DGASPC Sector 5 verifică cererea și face ancheta socială. Veniturile le verificăm direct la ANAF, la casa de pensii și la agenția de ocupare, cu acordul dumneavoastră.',
    'Since 2024 the minimum inclusion income (Legea 196/2016) replaces social aid and the family support allowance: inclusion support and support for families with children are claimed with one application for the whole family. DGASPC Sector 5 checks the application and makes a home visit. We check incomes directly with ANAF, the pension office and the employment agency, with your consent.',
  ),
  applicants: 'person',
  caseKind: 'request',
  documents: [
    doc('family_ids', t('Actele de identitate ale membrilor familiei', 'Identity documents of the family members')),
    doc('birth_certificates', t('Certificatele de naștere ale copiilor', 'The children’s birth certificates'), { optional: true, fetchedFrom: CIVIL_STATUS }),
    doc('income_certificate', t('Adeverința de venit', 'Income certificate'), { fetchedFrom: ANAF }),
    doc('pension', t('Dovada pensiei, pentru pensionari', 'Proof of pension, for pensioners'), { optional: true, fetchedFrom: PENSIONS }),
    doc('employment_agency', t('Dovada înregistrării la agenția de ocupare, pentru persoanele apte de muncă', 'Proof of registration with the employment agency, for those able to work'), {
      optional: true,
      fetchedFrom: EMPLOYMENT,
    }),
    doc('school_certificate', t('Adeverințele de elev ale copiilor', 'The children’s school certificates'), { optional: true }),
    doc('housing', t('Contractul de închiriere, dacă locuiți cu chirie', 'Tenancy agreement, if you rent'), { optional: true }),
  ],
  form: form([
    ...applicantPages('person'),
    page('componente', withCounter(t('Ce solicitați', 'What you are claiming'), t('Ce se solicită', 'What is being claimed')), [
      choose(
        'components',
        'checkboxes',
        t('Ce ajutoare solicitați?', 'Which support are you claiming?'),
        [
          ['ajutor_incluziune', 'Ajutor de incluziune (fostul ajutor social)', 'Inclusion support (formerly social aid)'],
          ['ajutor_familie', 'Ajutor pentru familia cu copii (fosta alocație pentru susținerea familiei)', 'Support for families with children (formerly the family support allowance)'],
        ],
        { hint: t('Puteți bifa ambele; se acordă în funcție de venituri.', 'You may tick both; they depend on income.') },
      ),
      choose('housing', 'radios', t('Unde locuiți?', 'Where do you live?'), [
        ['proprietate', 'În locuința mea sau a familiei', 'In my or my family’s own home'],
        ['chirie', 'Cu chirie', 'I rent'],
        ['sociala', 'În locuință socială sau de necesitate', 'In social or emergency housing'],
        ['gazduit', 'Găzduit de rude sau prieteni', 'With relatives or friends'],
        ['fara_adapost', 'Nu am locuință', 'I have no home'],
      ]),
      ask('housing_contract', 'file', t('Contractul de închiriere', 'Tenancy agreement'), { maxFiles: 3, showIf: when('housing', 'chirie') }),
    ]),
    page('familie', withCounter(t('Familia', 'Your family'), t('Familia solicitantului', 'The applicant’s family')), [
      choose('household', 'radios', t('Locuiți singur sau cu familia?', 'Do you live alone or with family?'), [
        ['singur', 'Singur', 'Alone'],
        ['familie', 'Cu familia', 'With family'],
      ]),
      group(
        'family_members',
        t('Membrii familiei care locuiesc și gospodăresc împreună cu dumneavoastră', 'Family members who live and share a household with you'),
        [
          ask('member_name', 'text', t('Numele și prenumele', 'Full name')),
          ask('member_cnp', 'cnp', t('CNP', 'Personal numeric code (CNP)')),
          choose('member_relation', 'select', t('Relația cu dumneavoastră', 'Relationship to you'), [
            ['sot', 'Soț sau soție', 'Spouse'],
            ['partener', 'Partener (fără căsătorie)', 'Partner (unmarried)'],
            ['copil', 'Copil (inclusiv adoptat sau în plasament)', 'Child (including adopted or fostered)'],
            ['parinte', 'Părinte', 'Parent'],
            ['alta', 'Altă rudă', 'Other relative'],
          ], { counterLabel: t('Relația cu solicitantul', 'Relationship to the applicant') }),
          choose('member_status', 'select', t('Ocupația', 'Occupation'), [
            ['salariat', 'Salariat', 'Employed'],
            ['pensionar', 'Pensionar', 'Retired'],
            ['elev', 'Elev sau student', 'Pupil or student'],
            ['prescolar', 'Copil preșcolar', 'Pre-school child'],
            ['somer', 'Șomer înregistrat', 'Registered unemployed'],
            ['fara_ocupatie', 'Fără ocupație', 'Not working'],
            ['incapacitate', 'Cu handicap sau incapacitate de muncă', 'Disabled or unable to work'],
          ]),
        ],
        {
          min: 1,
          max: 15,
          showIf: when('household', 'familie'),
          counterLabel: t('Membrii familiei care locuiesc și gospodăresc împreună cu solicitantul', 'Family members who live and share a household with the applicant'),
        },
      ),
    ]),
    page('venituri', t('Venituri și bunuri', 'Income and property'), [
      choose(
        'income_types',
        'checkboxes',
        t('Ce venituri are familia?', 'What income does the family have?'),
        [
          ['salariu', 'Salarii', 'Wages'],
          ['pensie', 'Pensii', 'Pensions'],
          ['somaj', 'Indemnizație de șomaj', 'Unemployment benefit'],
          ['alocatii', 'Alocații sau indemnizații', 'Allowances or benefits'],
          ['independente', 'Chirii sau activități independente', 'Rent or self-employment'],
          ['agricole', 'Activități agricole', 'Farming'],
        ],
        { required: false, hint: t('Nu bifați nimic dacă familia nu are venituri.', 'Tick nothing if the family has no income.') },
      ),
      ask('income_total', 'number', t('Venitul net total al familiei în luna anterioară (lei)', 'Total net family income last month (lei)'), { min: 0, max: 1000000 }),
      choose(
        'assets',
        'checkboxes',
        t('Ce bunuri dețin membrii familiei?', 'What property do family members own?'),
        [
          ['a_doua_locuinta', 'O a doua locuință', 'A second home'],
          ['autovehicul', 'Autoturism sau motocicletă', 'A car or motorcycle'],
          ['teren', 'Teren, altul decât cel al locuinței', 'Land other than the home’s plot'],
          ['depozite', 'Depozite bancare', 'Bank savings'],
        ],
        { required: false, hint: t('Unele bunuri pot exclude acordarea ajutorului; se verifică la evaluare.', 'Some property can rule out the support; it is checked during assessment.') },
      ),
      yesNo('able_to_work', t('Sunteți apt de muncă?', 'Are you able to work?')),
      yesNo('registered_unemployed', t('Sunteți înregistrat la agenția pentru ocuparea forței de muncă?', 'Are you registered with the employment agency?'), {
        hint: t('Persoanele apte de muncă trebuie să fie înregistrate.', 'People able to work must be registered.'),
        showIf: when('able_to_work', 'da'),
      }),
    ]),
    page('plata', t('Plata', 'Payment'), paymentItems()),
    declarationPage(),
  ]),
  fee: { kind: 'none' },
  term: { days: 30, unit: 'calendar' },
  tacitApproval: false,
  departmentCode: 'BEN',
  fileCode: 'I-1',
  keywords: ['ajutor social', 'VMI', 'venit minim', 'venit minim garantat', 'alocație pentru susținerea familiei', 'ASF', 'ajutor de incluziune', 'ajutor pentru familia cu copii', 'ajutor bani'],
};

const childAllowance: ServiceDefinition = {
  code: 'ALOCATIE-STAT',
  category: 'asistenta_sociala',
  name: t('Alocația de stat pentru copii', 'State child allowance'),
  description: t(
    'Se acordă tuturor copiilor până la 18 ani și tinerilor care urmează cursurile de zi ale liceului sau ale școlii profesionale, până la terminarea lor (Legea 61/1993). Cererea o depune un părinte sau reprezentantul legal; DGASPC Sector 5 o transmite agenției pentru plăți și inspecție socială, care plătește alocația. Certificatul de naștere îl obținem noi.',
    'Paid for every child under 18, and for young people in full-time secondary or vocational school until they finish (Legea 61/1993). A parent or legal representative applies; DGASPC Sector 5 sends the claim to the social payments agency, which pays it. We obtain the birth certificate ourselves.',
  ),
  applicants: 'person',
  caseKind: 'request',
  documents: [
    doc('birth_certificate', t('Certificatul de naștere al copilului', 'The child’s birth certificate'), { fetchedFrom: CIVIL_STATUS }),
    doc('parents_ids', t('Actele de identitate ale părinților', 'The parents’ identity documents')),
    doc('guardianship', t('Hotărârea de tutelă sau de plasament, dacă este cazul', 'Guardianship or foster-care decision, if any'), { optional: true }),
  ],
  form: form([
    ...applicantPages('person'),
    page('copil', t('Copilul', 'The child'), [
      ask('child_name', 'text', t('Numele și prenumele copilului', 'Child’s full name')),
      ask('child_cnp', 'cnp', t('CNP-ul copilului', 'Child’s personal numeric code')),
      yesNo('born_abroad', t('Copilul s-a născut în străinătate?', 'Was the child born abroad?'), {
        hint: t('Certificatul de naștere străin trebuie mai întâi transcris.', 'A foreign birth certificate must first be transcribed.'),
      }),
    ]),
    page('parinti', t('Părinții', 'The parents'), [
      choose('applicant_role', 'radios', t('În ce calitate depuneți cererea?', 'In what capacity are you applying?'), [
        ['mama', 'Mamă', 'Mother'],
        ['tata', 'Tată', 'Father'],
        ['tutore', 'Tutore sau persoană cu copilul în plasament', 'Guardian or foster carer'],
      ]),
      ask('guardianship', 'file', t('Hotărârea de tutelă sau de plasament', 'Guardianship or foster-care decision'), { maxFiles: 3, showIf: when('applicant_role', 'tutore') }),
      ask('other_parent_name', 'text', t('Numele celuilalt părinte', 'Other parent’s name'), { required: false }),
      ask('other_parent_cnp', 'cnp', t('CNP-ul celuilalt părinte', 'Other parent’s personal numeric code'), { required: false }),
      ask('parents_ids', 'file', t('Actele de identitate ale părinților', 'The parents’ identity documents'), { maxFiles: 4 }),
    ]),
    page('plata', t('Plata', 'Payment'), paymentItems()),
    declarationPage(),
  ]),
  fee: { kind: 'none' },
  term: { days: 30, unit: 'calendar' },
  tacitApproval: false,
  departmentCode: 'BEN',
  fileCode: 'I-2',
  keywords: ['alocație', 'alocația copilului', 'alocație de stat', 'copil nou-născut', 'alocație copii', 'naștere copil'],
};

const socialInquiry: ServiceDefinition = {
  code: 'ANCHETA-SOCIALA',
  category: 'asistenta_sociala',
  name: t('Anchetă socială', 'Social inquiry (home assessment report)'),
  description: t(
    'Un asistent social vizitează locuința și întocmește un raport despre condițiile de viață, cerut de instanță (locuința copilului, program de legături personale), pentru beneficii sociale, pentru internarea într-un centru sau de alte instituții.',
    'A social worker visits the home and writes a report on living conditions, as asked by a court (a child’s residence, contact arrangements), for social benefits, for admission to a care home, or by other institutions.',
  ),
  applicants: 'person',
  caseKind: 'request',
  documents: [doc('court_request', t('Adresa sau încheierea instanței care cere ancheta, dacă este cazul', 'The court’s letter or order asking for the inquiry, if any'), { optional: true })],
  form: form([
    ...applicantPages('person'),
    page('scop', t('Scopul anchetei', 'Purpose of the inquiry'), [
      choose('purpose', 'select', t('Pentru ce aveți nevoie de ancheta socială?', 'What do you need the inquiry for?'), [
        ['instanta_minori', 'Instanță — divorț, locuința copilului, program de legături personale', 'Court — divorce, child’s residence, contact arrangements'],
        ['instanta_alta', 'Instanță — alte cauze', 'Court — other proceedings'],
        ['beneficii', 'Acordarea unor beneficii sau servicii sociale', 'Social benefits or services'],
        ['centru', 'Internarea într-un centru rezidențial sau cămin pentru vârstnici', 'Admission to a residential centre or care home'],
        ['scoala', 'Unitatea de învățământ (de exemplu, bursă socială)', 'School (for example, a social grant)'],
        ['altul', 'Alt scop', 'Another purpose'],
      ]),
      ask('court_name', 'text', t('Instanța', 'Court'), { showIf: whenIn('purpose', ['instanta_minori', 'instanta_alta']) }),
      ask('court_file', 'text', t('Numărul dosarului', 'Case number'), { showIf: whenIn('purpose', ['instanta_minori', 'instanta_alta']) }),
      ask('court_deadline', 'date', t('Termenul de judecată', 'Hearing date'), { ...NOT_PAST, required: false, showIf: whenIn('purpose', ['instanta_minori', 'instanta_alta']) }),
      ask('court_request', 'file', t('Adresa sau încheierea instanței', 'The court’s letter or order'), { required: false, maxFiles: 3, showIf: whenIn('purpose', ['instanta_minori', 'instanta_alta']) }),
      ask('other_purpose', 'text', t('Precizați scopul', 'State the purpose'), { showIf: when('purpose', 'altul') }),
    ]),
    page('vizita', t('Vizita', 'The visit'), [
      ask('visit_address', 'address', t('Adresa la care se face vizita', 'Address to visit'), { prefill: 'person.address' }),
      group(
        'household',
        t('Persoanele care locuiesc la această adresă', 'People living at this address'),
        [
          ask('member_name', 'text', t('Numele și prenumele', 'Full name')),
          ask('member_relation', 'text', t('Relația cu dumneavoastră', 'Relationship to you'), { counterLabel: t('Relația cu solicitantul', 'Relationship to the applicant') }),
          ask('member_birth_year', 'number', t('Anul nașterii', 'Year of birth'), { min: 1900, max: 2100 }),
        ],
        { min: 1, max: 15 },
      ),
      choose('preferred_time', 'radios', t('Când vă putem găsi acasă?', 'When are you usually at home?'), [
        ['dimineata', 'Dimineața', 'Mornings'],
        ['dupa_amiaza', 'După-amiaza', 'Afternoons'],
        ['oricand', 'Oricând în timpul programului', 'Any time during office hours'],
      ]),
    ]),
    declarationPage(),
  ]),
  fee: { kind: 'none' },
  term: { days: 30, unit: 'calendar' },
  tacitApproval: false,
  departmentCode: 'ANCH',
  fileCode: 'II-1',
  keywords: ['anchetă socială', 'asistent social', 'divorț', 'custodie', 'locuința copilului', 'program de vizită', 'instanță', 'cămin de bătrâni'],
};

const disabilityAllowance: ServiceDefinition = {
  code: 'HANDICAP-INDEMNIZATIE',
  category: 'asistenta_sociala',
  name: t('Indemnizație lunară și buget personal complementar pentru adulții cu handicap', 'Monthly allowance and complementary personal budget for disabled adults'),
  description: t(
    'Adulții încadrați în grad de handicap primesc, după caz, indemnizația lunară (grav și accentuat) și bugetul personal complementar (grav, accentuat și mediu), potrivit Legii 448/2006. Persoanele cu handicap grav pot alege între asistent personal și indemnizație de însoțitor. Certificatul de încadrare, emis de comisia de evaluare a DGASPC, îl obținem noi.',
    'Adults with a recognised disability receive, as applicable, the monthly allowance (severe and pronounced) and the complementary personal budget (severe, pronounced and moderate), under Legea 448/2006. People with a severe disability may choose between a personal assistant and a carer’s allowance. We obtain the disability certificate, issued by DGASPC’s assessment board, ourselves.',
  ),
  applicants: 'person',
  caseKind: 'request',
  documents: [
    doc('disability_certificate', t('Certificatul de încadrare în grad de handicap', 'Disability assessment certificate'), {
      fetchedFrom: DISABILITY_BOARD,
    }),
    idCardDoc,
    doc('representation', t('Actul de reprezentare (tutelă, curatelă, măsură de ocrotire)', 'Proof of representation (guardianship, curatorship, protective measure)'), { optional: true }),
  ],
  form: form([
    ...applicantPages('person'),
    page('beneficiar', t('Beneficiarul', 'The beneficiary'), [
      choose('applicant_role', 'radios', t('Pentru cine solicitați?', 'Who are you applying for?'), [
        ['titular', 'Pentru mine', 'Myself'],
        ['reprezentant', 'Pentru o persoană pe care o reprezint legal', 'Someone I legally represent'],
      ]),
      ask('beneficiary_name', 'text', t('Numele și prenumele beneficiarului', 'Beneficiary’s full name'), { showIf: when('applicant_role', 'reprezentant') }),
      ask('beneficiary_cnp', 'cnp', t('CNP-ul beneficiarului', 'Beneficiary’s personal numeric code'), { showIf: when('applicant_role', 'reprezentant') }),
      ask('representation', 'file', t('Actul de reprezentare', 'Proof of representation'), { maxFiles: 3, showIf: when('applicant_role', 'reprezentant') }),
    ]),
    page('grad', t('Încadrarea', 'The assessment'), [
      ask('certificate_number', 'text', t('Numărul certificatului de încadrare', 'Certificate number')),
      ask('certificate_date', 'date', t('Data certificatului', 'Certificate date'), PAST),
      choose('degree', 'radios', t('Gradul de handicap', 'Degree of disability'), [
        ['grav', 'Grav', 'Severe'],
        ['accentuat', 'Accentuat', 'Pronounced'],
        ['mediu', 'Mediu', 'Moderate'],
      ]),
      choose(
        'assistance_choice',
        'radios',
        t('Pentru asistență, alegeți:', 'For assistance, you choose:'),
        [
          ['asistent_personal', 'Asistent personal angajat', 'An employed personal assistant'],
          ['indemnizatie_insotitor', 'Indemnizație de însoțitor', 'A carer’s allowance'],
          ['niciuna', 'Nu am dreptul la asistent personal conform certificatului', 'The certificate gives no right to a personal assistant'],
        ],
        { showIf: when('degree', 'grav') },
      ),
    ]),
    page('plata', t('Plata', 'Payment'), paymentItems()),
    declarationPage(),
  ]),
  fee: { kind: 'none' },
  term: { days: 30, unit: 'calendar' },
  tacitApproval: false,
  departmentCode: 'BEN',
  fileCode: 'III-1',
  keywords: ['handicap', 'indemnizație handicap', 'persoană cu dizabilități', 'dizabilitate', 'certificat de handicap', 'însoțitor', 'asistent personal', 'buget personal complementar'],
};

// ---------------------------------------------------------------------------------------------------------------
// Parking — Primăria Sectorului 5 (Direcția Patrimoniu)

const parkingDocs = [
  doc('vehicle_registration', t('Certificatul de înmatriculare al vehiculului', 'Vehicle registration certificate'), { fetchedFrom: DRPCIV }),
  doc('tax_clearance', t('Certificatul de atestare fiscală (fără datorii la bugetul local)', 'Local tax clearance certificate (no local debts)'), { fetchedFrom: DGITL }),
];

const parkingAllocation: ServiceDefinition = {
  code: 'PARCARE-ATRIBUIRE',
  category: 'parcari',
  name: t('Atribuirea unui loc de parcare de reședință', 'Allocation of a residential parking space'),
  description: t(
    'Locuitorii Sectorului 5 pot închiria, pe un an, un loc în parcările de reședință de lângă bloc, în limita locurilor libere, după regulamentul aprobat de consiliul local. Persoanele cu handicap au prioritate. Certificatul de înmatriculare și certificatul fiscal le obținem noi.',
    'Sector 5 residents may rent, for a year, a space in the residential car parks near their block, as spaces allow, under the council’s rules. Disabled people have priority. We obtain the vehicle registration and the tax clearance certificate ourselves.',
  ),
  applicants: 'person',
  caseKind: 'request',
  documents: [
    idCardDoc,
    ...parkingDocs,
    doc('use_proof', t('Contractul de leasing, adeverința angajatorului sau actul de identitate al membrului familiei, dacă nu sunteți proprietarul mașinii', 'Leasing contract, employer’s letter or the family member’s ID, if you do not own the car'), { optional: true }),
    doc('disability_certificate', t('Certificatul de încadrare în grad de handicap, pentru prioritate', 'Disability certificate, for priority'), {
      optional: true,
      fetchedFrom: DGASPC,
    }),
  ],
  form: form([
    ...applicantPages('person'),
    page('parcare', withCounter(t('Locul dorit', 'The space you want'), t('Locul dorit', 'The space requested')), [
      ask('block', 'text', t('Blocul, scara și strada', 'Block, entrance and street'), { hint: t('De exemplu: Bl. P12, sc. 2, Str. Sebastian', 'For example: Block P12, entrance 2, Sebastian Street') }),
      ask('preferred_spot', 'location', t('Parcarea dorită', 'Preferred car park'), { required: false }),
      yesNo('own_parking', t('Dețineți garaj sau loc de parcare propriu în zonă?', 'Do you have your own garage or parking space nearby?')),
    ]),
    page('vehicul', t('Mașina', 'The car'), [
      ask('plate', 'text', t('Numărul de înmatriculare', 'Registration number'), { max: 12 }),
      choose('vehicle_ownership', 'radios', t('Mașina este:', 'The car is:'), [
        ['proprietar', 'A mea', 'Mine'],
        ['leasing', 'În leasing, pe numele meu', 'Leased, in my name'],
        ['firma', 'De serviciu, a angajatorului', 'A company car from my employer'],
        ['familie', 'A unui membru al familiei cu același domiciliu', 'A family member’s, living at the same address'],
      ]),
      ask('use_proof', 'file', t('Contractul de leasing, adeverința angajatorului sau actul membrului familiei', 'Leasing contract, employer’s letter or the family member’s ID'), {
        maxFiles: 3,
        showIf: whenIn('vehicle_ownership', ['leasing', 'firma', 'familie']),
      }),
      yesNo('disability', t('Dumneavoastră sau un membru al familiei aveți un handicap locomotor?', 'Do you or a family member have a mobility disability?'), {
        counterLabel: t('Solicitantul sau un membru al familiei are un handicap locomotor?', 'Does the applicant or a family member have a mobility disability?'),
      }),
    ]),
    declarationPage(),
  ]),
  // Illustrative yearly rent set by the council.
  fee: { kind: 'fixed', amount: 12000 },
  term: { days: 30, unit: 'calendar' },
  // Allocation of public land within the spaces available: not granted by silence.
  tacitApproval: false,
  departmentCode: 'PARC',
  fileCode: 'V-1',
  keywords: ['parcare', 'loc de parcare', 'parcare de reședință', 'parcare bloc', 'abonament parcare', 'mașină'],
};

const parkingRenewal: ServiceDefinition = {
  code: 'PARCARE-REINNOIRE',
  category: 'parcari',
  name: t('Reînnoirea locului de parcare de reședință', 'Renewal of a residential parking space'),
  description: t(
    'Prelungiți pentru încă un an contractul pentru locul de parcare de reședință. Dacă ați schimbat mașina, indicați noul număr de înmatriculare. Certificatul fiscal îl obținem noi.',
    'Extend the contract for your residential parking space for another year. If you changed car, give the new registration number. We obtain the tax clearance certificate ourselves.',
  ),
  applicants: 'person',
  caseKind: 'request',
  documents: parkingDocs,
  form: form([
    ...applicantPages('person'),
    page('contract', t('Contractul', 'The contract'), [
      ask('contract_number', 'text', t('Numărul contractului', 'Contract number')),
      ask('spot_number', 'text', t('Numărul locului de parcare', 'Parking space number'), { required: false }),
      yesNo('vehicle_changed', t('Ați schimbat mașina?', 'Have you changed car?')),
      ask('new_plate', 'text', t('Noul număr de înmatriculare', 'New registration number'), { max: 12, showIf: when('vehicle_changed', 'da') }),
      ask(
        'still_resident',
        'declaration',
        t('Declar că locuiesc în continuare la adresa pentru care mi s-a atribuit locul.', 'I declare that I still live at the address for which the space was allocated.'),
      ),
    ]),
    declarationPage(),
  ]),
  fee: { kind: 'fixed', amount: 12000 },
  term: { days: 30, unit: 'calendar' },
  tacitApproval: false,
  departmentCode: 'PARC',
  fileCode: 'V-1',
  keywords: ['reînnoire parcare', 'prelungire parcare', 'parcare', 'abonament parcare', 'loc de parcare'],
};

// ---------------------------------------------------------------------------------------------------------------
// Public consultations — Primăria Sectorului 5

const consultation: ServiceDefinition = {
  code: 'CONSULTARE-PUBLICA',
  category: 'consultari',
  name: t('Propuneri la proiecte de hotărâri în consultare publică', 'Comments on draft council decisions under public consultation'),
  description: t(
    'Proiectele de hotărâri ale Consiliului Local al Sectorului 5 se publică cu cel puțin 30 de zile înainte de adoptare, iar propunerile, sugestiile și opiniile se primesc cel puțin 10 zile calendaristice (Legea 52/2003). O asociație legal constituită sau o altă autoritate publică poate cere organizarea unei dezbateri publice.',
    'Draft decisions of the Sector 5 Local Council are published at least 30 days before adoption, and proposals, suggestions and opinions are accepted for at least 10 calendar days (Legea 52/2003). A registered association or another public authority may ask for a public debate.',
  ),
  applicants: 'both',
  caseKind: 'request',
  documents: [],
  form: form([
    page('proiect', t('Proiectul', 'The draft'), [
      ask('draft_title', 'text', t('Proiectul de hotărâre (titlul sau numărul)', 'Draft decision (title or number)'), { max: 300 }),
      ask('article', 'text', t('Articolul sau secțiunea la care vă referiți', 'Article or section you comment on'), { required: false, max: 100 }),
      ask('proposal', 'textarea', t('Propunerea, sugestia sau opinia dumneavoastră', 'Your proposal, suggestion or opinion'), {
        min: 10,
        counterLabel: t('Propunerea, sugestia sau opinia solicitantului', 'The applicant’s proposal, suggestion or opinion'),
      }),
      ask('justification', 'textarea', t('Motivarea', 'Reasons'), { required: false }),
      attachments(),
    ]),
    page('dezbatere', t('Dezbatere publică', 'Public debate'), [
      yesNo('request_debate', t('Solicitați organizarea unei dezbateri publice?', 'Are you asking for a public debate?'), {
        hint: t('Poate fi cerută de o asociație legal constituită sau de o altă autoritate publică.', 'It may be asked for by a registered association or another public authority.'),
      }),
      ask('association_name', 'text', t('Denumirea asociației sau a autorității', 'Name of the association or authority'), { showIf: when('request_debate', 'da') }),
      ask('association_cif', 'cui', t('Codul de identificare fiscală', 'Tax identification number'), { showIf: when('request_debate', 'da') }),
      choose('publish_name', 'radios', t('Cum apare propunerea în raportul consultării?', 'How should your comment appear in the consultation report?'), [
        ['cu_nume', 'Cu numele meu', 'With my name'],
        ['anonimizat', 'Fără nume', 'Without my name'],
      ]),
    ]),
    ...applicantPages('both'),
  ]),
  fee: { kind: 'none' },
  term: { days: 30, unit: 'calendar' },
  tacitApproval: false,
  departmentCode: 'INFO',
  fileCode: 'VI-1',
  keywords: ['consultare publică', 'transparență decizională', 'proiect de hotărâre', 'dezbatere publică', 'propunere', 'HCL', 'Legea 52/2003'],
};

// ---------------------------------------------------------------------------------------------------------------

const of = (institutionSlug: DemoInstitutionSlug, services: ServiceDefinition[]): DemoService[] => services.map((service) => ({ institutionSlug, service }));

export const DEMO_SERVICES: DemoService[] = [
  ...of('sector5', [
    generalRequest,
    petition,
    streetReport,
    publicInformation,
    audience,
    archiveCopies,
    birthTranscription,
    marriage,
    deathRegistration,
    certificateCopy,
    idCardBooking,
    urbanismCertificate,
    buildingPermit,
    worksStart,
    worksEnd,
    streetAddress,
    operatingApproval,
    openingHours,
    terrace,
    streetTrade,
    parkingAllocation,
    parkingRenewal,
    consultation,
  ]),
  ...of('dgitl5', [buildingDeclaration, landDeclaration, vehicleDeclaration, vehicleDeregistration, fiscalCertificate, refund, petitionOf('IMP-PF')]),
  ...of('dgaspc5', [minimumIncome, childAllowance, socialInquiry, disabilityAllowance, petitionOf('BEN')]),
];
