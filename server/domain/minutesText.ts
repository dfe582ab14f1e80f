import type { OpinionDto } from '../../shared/opinions';
import { icdO3Text, stagingText, type CodedCase } from './diagnosisText';
import { formatMexicanDateTime } from './mexicanDates';
import { AGREEMENT_STATUS_LABEL, OPINION_CATEGORY_LABEL } from './spanishLabels';

/** Everything the first draft of a session's minutes says, as plain data (centres by id, names resolved by `centerName`). */
export interface MinutesDraftInput {
  session: { number: number; title: string; startsAt: Date; timeZone: string; hostCenterId: string; agenda: { kind: string; title: string }[] };
  centerName: (centerId: string) => string;
  /** Who entered the room, under the centre the room recorded them for. */
  joined: { centerId: string; displayName: string }[];
  cases: (CodedCase & {
    caseCode: string;
    diagnosis: string;
    icd10Code: string;
    centerId: string;
    question?: string | null;
    opinions: OpinionDto[];
    vote: { question: string; ballots: { name: string; choice: string }[] } | null;
    recommendation: { text: string; status: string } | null;
  })[];
  agreements: { text: string; responsibleCenterId: string; responsiblePerson?: string | null; dueDate: string; status: string }[];
}

export type MinutesAgreement = MinutesDraftInput['agreements'][number];

/** The minutes' second line: when, and which centre hosted. */
export const dateAndHostLine = (session: MinutesDraftInput['session'], centerName: (centerId: string) => string) =>
  `Fecha: ${formatMexicanDateTime(session.startsAt, session.timeZone)}. Sede: ${centerName(session.hostCenterId)}.`;

/** Each centre present once, with the names of its people who entered the room. */
export function attendanceByCenterLines(joined: MinutesDraftInput['joined'], centerName: (centerId: string) => string): string[] {
  const attendees = new Map<string, Set<string>>();
  for (const { centerId, displayName } of joined) attendees.set(centerId, (attendees.get(centerId) ?? new Set<string>()).add(displayName));
  return attendees.size ? [...attendees].map(([center, names]) => `- ${centerName(center)}: ${[...names].sort().join(', ')}`) : ['- Sin registro de asistencia.'];
}

/** An agreement as the minutes state it: what, who answers for it, by when, and how it stands. */
export function agreementText(agreement: MinutesAgreement, centerName: (centerId: string) => string): string {
  const who = agreement.responsiblePerson ? ` (${agreement.responsiblePerson})` : '';
  const status = AGREEMENT_STATUS_LABEL[agreement.status] ?? agreement.status;
  return `${agreement.text} Responsable: ${centerName(agreement.responsibleCenterId)}${who}. Fecha compromiso: ${agreement.dueDate}. Estado: ${status}.`;
}

/** The agenda items that are topics rather than cases: trainings, keynotes and others. */
export const TOPIC_KINDS = new Set(['training_topic', 'keynote', 'other']);

/**
 * The draft: attendance by centre, each case with its published opinions, vote and
 * recommendation, the agreements and the topics, in Spanish, as the coordinator will edit it.
 */
export function renderMinutesDraft({ session, centerName, joined, cases, agreements }: MinutesDraftInput): string {
  const lines = [
    `MINUTA — Sesión ${session.number}: ${session.title}`,
    dateAndHostLine(session, centerName),
    '',
    'ASISTENCIA POR CENTRO',
    ...attendanceByCenterLines(joined, centerName),
    '',
    'CASOS PRESENTADOS',
  ];
  cases.forEach((presented, index) => {
    lines.push(`${index + 1}. ${presented.caseCode} — ${presented.diagnosis} (CIE-10 ${presented.icd10Code}), presenta ${centerName(presented.centerId)}.`);
    const coding = icdO3Text(presented);
    if (coding) lines.push(`   CIE-O-3: ${coding}.`);
    const staging = stagingText(presented);
    if (staging) lines.push(`   Estadificación: ${staging}.`);
    if (presented.question) lines.push(`   Pregunta: ${presented.question}`);
    for (const opinion of presented.opinions.filter((candidate) => candidate.published)) {
      const stance = opinion.stance === 'agree' ? 'de acuerdo' : 'en desacuerdo';
      const specialty = opinion.specialty ? ` (${opinion.specialty})` : '';
      lines.push(`   - ${opinion.authorName}${specialty}, ${OPINION_CATEGORY_LABEL[opinion.category] ?? opinion.category}, ${stance}: ${opinion.text}`);
    }
    const { vote, recommendation } = presented;
    if (vote) {
      const count = (choice: string) => vote.ballots.filter((ballot) => ballot.choice === choice).length;
      const dissent = vote.ballots.filter((ballot) => ballot.choice === 'dissent').map((ballot) => ballot.name);
      const dissenters = dissent.length ? ` (en desacuerdo: ${dissent.join(', ')})` : '';
      lines.push(`   Votación: «${vote.question}» — de acuerdo ${count('agree')}, en desacuerdo ${count('dissent')}, abstenciones ${count('abstain')}${dissenters}.`);
    }
    lines.push(
      recommendation
        ? `   Recomendación del comité${recommendation.status === 'confirmed' ? '' : ' (propuesta, sin confirmar)'}: ${recommendation.text}`
        : '   Recomendación del comité: no registrada.',
    );
  });
  if (cases.length === 0) lines.push('- No se presentaron casos.');
  lines.push('', 'ACUERDOS');
  for (const agreement of agreements) lines.push(`- ${agreementText(agreement, centerName)}`);
  if (agreements.length === 0) lines.push('- Sin acuerdos.');
  const topics = session.agenda.filter((item) => TOPIC_KINDS.has(item.kind));
  if (topics.length) lines.push('', 'TEMAS', ...topics.map((item) => `- ${item.title}`));
  // Deaths of patients discussed at earlier sessions: not this session's cases, so listed apart.
  const deathReviews = session.agenda.filter((item) => item.kind === 'mortality_review');
  if (deathReviews.length) lines.push('', 'REVISIÓN DE DEFUNCIONES', ...deathReviews.map((item) => `- ${item.title}`));
  return lines.join('\n');
}
