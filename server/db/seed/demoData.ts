import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { DEFAULT_TIME_ZONE } from '../../../shared/mexico';
import type { Role } from '../../../shared/roles';
import type { AgendaItemKind, SessionKind } from '../../../shared/sessions';
import { calendarDayOf, zonedWallTimeToUtc } from '../../../shared/time';
import { newSecret } from '../../domain/secrets';
import { hashPassword } from '../../domain/passwords';
import type { Models } from '../models';
import { attendanceRecordsOf } from '../models/attendance';
import { nextValue } from '../models/counter';
import { demoCases, demoPathway } from './cases';
import { demoActivity, extraAttendees, type PresentedCase } from './demoActivity';
import { demoCenters, oncoCreanCode } from './centers';
import { demoFollowUps } from './followUps';
import { DEMO_LABORATORY_CODE, DEMO_PATHOLOGY_CODE, demoStudies } from './studies';
import { demoWorkingGroup, officeAuthorities, workingGroupMeetings, type Meeting } from './workingGroup';

export const DEMO_PASSWORD = 'OncoBoard-2026';

interface DemoUser {
  name: string;
  email: string;
  roles: Role[];
  centerCode: string;
  specialty?: string;
}

/** One account per role, all with DEMO_PASSWORD: what the README tells a first user to sign in with. */
export const demoAccounts: readonly (DemoUser & { password: string })[] = [
  { name: 'Dra. Mariana Castillo Ortega', email: 'admin@oncoboard.mx', password: DEMO_PASSWORD, roles: ['admin'], centerCode: 'INCAN' },
  {
    name: 'Dra. Patricia Hernández Salgado',
    email: 'coordinacion@oncoboard.mx',
    password: DEMO_PASSWORD,
    roles: ['coordinator'],
    centerCode: 'HIMFG',
  },
  {
    name: 'Dr. José Luis Canul Pech',
    email: 'presenta.yucatan@oncoboard.mx',
    password: DEMO_PASSWORD,
    roles: ['presenter'],
    centerCode: oncoCreanCode('YUC'),
  },
  {
    name: 'Dra. Elena Ramírez Villalobos',
    email: 'experto.siglo21@oncoboard.mx',
    password: DEMO_PASSWORD,
    roles: ['expert'],
    centerCode: 'UMAE-HP-CMNSXXI',
    specialty: 'Oncología pediátrica',
  },
  {
    name: 'Dr. Ricardo Torres Zapata',
    email: 'asistente.slp@oncoboard.mx',
    password: DEMO_PASSWORD,
    roles: ['attendee'],
    centerCode: oncoCreanCode('SLP'),
  },
  {
    name: 'Q.F.B. Laura Méndez Ibarra',
    email: 'laboratorio.cib@oncoboard.mx',
    password: DEMO_PASSWORD,
    roles: ['laboratory'],
    centerCode: DEMO_LABORATORY_CODE,
  },
];

/** The other specialties a board needs, so opinion panels are not a single voice. */
const additionalExperts: readonly DemoUser[] = [
  { name: 'Dr. Fernando Aguilar Medina', email: 'radioterapia.incan@oncoboard.mx', roles: ['expert'], centerCode: 'INCAN', specialty: 'Radio-oncología' },
  { name: 'Dra. Claudia Mendoza Rivas', email: 'hematologia.inp@oncoboard.mx', roles: ['expert'], centerCode: 'INP', specialty: 'Hematología pediátrica' },
  { name: 'Dr. Arturo Salinas Fuentes', email: 'patologia.cmno@oncoboard.mx', roles: ['expert'], centerCode: 'UMAE-CMNO', specialty: 'Patología' },
  {
    name: 'Dra. Gabriela Ochoa Lugo',
    email: 'cirugia.mty@oncoboard.mx',
    roles: ['expert'],
    centerCode: 'UMAE-25-MTY',
    specialty: 'Cirugía oncológica pediátrica',
  },
  { name: 'Dra. Verónica Palacios Núñez', email: 'paliativos.hraepy@oncoboard.mx', roles: ['expert'], centerCode: 'HRAEPY', specialty: 'Cuidados paliativos' },
];

/** The demo's second laboratory has its own account too, so each laboratory records its own studies. */
const additionalLaboratoryAccounts: readonly DemoUser[] = [
  { name: 'Q.F.B. Rosa Elena Gutiérrez Arce', email: 'laboratorio.patologia.jal@oncoboard.mx', roles: ['laboratory'], centerCode: DEMO_PATHOLOGY_CODE },
];

