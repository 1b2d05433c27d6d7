import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { PLATFORM_CHAIN, recordAudit } from '../../platform/audit/audit.ts';
import { type DataRecord, type DataSection, dataSections } from './data-sections.ts';

export const EXPORT_FORMAT = 'primaria-digitala.personal-data.v1';

export type PersonalData = {
  generatedAt: Date;
  accountId: string;
  sections: { section: DataSection; records: DataRecord[] }[];
};

/**
 * Everything the registered data sections hold about the signed-in person (GDPR art. 15 and 20). There is no
 * parameter naming the person: the actor is the subject. `download` records the export in the audit log.
 */
export async function exportPersonalData(deps: AppDeps, actor: Actor, options: { download: boolean }): Promise<PersonalData> {
  const subject = { accountId: actor.accountId };
  return deps.db.transaction(async (tx) => {
    const sections: PersonalData['sections'] = [];
    for (const section of dataSections()) sections.push({ section, records: await section.collect(tx, subject) });
    if (options.download) {
      await recordAudit(tx, {
        chain: PLATFORM_CHAIN,
        actorId: actor.accountId,
        action: 'privacy.exported',
        subjectId: actor.accountId,
        entity: 'account',
        entityId: actor.accountId,
        details: { sections: sections.map((s) => s.section.key) },
        ip: actor.ip,
      });
    }
    return { generatedAt: deps.now(), accountId: actor.accountId, sections };
  });
}

export type PersonalDataJson = {
  format: string;
  generatedAt: string;
  accountId: string;
  sections: Record<string, Record<string, string | number | boolean | null>[]>;
};

/** The machine-readable export: one key per section, dates as ISO 8601. */
export function personalDataJson(data: PersonalData): PersonalDataJson {
  const sections: PersonalDataJson['sections'] = {};
  for (const { section, records } of data.sections) {
    sections[section.key] = records.map((r) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])),
    );
  }
  return { format: EXPORT_FORMAT, generatedAt: data.generatedAt.toISOString(), accountId: data.accountId, sections };
}
