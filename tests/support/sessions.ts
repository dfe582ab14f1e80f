import type { Database } from '../../server/db/database';
import { nextValue } from '../../server/db/models/counter';
import type { SessionKind } from '../../shared/sessions';

/** A session starting in a few minutes, so its room is open, written straight to the database. */
export async function createSessionSoon(
  db: Database,
  options: {
    hostCenterId: string;
    invitedCenterIds?: string[];
    createdBy: string;
    startsInMinutes?: number;
    title?: string;
    kind?: SessionKind;
    durationMinutes?: number;
    quorumSpecialties?: number;
    creditThresholdPercent?: number;
  },
): Promise<string> {
  const { startsInMinutes = 10, title = 'Sesión de prueba', ...fields } = options;
  const session = await db.models.sessions.create({
    number: await nextValue(db.models.counters, 'session'),
    kind: 'case_review',
    title,
    startsAt: new Date(Date.now() + startsInMinutes * 60_000),
    timeZone: 'America/Mexico_City',
    durationMinutes: 90,
    ...fields,
  });
  return String(session._id);
}

/** A pseudonymised case in a session, written straight to the database; returns its id. */
export async function createCaseIn(db: Database, sessionId: string, fields: { centerId: string; createdBy: string } & Record<string, unknown>): Promise<string> {
  const created = await db.models.cases.create({
    caseCode: 'YUC-2026-003',
    ageYears: 9,
    sex: 'male',
    state: 'YUC',
    icd10Code: 'C91.0',
    diagnosis: 'LLA en recaída',
    ...fields,
    sessionId,
  });
  return String(created._id);
}
