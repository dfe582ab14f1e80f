/**
 * Years of a national network at the pace the network reports — about 63 sessions and 57 cases a
 * year, 40 people per session with reconnections — and what each session leaves behind, written
 * straight to the database. The whole span is planned at once (numbers, dates and ids fixed), so
 * that it can be written a few years at a time and measured after each.
 */
import { Types } from 'mongoose';
import type { Database } from '../server/db/database';
import { chunkedDocuments } from '../server/db/chunkedList';
import { attendanceRecordsOf } from '../server/db/models/attendance';
import { LINES_PER_DOCUMENT } from '../server/db/models/chat';
import { CERTIFICATE_CODE_ALPHABET } from '../shared/attendance';
import { DEFAULT_TIME_ZONE } from '../shared/mexico';
import type { SessionKind } from '../shared/sessions';
import { utcToZonedWallTime } from '../shared/time';
import { createAccount, createCenter, type TestAccount } from '../tests/support/accounts';

export const SESSIONS_PER_YEAR = 190 / 3;
export const PEOPLE_PER_SESSION = 40;
export const DAY_MS = 86_400_000;
const YEAR_MS = 365 * DAY_MS;

/** Who takes part, the same in every year: 36 centres, a coordinator and four attendees per centre. */
export interface NetworkPeople {
  centers: string[];
  coordinator: TestAccount;
  people: { _id: Types.ObjectId; name: string; centerId: string }[];
}

export async function seedPeople(db: Database): Promise<NetworkPeople> {
  const centers = await Promise.all(Array.from({ length: 36 }, () => createCenter(db)));
  const coordinator = await createAccount(db, ['coordinator'], centers[0]!, 'Coordinadora');
  const people = await db.models.users.insertMany(
    Array.from({ length: 36 * 4 }, (_, index) => ({
      name: `Participante ${index}`,
      email: `p${index}@bench.mx`,
      roles: ['attendee'],
      centerId: centers[index % 36]!,
      passwordHash: 'x',
    })),
  );
  return { centers, coordinator, people: people.map(({ _id, name, centerId }) => ({ _id, name, centerId: String(centerId) })) };
}

/** A certificate code the public check accepts (ABCD-EFGH-JKMN), one for each serial number. */
function certificateCodeOf(serial: number): string {
  const digits = Array.from(
    { length: 12 },
    (_, place) => CERTIFICATE_CODE_ALPHABET[Math.floor(serial / CERTIFICATE_CODE_ALPHABET.length ** place) % CERTIFICATE_CODE_ALPHABET.length],
  );
  return digits
    .reverse()
    .join('')
    .replace(/(.{4})(?=.)/g, '$1-');
}

/** One held session as planned, and its presented case when it reviews one. */
export interface PlannedSession {
  _id: Types.ObjectId;
  number: number;
  kind: SessionKind;
  startsAt: Date;
  caseId?: Types.ObjectId;
}

/** Every session of `years` years up to `now`, oldest first: a training and a keynote in every 19. */
export function planSessions(years: number, now: number): PlannedSession[] {
  const count = Math.round(SESSIONS_PER_YEAR * years);
  return Array.from({ length: count }, (_, index) => {
    const kind: SessionKind = index % 19 === 0 ? 'training' : index % 19 === 1 ? 'keynote' : 'case_review';
    const startsAt = new Date(now - years * YEAR_MS + (index * years * YEAR_MS) / count);
    return { _id: new Types.ObjectId(), number: index + 1, kind, startsAt, ...(kind === 'case_review' ? { caseId: new Types.ObjectId() } : {}) };
  });
}

/** The planned sessions that started within the `years` before `now` and not within the `after` years before it. */
export function sessionsAged(plan: readonly PlannedSession[], now: number, years: number, after = 0): PlannedSession[] {
  return plan.filter((session) => session.startsAt.getTime() >= now - years * YEAR_MS && session.startsAt.getTime() < now - after * YEAR_MS);
}

/**
 * Writes the sessions and what years of them leave behind: cases and confirmed recommendations,
 * presence, chat, opinions, votes, agreements with follow-ups, approved minutes, certificates and
 * the audit log. Answers the number of presence lines and the certificates' codes.
 */
