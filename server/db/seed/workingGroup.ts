import { newSecret } from '../../domain/secrets';
import { Types } from 'mongoose';
import type { Role } from '../../../shared/roles';
import type { AgendaItemKind } from '../../../shared/sessions';
import { calendarDayOf } from '../../../shared/time';
import type { MatterTopic } from '../../../shared/workingGroup';
import { matterStatusOf } from '../../domain/matterService';
import { renderWorkingGroupMinutes, type MinutesMatter } from '../../domain/workingGroupMinutesText';
import type { Models } from '../models';
import { nextValue } from '../models/counter';
import { oncoCreanCode } from './centers';

/**
 * The demo's working group: the state offices that meet the families every two weeks, their
 * authorities' accounts, two meetings held (matters, agreements to the offices, families present,
 * minutes) and the next one.
 */
const DAY_MS = 86_400_000;

/** The offices of centers.ts. */
const OFFICE_CODES = { chiapas: 'SS-CHIS', yucatan: 'SS-YUC', oaxaca: 'SS-OAX' } as const;

/** One authority (role attendee) per office: they attend and answer for their office's agreements. */
export const officeAuthorities: readonly { name: string; email: string; roles: Role[]; centerCode: string; specialty?: string }[] = [
  { name: 'Dr. Rodrigo Zenteno Albores', email: 'autoridad.chiapas@oncoboard.mx', roles: ['attendee'], centerCode: OFFICE_CODES.chiapas },
  { name: 'Dra. Leticia Puc Chan', email: 'autoridad.yucatan@oncoboard.mx', roles: ['attendee'], centerCode: OFFICE_CODES.yucatan },
  { name: 'Lic. Alberto Santiago Ruiz', email: 'autoridad.oaxaca@oncoboard.mx', roles: ['attendee'], centerCode: OFFICE_CODES.oaxaca },
];

const invited = [...Object.values(OFFICE_CODES), oncoCreanCode('CHIS'), oncoCreanCode('OAX'), 'HRAEPY'];
const agenda: { kind: AgendaItemKind; title: string; durationMinutes: number }[] = [
  { kind: 'agreement_followup', title: 'Seguimiento de asuntos de mesas anteriores', durationMinutes: 30 },
  { kind: 'other', title: 'Asuntos planteados por las familias', durationMinutes: 75 },
];

/** Every two weeks, on the coordinator's centre: two held, one ahead. */
export const workingGroupMeetings = [-21, -7, 7].map((dayOffset, index) => ({
  dayOffset,
  hour: 12 as const,
  kind: 'working_group' as const,
  title: `Mesa de trabajo con familias ${159 + index}`,
  durationMinutes: 120,
  hostCode: 'HIMFG',
  invitedCodes: invited,
  agenda,
}));

interface PlannedMatter {
  /** Which held meeting raised it: 0 the older, 1 the latest. */
  meeting: 0 | 1;
  topic: MatterTopic;
  state: string;
  hospitalCode?: string;
  raisedBy: string;
  description: string;
  agreement: { text: string; responsibleCode: string; responsiblePerson: string; dueInDays: number; doneAfterDays?: number; inProgress?: true };
}

const plannedMatters: readonly PlannedMatter[] = [
  {
    meeting: 0,
    topic: 'medicine_supply',
    state: 'CHIS',
    hospitalCode: oncoCreanCode('CHIS'),
    raisedBy: 'María',
    description: 'Desabasto de vincristina y metotrexato en el hospital desde hace tres semanas; las familias los compran fuera.',
    agreement: {
      text: 'Surtir vincristina y metotrexato al hospital e informar el inventario en la siguiente mesa.',
      responsibleCode: OFFICE_CODES.chiapas,
      responsiblePerson: 'Dr. Zenteno',
      dueInDays: 10,
      doneAfterDays: 9,
    },
  },
  {
    meeting: 0,
    topic: 'staff_training',
    state: 'OAX',
    hospitalCode: oncoCreanCode('OAX'),
    raisedBy: 'José Luis',
    description: 'El personal de enfermería del turno nocturno no está capacitado en el cuidado del catéter venoso central.',
    agreement: {
      text: 'Programar la capacitación en cuidado de catéter para enfermería del turno nocturno.',
      responsibleCode: OFFICE_CODES.oaxaca,
      responsiblePerson: 'Lic. Santiago',
      dueInDays: 12,
    },
  },
  {
    meeting: 0,
    topic: 'transport_lodging',
    state: 'YUC',
    raisedBy: 'Guadalupe',
    description: 'Las familias del interior del estado no tienen apoyo de traslado a Mérida para las quimioterapias ambulatorias.',
    agreement: {
      text: 'Incluir a las familias del programa en el apoyo estatal de traslados.',
      responsibleCode: OFFICE_CODES.yucatan,
      responsiblePerson: 'Dra. Puc',
      dueInDays: 20,
      doneAfterDays: 18,
    },
  },
  {
    meeting: 1,
    topic: 'diagnosis_access',
    state: 'CHIS',
    raisedBy: 'Rosa',
    description: 'Los estudios de inmunofenotipo de Tapachula tardan más de tres semanas en llegar.',
    agreement: {
      text: 'Acordar con el laboratorio de referencia un envío semanal de muestras desde Tapachula.',
      responsibleCode: OFFICE_CODES.chiapas,
      responsiblePerson: 'Dr. Zenteno',
      dueInDays: 21,
    },
  },
  {
    meeting: 1,
    topic: 'medicine_supply',
    state: 'YUC',
    hospitalCode: 'HRAEPY',
    raisedBy: 'Juana',
    description: 'Falta ondansetrón en la farmacia del hospital para los niños en quimioterapia.',
    agreement: { text: 'Reponer el ondansetrón de la farmacia pediátrica.', responsibleCode: 'HRAEPY', responsiblePerson: 'Jefatura de farmacia', dueInDays: 7, inProgress: true },
  },
];

