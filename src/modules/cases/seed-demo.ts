import { randomUUID } from 'node:crypto';
import { recordRepresentationRequest } from '../identity/request-representation.ts';
import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { PdfWriter } from '../../platform/pdf/pdf-document.ts';
import type { Answers } from '../catalog/domain/form-definition.ts';
import { generateAnswer } from '../documents/generate-answer.ts';
import { saveAnswerDraft } from '../documents/save-answer-draft.ts';
import { DEMO_SIGNING_PIN } from '../documents/seed-demo.ts';
import { signAnswer } from '../documents/sign-answer.ts';
import { DEMO_ACCOUNTS, DEMO_COMPANY, type DemoAccount } from '../identity/seed-demo.ts';
import { DEMO, demoDepartmentId } from '../organisation/seed-demo.ts';
import { registerEntry } from '../registry/register-entry.ts';
import { totpCode } from '../identity/totp.ts';
import { attachDocument, type Upload } from '../submission/attach-document.ts';
import { completeDocumentStep } from '../submission/complete-document-step.ts';
import { answersToRaw, fetchedDocuments, nextStep } from '../submission/domain/journey.ts';
import { getDraft, type SubmissionDeps } from '../submission/get-draft.ts';
import { recordConsents } from '../submission/record-consents.ts';
import { applicablePage, pageItems, saveDraftPage } from '../submission/save-draft-page.ts';
import { startDraft } from '../submission/start-draft.ts';
import { submitDraft } from '../submission/submit-draft.ts';
import { actOnStep } from '../workflow/act-on-step.ts';
import type { WorkflowAction } from '../workflow/domain/workflow-definition.ts';
import { getCaseWorkflow } from '../workflow/get-case-workflow.ts';
import type { AnswerOutcome } from './domain/case-state.ts';
import { getCaseForOfficial } from './get-case-for-official.ts';
import { listCasesOfApplicant } from './list-cases-of-applicant.ts';
import { sendCaseMessage } from './send-case-message.ts';

/*
 * The demo's cases: what the demo citizen Ion Popescu (and Maria Ionescu for Construct Demo SRL) finds under
 * "Cererile mele" on a fresh `npm start`. Every case is made the way people make it — draft, pages, submission, then
 * the officials' workflow actions, messages and the signed answer — through the same use cases the pages and the API
 * call, so numbers, tracking codes, deadlines, timelines, e-mails and audit entries are the platform's own.
 *
 * Not part of the demo seed (src/seed.ts): the test template database must stay without cases (tests count
 * registry numbers from 1). main.ts runs it after the demo seed, with a runtime (jobs, blobs, notifier).
 */

const { ion, maria, registryClerk, inspector, headOfDepartment, mayor, publicInformation } = DEMO_ACCOUNTS;

/** A demo account as the use cases see it once signed in (password and second factor done). */
export function actorOf(a: DemoAccount): Actor {
  return {
    accountId: a.id,
    sessionId: 'demo-seed',
    email: a.email,
    displayName: a.displayName,
    locale: 'ro',
    isOfficial: a.official,
    emailVerified: true,
    totpEnabled: a.totpSecret !== null,
    mfaPassed: true,
    // A head who is also the compartment's inspector holds both roles.
    memberships: a.membership ? (a.alsoRole ? [a.membership, { ...a.membership, role: a.alsoRole }] : [a.membership]) : [],
    ip: null,
  };
}

/** A request to Sector 5, where the demo officials work. */
type Application = {
  who: DemoAccount;
  code: string;
  companyId?: string;
  answers: Answers;
  /** File questions of the form: the title of the demo PDF uploaded for each. */
  files?: Record<string, DemoFile>;
};

type DemoFile = { filename: string; title: string; lines: string[] };

/** A small, real PDF standing for what a person scans and uploads (marked as a demo document). */
async function demoPdf(file: DemoFile): Promise<Upload> {
  const pdf = await PdfWriter.create({ title: file.title, author: 'Primăria Digitală (demo)' });
  pdf.heading(file.title);
  for (const line of file.lines) pdf.text(line);
  pdf.text('Document demonstrativ, fără valoare juridică.', { color: 'grey' });
  return { filename: file.filename, bytes: await pdf.save(), truncated: false };
}

/**
 * Goes through the online journey as the person would: every page the journey asks (the profile answers the rest),
 * the consent to fetch documents from other bodies, the document pages, then "Trimite cererea" with the declaration.
 */