export async function seedSessions(db: Database, { centers, coordinator, people }: NetworkPeople, planned: readonly PlannedSession[]) {
  const seat = (index: number) => people[index % people.length]!;
  const centerOf = (index: number) => centers[index % centers.length]!;
  const sessions = planned.map((held) => ({
    _id: held._id,
    number: held.number,
    kind: held.kind,
    title: `Sesión ${held.number}`,
    startsAt: held.startsAt,
    endedAt: new Date(held.startsAt.getTime() + 92 * 60_000),
    timeZone: DEFAULT_TIME_ZONE,
    durationMinutes: 90,
    hostCenterId: centerOf(held.number),
    invitedCenterIds: centers.slice(0, 8),
    status: 'ended',
    agenda: [],
    createdBy: coordinator.id,
  }));
  await db.models.sessions.insertMany(sessions);

  const cases = planned.flatMap((held) =>
    held.caseId
      ? [
          {
            _id: held.caseId,
            held,
            sessionId: held._id,
            centerId: centerOf(held.number),
            createdBy: coordinator.id,
            caseCode: `BEN-2026-${held.number}`,
            ageYears: 8,
            sex: 'female',
            state: 'YUC',
            icd10Code: 'C91.0',
            diagnosis: 'LLA',
            createdAt: new Date(held.startsAt.getTime() - 10 * DAY_MS),
          },
        ]
      : [],
  );
  await db.models.cases.insertMany(cases.map(({ held: _held, ...presented }) => presented));
  await db.models.recommendations.insertMany(
    cases.map((presented) => ({
      _id: presented._id,
      sessionId: presented.sessionId,
      caseId: presented._id,
      text: 'Continuar',
      status: 'confirmed',
      proposedBy: coordinator.id,
      confirmedBy: coordinator.id,
      confirmedAt: new Date(presented.createdAt.getTime() + 11 * DAY_MS),
      quorumSpecialties: ['A', 'B', 'C'].slice(0, 2 + (presented.held.number % 2)),
      quorumRequired: 3,
    })),
  );

  const presence = planned.flatMap((held) =>
    Array.from({ length: PEOPLE_PER_SESSION }, (_, place) => seat(held.number + place)).flatMap((person, place) => {
      const at = (minute: number) => new Date(held.startsAt.getTime() + minute * 60_000);
      const base = { sessionId: held._id, userId: person._id, centerId: person.centerId, displayName: person.name };
      return [
        { ...base, peerId: `${place}-a`, kind: 'join', at: at(-5) },
        { ...base, peerId: `${place}-a`, kind: 'leave', at: at(30 + (place % 20)) },
        { ...base, peerId: `${place}-b`, kind: 'join', at: at(32 + (place % 20)) },
        { ...base, peerId: `${place}-b`, kind: 'leave', at: at(80 + (place % 15)) },
      ];
    }),
  );
  const attendance = attendanceRecordsOf(presence);
  await db.models.attendances.insertMany(attendance.attendances);
  await db.models.attendanceMarks.insertMany(attendance.attendanceMarks);

  const chats = planned.map((held) =>
    chunkedDocuments(
      held._id,
      'lines',
      Array.from({ length: 60 }, (_, line) => ({
        userId: seat(held.number + line)._id,
        displayName: seat(held.number + line).name,
        centerId: seat(held.number + line).centerId,
        text: `Comentario ${line} sobre el caso`,
        at: new Date(held.startsAt.getTime() + line * 60_000),
      })),
      LINES_PER_DOCUMENT,
    ),
  );
  await db.models.chats.insertMany(chats.map(({ head }) => head));
  await db.models.chatLines.insertMany(chats.flatMap(({ rest }) => rest));
  await db.models.caseOpinions.insertMany(
    cases.map((presented) => ({
      _id: presented._id,
      sessionId: presented.sessionId,
      byAuthor: Object.fromEntries(
        Array.from({ length: 5 }, (_, author) => [
          String(seat(presented.held.number + author)._id),
          {
            authorName: seat(presented.held.number + author).name,
            centerId: seat(presented.held.number + author).centerId,
            category: 'treatment',
            stance: 'agree',
            text: 'Continuar con el protocolo y revalorar en cuatro semanas.',
            published: true,
            updatedAt: new Date(),
          },
        ]),
      ),
    })),
  );
  await db.models.votes.insertMany(
    cases.map((presented) => ({
      _id: presented._id,
      sessionId: presented.sessionId,
      caseId: presented._id,
      question: '¿Se continúa el protocolo?',
      open: false,
      openedBy: coordinator.id,
      ballots: Array.from({ length: 8 }, (_, voter) => ({
        userId: seat(presented.held.number + voter)._id,
        name: seat(presented.held.number + voter).name,
        choice: 'agree',
        at: new Date(),
      })),
    })),
  );
  await db.models.agreements.insertMany(
    cases.flatMap(({ held, ...presented }) =>
      Array.from({ length: 2 }, (_, second) => ({
        sessionId: held._id,
        sessionNumber: held.number,
        sessionStartsAt: held.startsAt,
        caseId: presented._id,
        text: `Enviar los estudios de seguimiento del caso ${presented.caseCode}`,
        responsibleCenterId: centerOf(held.number + second),
        dueDate: utcToZonedWallTime(new Date(held.startsAt.getTime() + 20 * DAY_MS), DEFAULT_TIME_ZONE).slice(0, 10),
        status: (held.number + second) % 5 === 0 ? 'in_progress' : 'done',
        followUps: Array.from({ length: 2 }, () => ({ at: new Date(), by: coordinator.id, byName: 'Coordinadora', note: 'Se enviaron los estudios.' })),
        createdBy: coordinator.id,
      })),
    ),
  );
  await db.models.minutes.insertMany(
    planned.map((held) => ({
      _id: held._id,
      sessionId: held._id,
      status: 'approved',
      text: 'MINUTA\n'.repeat(400),
      version: 2,
      editedBy: coordinator.id,
      approvedBy: coordinator.id,
      approvedAt: new Date(),
    })),
  );
  const certificates = planned
    .filter((held) => held.kind !== 'case_review')
    .flatMap((held) =>
      Array.from({ length: 30 }, (_, holder) => ({
        code: certificateCodeOf(held.number * 100 + holder),
        holderKey: `${held._id}:${seat(held.number + holder)._id}`,
        sessionId: held._id,
        userId: seat(held.number + holder)._id,
        name: seat(held.number + holder).name,
        centerName: 'Centro',
        minutesPresent: 80,
      })),
    );
  await db.models.certificates.insertMany(certificates);
  await db.models.auditEntries.insertMany(
    planned.flatMap((held) =>
      Array.from({ length: 30 }, (_, entry) => ({ actorId: coordinator.id, action: 'update', entity: 'session', entityId: String(held._id), summary: `cambio ${entry}` })),
    ),
  );
  return { presenceLines: presence.length, certificateCodes: certificates.map((certificate) => certificate.code) };
}
