import { AlignmentType, Document, Header, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import type { T } from '../../platform/i18n/i18n.ts';
import { conditionText, feeText, localText, termText } from './describe.ts';
import type { Group, Question } from './domain/form-definition.ts';
import type { ServiceDefinition } from './domain/service-definition.ts';
import type { CatalogInstitution } from './institutions.ts';

/*
 * The service's form as an editable Word document (OUG 41/2016: forms are published downloadable and editable),
 * generated from the same FormDefinition as the online journey: every question with room for the answer, boxes
 * to tick for choices, the documents to attach and the institution's header.
 */

const BOX = '☐';
const LINE = '_'.repeat(60);

const para = (text: string, options: { bold?: boolean; italics?: boolean; size?: number; indent?: boolean } = {}) =>
  new Paragraph({
    indent: options.indent ? { left: 360 } : undefined,
    spacing: { after: 80 },
    children: [new TextRun({ text, bold: options.bold, italics: options.italics, size: options.size })],
  });

function answerSpace(t: T, q: Question): Paragraph[] {
  switch (q.type) {
    case 'textarea':
      return [para(LINE), para(LINE), para(LINE), para(LINE)];
    case 'date':
      return [para(t('catalog.docx.date'))];
    case 'select':
    case 'radios':
      return [para(t('catalog.docx.choose_one'), { italics: true, size: 18 }), ...(q.options ?? []).map((o) => para(`${BOX} ${localText(t, o.label)}`, { indent: true }))];
    case 'checkboxes':
      return [para(t('catalog.docx.choose_many'), { italics: true, size: 18 }), ...(q.options ?? []).map((o) => para(`${BOX} ${localText(t, o.label)}`, { indent: true }))];
    case 'address':
      return (['street', 'number', 'details', 'locality', 'county'] as const).map((k) => para(`${t(`catalog.docx.address.${k}`)}: ${'_'.repeat(40)}`, { indent: true }));
    case 'declaration':
      return [];
    case 'file':
      return [para(`${BOX} ${t('catalog.docx.attach')}`, { indent: true })];
    case 'location':
      return [para(t('catalog.docx.location'), { indent: true }), para(LINE)];
    default:
      return [para(LINE)];
  }
}

function questionBlock(t: T, def: ServiceDefinition, q: Question, number: string): Paragraph[] {
  const condition = conditionText(t, q.showIf, def);
  const label = q.type === 'declaration' ? `${BOX} ${localText(t, q.label)}` : `${number} ${localText(t, q.label)}`;
  return [
    new Paragraph({
      spacing: { before: 160, after: 60 },
      children: [new TextRun({ text: label, bold: true }), ...(q.required === false ? [new TextRun({ text: ` ${t('catalog.docx.optional')}`, italics: true })] : [])],
    }),
    ...(condition ? [para(`${condition}.`, { italics: true, size: 18 })] : []),
    ...(q.hint ? [para(localText(t, q.hint), { italics: true, size: 18 })] : []),
    ...answerSpace(t, q),
  ];
}

function groupBlock(t: T, def: ServiceDefinition, g: Group, number: string): Paragraph[] {
  const condition = conditionText(t, g.showIf, def);
  return [
    new Paragraph({ spacing: { before: 160, after: 60 }, children: [new TextRun({ text: `${number} ${localText(t, g.label)}`, bold: true })] }),
    ...(condition ? [para(`${condition}.`, { italics: true, size: 18 })] : []),
    ...(g.hint ? [para(localText(t, g.hint), { italics: true, size: 18 })] : []),
    para(t('catalog.docx.repeat', { max: g.maxItems }), { italics: true, size: 18 }),
    ...g.questions.flatMap((q, i) => questionBlock(t, def, q, `${number}${i + 1}.`)),
  ];
}

export async function serviceFormDocx(t: T, input: { institution: CatalogInstitution; definition: ServiceDefinition; onlineUrl: string }): Promise<Buffer> {
  const { institution, definition: def } = input;
  const name = localText(t, def.name);
  let n = 0;
  const body: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(t('catalog.docx.title', { service: name }))] }),
    para(t('catalog.docx.to', { institution: institution.name }), { bold: true }),
    para(t('catalog.docx.intro', { url: input.onlineUrl }), { italics: true, size: 18 }),
  ];
  for (const page of def.form.pages) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240 }, children: [new TextRun(localText(t, page.title))] }));
    const condition = conditionText(t, page.showIf, def);
    if (condition) body.push(para(`${condition}.`, { italics: true, size: 18 }));
    for (const item of page.items) {
      n++;
      body.push(...(item.type === 'group' ? groupBlock(t, def, item, `${n}.`) : questionBlock(t, def, item, `${n}.`)));
    }
  }
  body.push(new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240 }, children: [new TextRun(t('catalog.docx.documents'))] }));
  for (const d of def.documents) {
    const docName = `${localText(t, d.name)}${d.required ? '' : ` ${t('catalog.docx.optional')}`}`;
    body.push(para(`${BOX} ${d.fetchedByInstitution ? t('catalog.docx.fetched', { name: docName }) : d.presentedInOriginal ? t('catalog.docx.in_original', { name: docName }) : docName}`, { indent: true }));
    const condition = conditionText(t, d.showIf, def);
    if (condition) body.push(para(`${condition}.`, { indent: true }));
  }
  if (def.documents.length === 0) body.push(para(t('catalog.service.no_documents')));
  // The online form asks for this consent (OUG 41/2016); on paper it is the applicant's tick, else they bring the papers.
  if (def.documents.some((d) => d.fetchedByInstitution)) body.push(para(`${BOX} ${t('catalog.docx.consent', { institution: institution.name })}`));
  body.push(
    para(t('catalog.docx.fee', { fee: feeText(t, def) })),
    para(def.term.days === 0 ? t('catalog.docx.term_none', { term: termText(t, def.term) }) : t('catalog.docx.term', { term: termText(t, def.term) })),
    new Paragraph({ spacing: { before: 480 }, children: [new TextRun(t('catalog.docx.signature'))] }),
    para(t('catalog.docx.gdpr', { institution: institution.name }), { italics: true, size: 16 }),
  );
  const doc = new Document({
    creator: institution.name,
    title: t('catalog.docx.title', { service: name }),
    description: def.code,
    sections: [
      {
        headers: {
          default: new Header({
            children: [
              new Paragraph({ children: [new TextRun({ text: institution.name, bold: true })] }),
              new Paragraph({ children: [new TextRun({ text: t('catalog.docx.contact', { address: institution.address, cui: institution.cui }), size: 16 })] }),
            ],
          }),
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