async function apply(deps: SubmissionDeps, a: Application): Promise<string> {
  const actor = actorOf(a.who);
  const { draftId } = await startDraft(deps, actor, { institutionSlug: 'sector5', code: a.code, companyId: a.companyId ?? null, restart: false });
  for (let steps = 0; steps < 20; steps++) {
    const draft = await getDraft(deps, actor, draftId);
    const def = draft.version.definition;
    const step = nextStep({ def: def.form, documents: def.documents, answers: draft.answers, prefilled: draft.prefilled, completedPages: draft.completedPages, consents: draft.consents });
    if (step.kind === 'check') return (await submitDraft(deps, actor, { draftId, declared: true })).caseId;
    if (step.kind === 'consent') {
      await recordConsents(deps, actor, { draftId, agreed: fetchedDocuments(def.documents, draft.answers).map((d) => d.id) });
    } else if (step.kind === 'document') {
      await completeDocumentStep(deps, actor, { draftId, documentId: step.documentId });
    } else {
      const page = applicablePage(draft, step.pageId);
      const items = pageItems(draft, page, false);
      for (const item of items) {
        const file = a.files?.[item.id];
        if (item.type === 'file' && file && !draft.documents.some((d) => d.questionId === item.id)) {
          await attachDocument(deps, actor, { draftId, target: { kind: 'question', id: item.id }, upload: await demoPdf(file) });
        }
      }
      const saved = await saveDraftPage(deps, actor, { draftId, pageId: page.id, raw: answersToRaw(items, a.answers), showAll: false });
      // The catalogue changed under the demo: say which answers no longer fit, rather than leave a half-made case.
      if (!saved.ok) throw new Error(`demo case ${a.code}: page ${page.id} refused ${JSON.stringify(saved.errors)}`);
    }
  }
  throw new Error(`demo case ${a.code}: the journey did not reach check-your-answers`);
}

/** An official opens the case page (an audited read of the applicant's data) and takes a workflow action there. */
async function act(deps: AppDeps, who: DemoAccount, caseId: string, action: WorkflowAction, extra: { assigneeId?: string; text?: string } = {}) {
  const actor = actorOf(who);
  await getCaseForOfficial(deps, actor, caseId);
  const wf = await getCaseWorkflow(deps, actor, caseId);
  return actOnStep(deps, actor, { caseId, action, step: wf.step.key, version: wf.version, transactionId: randomUUID(), ...extra });
}

const message = (deps: AppDeps, who: DemoAccount, caseId: string, text: string) =>
  sendCaseMessage(deps, actorOf(who), { caseId, text, transactionId: randomUUID() });

/**
 * Signs the answer with the official's demo key: PIN and a TOTP code. The code is the previous 30-second one (the
 * check accepts one step of drift), so the current code stays free for whoever signs in as this official right after
 * the first start — except for a second signature by the same official (the mayor signs two demo answers).
 */
function sign(deps: AppDeps, who: DemoAccount, documentId: string, signedBefore: Set<string>) {
  // A code is accepted once: someone signing a second time in the same seconds uses the current code.
  const at = new Date(deps.now().getTime() - (signedBefore.has(who.id) ? 0 : 30_000));
  signedBefore.add(who.id);
  return signAnswer(deps, actorOf(who), { documentId, pin: DEMO_SIGNING_PIN, code: totpCode(who.totpSecret!, at), transactionId: randomUUID() });
}

/**
 * The answer goes the default route: the inspector writes it, generates it, signs and approves; the head of
 * department signs (once, when she is the inspector too) and approves; the mayor signs; the registry issues it.
 */
async function answerAndIssue(
  deps: AppDeps,
  caseId: string,
  who: { inspector: DemoAccount; head: DemoAccount },
  signed: Set<string>,
  answer: { outcome: AnswerOutcome; text: string },
): Promise<void> {
  await saveAnswerDraft(deps, actorOf(who.inspector), { caseId, ...answer });
  const { documentId } = await generateAnswer(deps, actorOf(who.inspector), { caseId });
  await sign(deps, who.inspector, documentId, signed);
  await act(deps, who.inspector, caseId, 'approve');
  if (who.head.id !== who.inspector.id) await sign(deps, who.head, documentId, signed);
  await act(deps, who.head, caseId, 'approve');
  await sign(deps, mayor, documentId, signed);
  await act(deps, mayor, caseId, 'sign');
  await act(deps, registryClerk, caseId, 'issue');
}

/** Registry routes it to the department, whose head gives it to the inspector Andrei Popa. */
async function routeToInspector(deps: AppDeps, caseId: string): Promise<void> {
  await act(deps, registryClerk, caseId, 'forward');
  await act(deps, headOfDepartment, caseId, 'assign', { assigneeId: inspector.id });
}