/** The families (by first name) and other guests present at each held meeting. */
const guestsAt: readonly { name: string; kind: 'family' | 'other'; affiliation: string }[][] = [
  [
    { name: 'María', kind: 'family', affiliation: 'madre de paciente' },
    { name: 'José Luis', kind: 'family', affiliation: 'padre de paciente' },
    { name: 'Guadalupe', kind: 'family', affiliation: 'madre de paciente' },
    { name: 'Lic. Andrea Morales Vega', kind: 'other', affiliation: 'Asociación de apoyo a niños con cáncer' },
  ],
  [
    { name: 'María', kind: 'family', affiliation: 'madre de paciente' },
    { name: 'Rosa', kind: 'family', affiliation: 'madre de paciente' },
    { name: 'Juana', kind: 'family', affiliation: 'abuela de paciente' },
  ],
];

export interface Meeting {
  _id: Types.ObjectId;
  number: number;
  kind: string;
  title: string;
  startsAt: Date;
  timeZone: string;
  durationMinutes: number;
  hostCenterId: Types.ObjectId;
  invitedCenterIds: Types.ObjectId[];
  status: string;
  agenda: { kind: string; title: string }[];
}

/**
 * The held meetings' matters, agreements, guests and their presence, and minutes: the older
 * meeting's approved, the latest's a draft. `joined` are the accounts the demo's rooms recorded.
 */
