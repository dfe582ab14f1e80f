import type { Database } from '../../server/db/database';
import { nextValue } from '../../server/db/models/counter';
import type { SessionKind } from '../../shared/sessions';
import { utcToZonedWallTime } from '../../shared/time';
import { apiClient } from './accounts';

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

/**
 * A case-review session five days ahead at 10:00 in Mexico City, scheduled through the API as a
 * coordinator does (so its case cut-off is days away); returns its id.
 */
export async function scheduleThroughApi(
  baseUrl: string,
  coordinatorCookie: string,
  fields: { title: string; hostCenterId: string; invitedCenterIds: string[]; durationMinutes?: number },
): Promise<string> {
  const created = await apiClient(baseUrl, coordinatorCookie)('POST', '/sessions', {
    kind: 'case_review',
    startsAtLocal: utcToZonedWallTime(new Date(Date.now() + 5 * 86_400_000), 'America/Mexico_City').slice(0, 11) + '10:00',
    durationMinutes: 90,
    ...fields,
  });
  if (created.status !== 201) throw new Error(`the session was not scheduled: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.session.id as string;
}