const sector5 = (street: string, number: string) => ({ street, number, locality: 'București, Sector 5', county: 'București' });
const PLOT = sector5('Str. Sălciilor', '12');
const asPerson = { applicant_kind: 'pf', phone: '0721 234 567', declaration_truth: true };

/** Ion asks for an urbanism certificate for land he owns, with the plan he scanned. */
const applyForUrbanismCertificate = (deps: SubmissionDeps, land: Answers, purpose: Answers, plan: DemoFile) =>
  apply(deps, { who: ion, code: 'CERT-URBANISM', answers: { ...asPerson, ...land, is_owner: 'da', urgency: 'standard', ...purpose }, files: { site_plans: plan } });

/**
 * Loads the demo cases unless the demo citizen already has requests (so a second run changes nothing). Returns how
 * many cases it created.
 */
export async function seedDemoCases(appDeps: AppDeps): Promise<number> {
  const deps: SubmissionDeps = appDeps;
  if ((await listCasesOfApplicant(deps, actorOf(ion), { page: 1 })).total > 0) return 0;
  const signed = new Set<string>();

  // 1. Street-name certificate for his plot: answered, signed by inspector, head and mayor, sealed and issued.
  const address = await apply(deps, {
    who: ion,
    code: 'NOMENCLATURA',
    answers: { ...asPerson, property_address: PLOT, cadastral_number: '234567', property_type: 'teren', purpose: 'intabulare' },
  });
  await routeToInspector(deps, address);
  await answerAndIssue(deps, address, { inspector, head: headOfDepartment }, signed, {
    outcome: 'granted',
    text: 'Imobilului din Str. Sălciilor nr. 12 (nr. cadastral 234567) i se atribuie adresa poștală Str. Sălciilor nr. 12, Sector 5, București, conform nomenclaturii stradale.\n\nCertificatul se poate folosi la intabulare.',
  });

  // 2. Urbanism certificate to extend the house on the same plot: the inspector asks for the plans endorsed by OCPI.
  const extension = await applyForUrbanismCertificate(
    deps,
    { property_address: PLOT, cadastral_number: '234567', land_area: 420 },
    { purpose: 'construire', works_description: 'Extinderea casei cu o cameră la parter (aproximativ 20 m²) și mansardarea podului.' },
    {
      filename: 'plan-situatie.pdf',
      title: 'Plan de situație — Str. Sălciilor nr. 12',
      lines: ['Teren intravilan, 420 m², nr. cadastral 234567.', 'Construcție existentă: casă P, 96 m². Extindere propusă: 20 m² pe latura de est.'],
    },
  );
  await routeToInspector(deps, extension);
  await act(deps, inspector, extension, 'request_completion', {
    text: 'Bună ziua. Planul de situație încărcat nu are viza OCPI București. Vă rog să încărcați planul de încadrare în zonă și planul de situație vizate de OCPI, apoi să apăsați „Am trimis toate documentele”.',
  });

  // 3. Urbanism certificate to divide a plot: with the inspector, who arranges a site visit through messages.
  const division = await applyForUrbanismCertificate(
    deps,
    { property_address: sector5('Str. Petre Ispirescu', '31'), cadastral_number: '219874', land_area: 860 },
    { purpose: 'notarial' },
    {
      filename: 'plan-dezmembrare.pdf',
      title: 'Plan de amplasament și delimitare — Str. Petre Ispirescu nr. 31',
      lines: ['Teren intravilan, 860 m², nr. cadastral 219874, vizat OCPI.', 'Dezmembrare propusă în două loturi: 430 m² și 430 m².'],
    },
  );
  await routeToInspector(deps, division);
  await message(deps, inspector, division, 'Bună ziua, domnule Popescu. Pentru dezmembrare trebuie să verificăm pe teren limitele parcelei. Vă convine joi, între orele 10 și 12?');
  await message(deps, ion, division, 'Bună ziua. Da, joi între 10 și 12 este în regulă; vă aștept la poartă. Mulțumesc!');
  await message(deps, inspector, division, 'Mulțumesc, ne vedem joi. Certificatul îl emitem în termen după verificare.');

  // 4. A report of broken street lights, just registered: waiting in the registry's inbox.
  await apply(deps, {
    who: ion,
    code: 'SESIZARE',
    answers: {
      ...asPerson,
      problem_type: 'iluminat',
      location: { lat: 44.4203, lng: 26.0734, description: 'Str. Fabrica de Chibrituri, în dreptul blocului 3' },
      description: 'De o săptămână nu se aprind trei stâlpi de iluminat de pe trotuarul dintre blocurile 3 și 5. Seara trotuarul este complet întunecat.',
      danger: 'nu',
    },
  });

  // 5. A public-information request (Legea 544/2001), answered with the information by the compartment's officer
  //    (head and inspector at once), signed by her and the mayor.
  const info = await apply(deps, {
    who: ion,
    code: 'INFO-544',
    answers: {
      ...asPerson,
      info_requested: 'Vă rog să îmi comunicați valoarea contractului pentru reabilitarea iluminatului public din Sector 5 încheiat în anul 2026 și durata lui.',
      answer_format: 'electronic',
    },
  });
  await act(deps, registryClerk, info, 'forward');
  await act(deps, publicInformation, info, 'assign', { assigneeId: publicInformation.id });
  await answerAndIssue(deps, info, { inspector: publicInformation, head: publicInformation }, signed, {
    outcome: 'information',
    text: 'Contractul de lucrări pentru reabilitarea iluminatului public din Sector 5, încheiat în anul 2026, are valoarea de 4.850.000 lei fără TVA și o durată de 18 luni de la ordinul de începere.\n\nContractul este publicat integral pe pagina de internet a primăriei, secțiunea „Achiziții publice”.',
  });

  // 6. Maria Ionescu, for Construct Demo SRL: the notice that works start on a site, registered.
  const today = deps.now();
  const isoDay = (days: number) => new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  await apply(deps, {
    who: maria,
    code: 'ANUNT-INCEPERE',
    companyId: DEMO_COMPANY.id,
    answers: {
      applicant_kind: 'pj',
      representative_role: 'administrator',
      phone: '0731 456 789',
      ac_number: '412',
      ac_date: isoDay(-40),
      property_address: sector5('Str. Progresului', '88'),
      start_date: isoDay(10),
      own_works: 'da',
      site_supervisor: 'Ing. Daniel Radu',
      declaration_truth: true,
    },
  });

  // 8. Ion Popescu asks to act for his carpentry workshop: its mandate waits for the registry (/birou/reprezentanti).
  const mandate = await demoPdf({
    filename: 'imputernicire-tamplaria-popescu.pdf',
    title: 'Împuternicire',
    lines: ['Tâmplăria Popescu SRL, CUI 3157647, J40/5521/2019', 'împuternicește pe Ion Popescu să depună cereri în numele societății la Primăria Sectorului 5.'],
  });
  const mandateSha256 = await deps.blobs.put(mandate.bytes);
  await deps.db.transaction((tx) =>
    recordRepresentationRequest(tx, {
      accountId: ion.id,
      company: { cui: '3157647', name: 'Tâmplăria Popescu SRL', tradeRegisterNo: 'J40/5521/2019' },
      mandateSha256,
      mandateFilename: mandate.filename,
      ip: null,
      now: deps.now(),
    }),
  );

  // 7. Letters registered at the registry without a case, waiting in their departments (/birou/documente).
  const letters = [
    { department: 'CU', issuerName: 'Inspectoratul de Stat în Construcții — Inspectoratul Județean București', summary: 'Notificare privind controlul tematic al certificatelor de urbanism emise în trimestrul al III-lea', reference: '8412' },
    { department: 'ARH', issuerName: 'Arhivele Naționale — Serviciul Municipiului București', summary: 'Adresă privind actualizarea nomenclatorului arhivistic al instituției', reference: '3377' },
  ];
  for (const l of letters) {
    await registerEntry(deps, {
      actor: actorOf(registryClerk),
      institutionId: DEMO.sector5,
      draft: {
        direction: 'incoming',
        channel: 'post',
        issuerName: l.issuerName,
        issuerCode: null,
        issuerReference: l.reference,
        issuerDate: isoDay(-3),
        pageCount: 2,
        annexCount: 0,
        summary: l.summary,
        addressee: null,
        departmentId: demoDepartmentId(DEMO.sector5, l.department),
        fileCode: null,
        repliesTo: null,
        linkedTo: null,
        caseServiceCode: null,
        issuerAddress: null,
        issuerEmail: null,
        issuerPhone: null,
        confirmedTwin: false,
      },
      scans: [await demoPdf({ filename: `adresa-${l.reference}.pdf`, title: l.summary, lines: [l.issuerName, `Nr. ${l.reference}`] })],
    });
  }
  return 6;
}