interface PlannedAgendaItem {
  kind: AgendaItemKind;
  title: string;
  durationMinutes: number;
}

interface PlannedSession {
  /** Days from today in Mexico City; a weekend day moves to the Monday after. */
  dayOffset: number;
  hour: 10 | 12;
  kind: SessionKind;
  title: string;
  durationMinutes: number;
  hostCode: string;
  invitedCodes: string[];
  agenda: PlannedAgendaItem[];
  /** The upcoming case review whose agenda has the demo's death for review. */
  reviewsDeaths?: true;
}

const caseItem = (title: string, durationMinutes = 30): PlannedAgendaItem => ({ kind: 'case', title: `Caso: ${title}`, durationMinutes });
const topicItem = (title: string, durationMinutes: number): PlannedAgendaItem => ({ kind: 'training_topic', title, durationMinutes });
const agreementFollowUp: PlannedAgendaItem = { kind: 'agreement_followup', title: 'Seguimiento de acuerdos', durationMinutes: 15 };
const questions: PlannedAgendaItem = { kind: 'other', title: 'Preguntas y respuestas', durationMinutes: 15 };
const oc = oncoCreanCode;

/** Three months of past sessions (and two case reviews a year and more ago) and four weeks of upcoming ones, in date order. */
const plannedSessions: readonly PlannedSession[] = [
  {
    dayOffset: -380,
    hour: 10,
    kind: 'case_review',
    title: 'Sesión de casos clínicos: linfomas y tumores germinales',
    durationMinutes: 90,
    hostCode: 'HIMFG',
    invitedCodes: [oc('VER'), oc('YUC'), oc('SIN'), 'INCAN'],
    agenda: [
      caseItem('Linfoma de Burkitt abdominal (Xalapa)', 25),
      caseItem('Tumor germinal mixto de ovario (Mérida)', 25),
      caseItem('Linfoma linfoblástico T con masa mediastinal (Culiacán)', 25),
      agreementFollowUp,
    ],
  },
  {
    dayOffset: -230,
    hour: 12,
    kind: 'case_review',
    title: 'Sesión de casos clínicos: sarcomas, tumores renales y del SNC',
    durationMinutes: 90,
    hostCode: 'UMAE-HP-CMNSXXI',
    invitedCodes: [oc('TAB'), oc('YUC'), oc('MICH'), 'HIMFG'],
    agenda: [
      caseItem('Sarcoma de Ewing de costilla (Villahermosa)', 25),
      caseItem('Tumor de Wilms con histología anaplásica (Mérida)', 25),
      caseItem('Ependimoma de fosa posterior (Morelia)', 25),
      agreementFollowUp,
    ],
  },
  {
    dayOffset: -84,
    hour: 10,
    kind: 'case_review',
    title: 'Sesión de casos clínicos: leucemias agudas',
    durationMinutes: 90,
    hostCode: 'HIMFG',
    invitedCodes: [oc('YUC'), oc('SLP'), oc('CHIS'), 'UMAE-HP-CMNSXXI', 'INP'],
    agenda: [caseItem('LLA de alto riesgo en recaída (Mérida)'), caseItem('LMA con falla a la inducción (San Luis Potosí)'), agreementFollowUp],
  },
  {
    dayOffset: -70,
    hour: 12,
    kind: 'training',
    title: 'Capacitación: Hora dorada en neutropenia febril',
    durationMinutes: 90,
    hostCode: 'INP',
    invitedCodes: [oc('OAX'), oc('GRO'), oc('CHIS'), oc('TAB'), oc('VER'), oc('PUE'), oc('SLP')],
    agenda: [topicItem('Hora dorada en neutropenia febril', 45), topicItem('Escalas de alerta temprana', 30), questions],
  },
  {
    dayOffset: -56,
    hour: 10,
    kind: 'case_review',
    title: 'Sesión de casos clínicos: tumores sólidos',
    durationMinutes: 120,
    hostCode: 'UMAE-HP-CMNSXXI',
    invitedCodes: [oc('OAX'), oc('CHIS'), oc('SON'), 'INCAN', 'HIMFG', 'UMAE-CMNO'],
    agenda: [
      caseItem('Neuroblastoma estadio M con amplificación de MYCN (Oaxaca)'),
      caseItem('Tumor de Wilms bilateral (Tuxtla Gutiérrez)'),
      caseItem('Osteosarcoma de fémur con metástasis pulmonares (Hermosillo)'),
      agreementFollowUp,
    ],
  },
  {
    dayOffset: -42,
    hour: 12,
    kind: 'keynote',
    title: 'Conferencia magistral: Inmunoterapia con blinatumomab en LLA pediátrica',
    durationMinutes: 60,
    hostCode: 'INCAN',
    invitedCodes: ['HIMFG', 'INP', 'UMAE-HP-CMNSXXI', 'UMAE-CMNO', 'UMAE-25-MTY', 'HRAEPY', oc('JAL'), oc('NL')],
    agenda: [{ kind: 'keynote', title: 'Blinatumomab en LLA pediátrica: evidencia y experiencia', durationMinutes: 45 }, questions],
  },
  {
    dayOffset: -28,
    hour: 10,
    kind: 'training',
    title: 'Capacitación: Cuidados paliativos pediátricos',
    durationMinutes: 60,
    hostCode: 'HRAEPY',
    invitedCodes: [oc('YUC'), oc('CAMP'), oc('QROO'), oc('TAB')],
    agenda: [topicItem('Cuidados paliativos pediátricos: control de síntomas', 40), topicItem('Acompañamiento a la familia', 20)],
  },
  {
    dayOffset: -14,
    hour: 12,
    kind: 'case_review',
    title: 'Sesión de casos clínicos: tumores del sistema nervioso central',
    durationMinutes: 90,
    hostCode: 'UMAE-CMNO',
    invitedCodes: [oc('JAL'), oc('PUE'), oc('MICH'), 'HIMFG', 'INCAN'],
    agenda: [caseItem('Meduloblastoma del grupo 3 en lactante (Guadalajara)'), caseItem('Glioma difuso de línea media (Puebla)'), agreementFollowUp],
  },
  {
    dayOffset: 3,
    hour: 10,
    kind: 'case_review',
    title: 'Sesión de casos clínicos: retinoblastoma y tumores hepáticos',
    durationMinutes: 90,
    hostCode: 'HIMFG',
    invitedCodes: [oc('CHIS'), oc('NL'), oc('YUC'), 'UMAE-HP-CMNSXXI', 'UMAE-25-MTY'],
    agenda: [
      caseItem('Retinoblastoma bilateral con extensión extraocular (Tuxtla Gutiérrez)', 25),
      caseItem('Hepatoblastoma PRETEXT IV (Monterrey)', 25),
      caseItem('LLA de alto riesgo en recaída, evolución tras el rescate (Mérida)', 20),
      agreementFollowUp,
    ],
  },
  {
    dayOffset: 10,
    hour: 12,
    kind: 'training',
    title: 'Capacitación: Comunicación de malas noticias',
    durationMinutes: 60,
    hostCode: 'INP',
    invitedCodes: [oc('SLP'), oc('ZAC'), oc('AGS'), oc('GTO'), oc('QRO')],
    agenda: [topicItem('Comunicación de malas noticias: el protocolo SPIKES', 40), topicItem('Práctica con casos simulados', 20)],
  },
  {
    dayOffset: 13,
    hour: 12,
    kind: 'keynote',
    title: 'Conferencia magistral: Terapia CAR-T en leucemias pediátricas',
    durationMinutes: 60,
    hostCode: 'INP',
    invitedCodes: ['HIMFG', 'INCAN', 'UMAE-HP-CMNSXXI', 'HRAEPY', oc('JAL'), oc('NL'), oc('YUC')],
    agenda: [{ kind: 'keynote', title: 'Terapia CAR-T en leucemias pediátricas: de los ensayos a la práctica', durationMinutes: 45 }, questions],
  },
  {
    dayOffset: 17,
    hour: 10,
    kind: 'case_review',
    title: 'Sesión de casos clínicos: sarcomas y linfomas',
    durationMinutes: 120,
    reviewsDeaths: true,
    hostCode: 'UMAE-HP-CMNSXXI',
    invitedCodes: [oc('SLP'), oc('VER'), oc('SIN'), oc('BC'), 'INCAN', 'HIMFG', 'UMAE-HO-CMNSXXI'],
    agenda: [
      caseItem('Rabdomiosarcoma embrionario de órbita (San Luis Potosí)'),
      caseItem('Sarcoma de Ewing de pelvis (Xalapa)'),
      caseItem('Linfoma de Hodgkin refractario (Culiacán)'),
      agreementFollowUp,
    ],
  },
  {
    dayOffset: 24,
    hour: 12,
    kind: 'training',
    title: 'Capacitación: Preparación para inmunoterapia',
    durationMinutes: 90,
    hostCode: 'INCAN',
    invitedCodes: ['UMAE-HO-CMNSXXI', 'HRAEB', oc('NL'), oc('COAH'), oc('CHIH'), oc('TAMPS')],
    agenda: [topicItem('Preparación para inmunoterapia: selección y valoración del paciente', 45), topicItem('Toxicidades inmunomediadas: reconocimiento temprano', 30), questions],
  },
];