export async function demoWorkingGroup(
  counters: Models['counters'],
  meetings: readonly Meeting[],
  context: {
    centerId: (code: string) => Types.ObjectId;
    centerName: (centerId: string) => string;
    /** The demo's accounts: those of the centres a meeting invites, and the coordinator, attend it. */
    accounts: readonly { _id: Types.ObjectId; name: string; centerId: Types.ObjectId; roles: string[] }[];
    coordinator: { _id: Types.ObjectId; name: string };
    now: Date;
  },
) {
  const { centerId, coordinator, now } = context;
  const held = meetings.filter((meeting) => meeting.startsAt < now);
  const matters: Record<string, unknown>[] = [];
  const agreements: (Record<string, unknown> & {
    matterId: Types.ObjectId;
    sessionId: Types.ObjectId;
    responsibleCenterId: Types.ObjectId;
    text: string;
    dueDate: string;
    status: string;
  })[] = [];
  const minutesMatters = new Map<string, MinutesMatter & { startsAt: Date; doneAt?: Date; agreementIndex: number }>();
  for (const plan of plannedMatters) {
    const meeting = held[plan.meeting];
    if (!meeting) continue;
    const matterId = new Types.ObjectId();
    const matter = {
      _id: matterId,
      sessionId: meeting._id,
      sessionNumber: meeting.number,
      sessionStartsAt: meeting.startsAt,
      number: await nextValue(counters, 'matter'),
      topic: plan.topic,
      state: plan.state,
      ...(plan.hospitalCode ? { hospitalCenterId: centerId(plan.hospitalCode) } : {}),
      raisedBy: plan.raisedBy,
      description: plan.description,
      createdBy: coordinator._id,
    };
    matters.push(matter);
    const { agreement: planned } = plan;
    const doneAt = planned.doneAfterDays === undefined ? undefined : new Date(meeting.startsAt.getTime() + planned.doneAfterDays * DAY_MS);
    const open = planned.inProgress ? 'in_progress' : 'pending';
    const later = held[plan.meeting + 1];
    agreements.push({
      sessionId: meeting._id,
      sessionNumber: meeting.number,
      sessionStartsAt: meeting.startsAt,
      matterId,
      text: planned.text,
      responsibleCenterId: centerId(planned.responsibleCode),
      responsiblePerson: planned.responsiblePerson,
      dueDate: calendarDayOf(new Date(meeting.startsAt.getTime() + planned.dueInDays * DAY_MS)),
      status: doneAt && doneAt <= now ? 'done' : open,
      // An agreement still open at the next meeting was followed up there.
      followUps:
        later && !(doneAt && doneAt <= later.startsAt)
          ? [{ at: later.startsAt, by: coordinator._id, byName: coordinator.name, sessionId: later._id, note: 'La autoridad responsable informa avance; el asunto sigue abierto.' }]
          : [],
      version: 0,
      createdBy: coordinator._id,
    });
    minutesMatters.set(String(matterId), {
      ...matter,
      hospitalCenterId: plan.hospitalCode ? String(centerId(plan.hospitalCode)) : null,
      startsAt: meeting.startsAt,
      status: 'open',
      agreements: [],
      ...(doneAt ? { doneAt } : {}),
      agreementIndex: agreements.length - 1,
    });
  }

  const guests: Record<string, unknown>[] = [];
  const presenceEvents: { sessionId: Types.ObjectId; [field: string]: unknown }[] = [];
  const joined = new Map<string, { centerId: string; displayName: string }[]>();
  held.forEach((meeting, index) => {
    const centers = new Set([meeting.hostCenterId, ...meeting.invitedCenterIds].map(String));
    const present = [
      ...context.accounts
        .filter((account) => account.roles.includes('coordinator') || centers.has(String(account.centerId)))
        .map((account) => ({ userId: account._id, centerId: account.centerId, displayName: account.name })),
      ...(guestsAt[index] ?? []).map((guest) => {
        const guestId = new Types.ObjectId();
        // A link nobody holds: only a hash of random bytes is ever stored.
        const tokenHash = newSecret().hash;
        guests.push({ _id: guestId, sessionId: meeting._id, ...guest, tokenHash, invitedBy: coordinator._id, invitedByName: coordinator.name, firstUsedAt: meeting.startsAt });
        return { userId: guestId, centerId: meeting.hostCenterId, displayName: guest.name };
      }),
    ];
    // Everyone from a few minutes before the start to about the end, a minute apart.
    present.forEach((person, seat) => {
      const at = (minute: number) => new Date(meeting.startsAt.getTime() + minute * 60_000);
      presenceEvents.push({ sessionId: meeting._id, ...person, peerId: `${String(person.userId)}-a`, kind: 'join', at: at((seat % 10) - 5) });
      presenceEvents.push({ sessionId: meeting._id, ...person, peerId: `${String(person.userId)}-a`, kind: 'leave', at: at(meeting.durationMinutes - (seat % 4)) });
    });
    joined.set(
      String(meeting._id),
      present.filter((person) => !guests.some((guest) => guest._id === person.userId)).map((person) => ({ centerId: String(person.centerId), displayName: person.displayName })),
    );
  });

  /** How a matter and its agreement stood when a meeting ended: what its minutes said. */
  const asOf = (matter: MinutesMatter & { doneAt?: Date; agreementIndex: number }, end: Date): MinutesMatter => {
    const agreement = agreements[matter.agreementIndex]!;
    const status = matter.doneAt && matter.doneAt <= end ? 'done' : agreement.status === 'done' ? 'pending' : agreement.status;
    const stated = { ...agreement, status, responsibleCenterId: String(agreement.responsibleCenterId) };
    return { ...matter, status: matterStatusOf([stated]), agreements: [stated] };
  };
  const minutes = held.map((meeting, index) => {
    const end = new Date(meeting.startsAt.getTime() + meeting.durationMinutes * 60_000);
    const own = [...minutesMatters.values()].filter((matter) => matter.sessionNumber === meeting.number);
    const earlier = [...minutesMatters.values()].filter((matter) => matter.startsAt < meeting.startsAt).map((matter) => asOf(matter, meeting.startsAt));
    const approved = index < held.length - 1;
    const text = renderWorkingGroupMinutes({
      session: { ...meeting, hostCenterId: String(meeting.hostCenterId) },
      centerName: context.centerName,
      joined: joined.get(String(meeting._id)) ?? [],
      guests: guests.filter((guest) => guest.sessionId === meeting._id) as { kind: 'family' | 'other'; name: string; affiliation: string }[],
      matters: own.map((matter) => asOf(matter, end)),
      followUps: earlier.filter((matter) => matter.status === 'open'),
      otherAgreements: [],
    });
    const approval = approved ? { status: 'approved', approvedBy: coordinator._id, approvedAt: new Date(end.getTime() + DAY_MS) } : {};
    return { _id: meeting._id, sessionId: meeting._id, text, editedBy: coordinator._id, version: approved ? 1 : 0, ...approval };
  });
  return {
    matters,
    agreements,
    guests,
    presenceEvents,
    minutes,
    /** When each held meeting ended: on time. */
    endedAt: new Map(held.map((meeting) => [String(meeting._id), new Date(meeting.startsAt.getTime() + meeting.durationMinutes * 60_000)])),
    /** The meetings whose minutes are approved. */
    approved: new Set(held.slice(0, -1).map((meeting) => String(meeting._id))),
  };
}
