import { Types } from 'mongoose';
import { calendarDayOf } from '../../../shared/time';

/** A small deterministic random source: the demo looks the same on every machine. */
function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, between: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) };
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const specialties = ['Oncología pediátrica', 'Hematología pediátrica', 'Patología', 'Radio-oncología', 'Cirugía oncológica pediátrica', 'Cuidados paliativos'];
const firstNames = ['Dra. Lucía', 'Dr. Andrés', 'Dra. Mónica', 'Dr. Héctor', 'Dra. Itzel', 'Dr. Raúl', 'Dra. Fernanda', 'Dr. Emilio', 'Dra. Ximena', 'Dr. Óscar'];
const surnames = ['Ávila', 'Bautista', 'Cervantes', 'Domínguez', 'Escobar', 'Guzmán', 'Ibarra', 'Juárez', 'Montes', 'Núñez', 'Orozco', 'Quintero', 'Rosales', 'Tapia', 'Zúñiga'];

export interface HeldSession {
  _id: Types.ObjectId;
  number: number;
  kind: string;
  startsAt: Date;
  durationMinutes: number;
  hostCenterId: Types.ObjectId;
  invitedCenterIds: Types.ObjectId[];
}

export interface Participant {
  _id: Types.ObjectId;
  name: string;
  centerId: Types.ObjectId;
  roles: string[];
  /** The documented demo accounts stay for whole sessions, so what the README promises is there. */
  steady: boolean;
}

export interface PresentedCase {
  _id: Types.ObjectId;
  sessionId: Types.ObjectId;
  centerId: Types.ObjectId;
  caseCode: string;
  currentProtocol?: string;
}

/** Two attendee accounts for each centre that took part in past sessions and has no demo account. */
export function extraAttendees(
  centerIds: readonly Types.ObjectId[],
  covered: ReadonlySet<string>,
  random = randomSource(36),
): { name: string; centerId: Types.ObjectId; index: number }[] {
  const people: { name: string; centerId: Types.ObjectId; index: number }[] = [];
  for (const centerId of centerIds) {
    if (covered.has(String(centerId))) continue;
    for (let seat = 0; seat < 2; seat += 1) {
      const name = `${firstNames[random.between(0, firstNames.length - 1)]} ${surnames[random.between(0, surnames.length - 1)]} ${surnames[random.between(0, surnames.length - 1)]}`;
      people.push({ name, centerId, index: people.length + 1 });
    }
  }
  return people;
}

/**
 * What past sessions left behind: room presence (with the reconnections and second tabs real
 * rooms have), the end time, cases registered days before, the board's recommendations and
 * agreements in every state. Times fall on whole minutes.
 */
export function demoActivity(sessions: readonly HeldSession[], people: readonly Participant[], cases: readonly PresentedCase[], coordinatorId: Types.ObjectId, now: Date) {
  const random = randomSource(2026);
  const presenceEvents: { sessionId: Types.ObjectId; [field: string]: unknown }[] = [];
  const endedAt = new Map<string, Date>();
  const at = (session: HeldSession, minute: number) => new Date(session.startsAt.getTime() + minute * MINUTE_MS);

  for (const session of sessions) {
    endedAt.set(String(session._id), at(session, session.durationMinutes + random.between(0, 5)));
    const centers = new Set([session.hostCenterId, ...session.invitedCenterIds].map(String));
    const attendees = people.filter((person) => person.roles.includes('coordinator') || centers.has(String(person.centerId)));
    for (const person of attendees) {
      const mark = (peer: string, kind: 'join' | 'leave', minute: number) =>
        presenceEvents.push({
          sessionId: session._id,
          userId: person._id,
          centerId: person.centerId,
          peerId: `${person._id}-${peer}`,
          displayName: person.name,
          kind,
          at: at(session, minute),
        });
      const roll = random.next();
      if (!person.steady && roll < 0.12) continue;
      const join = -random.between(0, 10);
      const leave =
        person.steady || roll > 0.35
          ? session.durationMinutes + random.between(-3, 3)
          : random.between(Math.round(session.durationMinutes * 0.3), Math.round(session.durationMinutes * 0.85));
      if (!person.steady && random.next() < 0.3) {
        // A dropped connection: out for a few minutes, back with a new connection.
        const drop = random.between(10, Math.max(11, leave - 10));
        mark('a', 'join', join);
        mark('a', 'leave', drop);
        mark('b', 'join', drop + random.between(1, 4));
        mark('b', 'leave', leave);
      } else {
        mark('a', 'join', join);
        mark('a', 'leave', leave);
      }
      if (random.next() < 0.1) {
        // The same person in a second tab for a while: counted once.
        const opened = random.between(5, 30);
        mark('tab', 'join', opened);
        mark('tab', 'leave', opened + random.between(5, 30));
      }
    }
  }

  const sessionOf = new Map(sessions.map((session) => [String(session._id), session]));
  const caseCreatedAt = new Map<string, Date>();
  const recommendations: Record<string, unknown>[] = [];
  const agreements: Record<string, unknown>[] = [];
  const today = calendarDayOf(now);
  cases.forEach((presented, index) => {
    const session = sessionOf.get(String(presented.sessionId))!;
    caseCreatedAt.set(String(presented._id), new Date(session.startsAt.getTime() - random.between(2, 21) * DAY_MS - random.between(0, 600) * MINUTE_MS));
    // The last case of the newest session was left for the next board: no recommendation yet.
    if (index < cases.length - 1) {
      const present = [...specialties].sort(() => random.next() - 0.5).slice(0, random.between(2, 5));
      recommendations.push({
        _id: presented._id,
        sessionId: session._id,
        caseId: presented._id,
        text: `Continuar ${presented.currentProtocol || 'el tratamiento'} con ajuste según respuesta; revaloración por el centro que refiere en 4 semanas y nueva presentación si hay progresión.`,
        status: 'confirmed',
        version: 2,
        proposedBy: coordinatorId,
        confirmedBy: coordinatorId,
        confirmedAt: at(session, 25 * ((index % 3) + 1)),
        quorumSpecialties: present.sort((a, b) => a.localeCompare(b, 'es')),
        quorumRequired: 3,
      });
    }
    const due = new Date(session.startsAt.getTime() + random.between(7, 40) * DAY_MS);
    const dueDate = calendarDayOf(due);
    const status = index % 3 === 0 ? 'done' : index % 3 === 1 ? 'in_progress' : 'pending';
    agreements.push({
      sessionId: session._id,
      sessionNumber: session.number,
      sessionStartsAt: session.startsAt,
      caseId: presented._id,
      text: `Enviar a la coordinación los estudios de seguimiento del caso ${presented.caseCode}`,
      responsibleCenterId: presented.centerId,
      responsiblePerson: '',
      dueDate,
      status: dueDate < today ? status : 'pending',
      followUps: [],
      version: 0,
      createdBy: coordinatorId,
    });
  });
  return { presenceEvents, endedAt, caseCreatedAt, recommendations, agreements };
}