/**
 * An external speaker invited to the first upcoming keynote. Their link is not known (only a
 * hash is kept): the coordinator issues a new one from the session's page to try it.
 */
function demoGuests(sessions: readonly { _id: Types.ObjectId; kind: SessionKind; startsAt: Date }[], coordinator: { _id: Types.ObjectId; name: string }, now: Date) {
  const keynote = sessions.find((session) => session.kind === 'keynote' && session.startsAt > now);
  if (!keynote) throw new Error('demo data has no upcoming keynote');
  return [
    {
      sessionId: keynote._id,
      name: 'Dra. Sarah Mitchell',
      kind: 'speaker',
      affiliation: 'The Hospital for Sick Children, Toronto',
      tokenHash: newSecret().hash,
      invitedBy: coordinator._id,
      invitedByName: coordinator.name,
    },
  ];
}

/** The instant of `hour`:00 in Mexico City on the weekday `dayOffset` days from `now`'s local date. */
function weekdayStart(now: Date, dayOffset: number, hour: number): Date {
  const day = new Date(`${calendarDayOf(now)}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + dayOffset);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
  const local = `${day.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00`;
  const startsAt = zonedWallTimeToUtc(local, DEFAULT_TIME_ZONE);
  if (!startsAt) throw new Error(`${local} does not exist in ${DEFAULT_TIME_ZONE}`);
  return startsAt;
}

/**
 * Fills an empty database with the network's centres, demo accounts and sessions around `now`.
 * Centres go in last: they are the marker that the seed finished, so an interrupted seed is not
 * mistaken for a complete one on the next start.
 */
export async function seedDemoData(models: Models, options: { now?: Date } = {}): Promise<{ seeded: boolean }> {
  if (await models.centers.exists({})) return { seeded: false };
  const now = options.now ?? new Date();

  const centerIds = new Map(demoCenters.map((center) => [center.code, new Types.ObjectId()]));
  const centerId = (code: string): Types.ObjectId => {
    const id = centerIds.get(code);
    if (!id) throw new Error(`demo data names an unknown centre: ${code}`);
    return id;
  };

  // One hash for every demo account: each scrypt hash costs about 100 ms.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users = await models.users.insertMany(
    [...demoAccounts, ...additionalExperts, ...additionalLaboratoryAccounts, ...officeAuthorities].map((user) => ({
      name: user.name,
      email: user.email,
      roles: user.roles,
      centerId: centerId(user.centerCode),
      specialty: user.specialty ?? '',
      passwordHash,
    })),
  );
  const coordinator = users.find((user) => user.roles.includes('coordinator'));
  if (!coordinator) throw new Error('demo data has no coordinator');

  const sessions = [];
  let deathReviewSessionId: Types.ObjectId | undefined;
  const cases: (PresentedCase & Record<string, unknown>)[] = [];
  // Numbered in date order, the working group's meetings among the others.
  const schedule: PlannedSession[] = [...plannedSessions, ...workingGroupMeetings].sort((a, b) => a.dayOffset - b.dayOffset);
  for (const plan of schedule) {
    const startsAt = weekdayStart(now, plan.dayOffset, plan.hour);
    const sessionId = new Types.ObjectId();
    // Past case reviews carry the cases they discussed, linked from their agenda items.
    const agenda = plan.agenda.map((item) => {
      const presented = startsAt < now ? demoCases[item.title] : undefined;
      if (!presented) return { id: randomUUID(), ...item };
      const caseId = new Types.ObjectId();
      cases.push({
        _id: caseId,
        ...presented.fields,
        pathway: demoPathway(presented, calendarDayOf(now)),
        sessionId,
        centerId: centerId(presented.centerCode),
        createdBy: coordinator._id,
      });
      return { id: randomUUID(), ...item, caseId };
    });
    if (plan.reviewsDeaths) deathReviewSessionId = sessionId;
    sessions.push({
      _id: sessionId,
      number: await nextValue(models.counters, 'session'),
      kind: plan.kind,
      title: plan.title,
      startsAt,
      timeZone: DEFAULT_TIME_ZONE,
      durationMinutes: plan.durationMinutes,
      hostCenterId: centerId(plan.hostCode),
      invitedCenterIds: plan.invitedCodes.map(centerId),
      status: startsAt < now ? 'ended' : 'scheduled',
      caseCutoffHours: 24,
      agenda,
      createdBy: coordinator._id,
    });
  }
  // The working group's meetings have their own activity (workingGroup.ts): the others' stays as it was.
  const held = sessions.filter((session) => session.status === 'ended' && session.kind !== 'working_group');
  const covered = new Set(users.map((user) => String(user.centerId)));
  const attendees = await models.users.insertMany(
    extraAttendees([...new Set(held.flatMap((session) => [session.hostCenterId, ...session.invitedCenterIds]))], covered).map((person) => ({
      name: person.name,
      email: `asistente.${person.index}@oncoboard.mx`,
      roles: ['attendee'],
      centerId: person.centerId,
      specialty: '',
      passwordHash,
    })),
  );
  const activity = demoActivity(
    held,
    [...users.map((user) => ({ ...user.toObject(), steady: true })), ...attendees.map((user) => ({ ...user.toObject(), steady: false }))],
    cases,
    coordinator._id,
    now,
  );
  // A case of a centre with a demo presenter was followed up (and its studies sent) by that presenter; the others by the coordinator.
  const presenterOf = new Map(users.filter((user) => user.roles.includes('presenter')).map((user) => [String(user.centerId), user._id]));
  const byPresenter = (presented: PresentedCase) => presenterOf.get(String(presented.centerId)) ?? coordinator._id;
  if (!deathReviewSessionId) throw new Error('demo data has no session to review deaths at');
  const followUp = demoFollowUps(cases, activity.recommendations, byPresenter, deathReviewSessionId, now);
  const deathReviewSession = sessions.find((session) => session._id === deathReviewSessionId)!;
  deathReviewSession.agenda.push(...followUp.agendaItems.map((item) => ({ ...item, caseId: new Types.ObjectId(item.caseId) })));
  const workingGroup = await workingGroupOf(models, sessions, [...users, ...attendees], centerId, coordinator, now);
  await models.sessions.insertMany(
    sessions.map((session) => ({
      ...session,
      endedAt: activity.endedAt.get(String(session._id)) ?? workingGroup.endedAt.get(String(session._id)),
      ...(workingGroup.approved.has(String(session._id)) ? { status: 'minutes_approved' } : {}),
    })),
  );
  await models.cases.insertMany(cases.map((presented) => ({ ...presented, createdAt: activity.caseCreatedAt.get(String(presented._id)) })));
  const attendance = attendanceRecordsOf([...activity.presenceEvents, ...workingGroup.presenceEvents]);
  await models.attendances.insertMany(attendance.attendances);
  await models.attendanceMarks.insertMany(attendance.attendanceMarks);
  await models.recommendations.insertMany(activity.recommendations);
  await models.agreements.insertMany([...activity.agreements, ...workingGroup.agreements]);
  await models.matters.insertMany(workingGroup.matters);
  await models.guests.insertMany(workingGroup.guests);
  await models.minutes.insertMany(workingGroup.minutes);
  await models.followUps.insertMany(followUp.followUps);
  // Each laboratory's own account receives and results its studies.
  const laboratories = new Map(
    [DEMO_LABORATORY_CODE, DEMO_PATHOLOGY_CODE].map((code) => {
      const account = users.find((user) => user.roles.includes('laboratory') && user.centerId.equals(centerId(code)));
      if (!account) throw new Error(`demo data has no account at the laboratory ${code}`);
      return [code, { centerId: centerId(code), accountId: account._id }] as const;
    }),
  );
  await models.studies.insertMany(demoStudies(cases, laboratories, byPresenter, now));
  await models.guests.insertMany(demoGuests(sessions, coordinator, now));

  await models.centers.insertMany(demoCenters.map((center) => ({ ...center, _id: centerId(center.code) })));
  return { seeded: true };
}

/** The working group's meetings among the demo's sessions, attended by the accounts of the centres they invite. */
function workingGroupOf(
  models: Models,
  sessions: readonly Meeting[],
  accounts: readonly { _id: Types.ObjectId; name: string; centerId: Types.ObjectId; roles: string[] }[],
  centerId: (code: string) => Types.ObjectId,
  coordinator: { _id: Types.ObjectId; name: string },
  now: Date,
) {
  const names = new Map(demoCenters.map((center) => [String(centerId(center.code)), center.name]));
  return demoWorkingGroup(
    models.counters,
    sessions.filter((session) => session.kind === 'working_group'),
    { centerId, centerName: (id) => names.get(id) ?? id, accounts, coordinator, now },
  );
}
