import type { GuestKind } from '../../shared/guests';
import { mexicanStates, type MexicanState } from '../../shared/mexico';
import type { MatterStatus, MatterTopic } from '../../shared/workingGroup';
import { agreementText, attendanceByCenterLines, dateAndHostLine, TOPIC_KINDS, type MinutesAgreement, type MinutesDraftInput } from './minutesText';
import { MATTER_STATUS_LABEL, MATTER_TOPIC_LABEL } from './spanishLabels';

export interface MinutesMatter {
  number: number;
  sessionNumber: number;
  topic: MatterTopic;
  state: string;
  hospitalCenterId: string | null;
  raisedBy: string;
  description: string;
  status: MatterStatus;
  agreements: MinutesAgreement[];
}

/** What a working-group meeting's first draft says: never a case, a patient or a family's surname. */
export interface WorkingGroupMinutesInput {
  session: MinutesDraftInput['session'];
  centerName: (centerId: string) => string;
  /** The accounts that entered the room (the authorities), under their centre. */
  joined: MinutesDraftInput['joined'];
  /** The invited guests who entered the room; a family member's name is a first name only. */
  guests: { kind: GuestKind; name: string; affiliation: string }[];
  /** This meeting's matters, in the order raised. */
  matters: MinutesMatter[];
  /** Earlier meetings' matters still open when the meeting began. */
  followUps: MinutesMatter[];
  /** Agreements of this meeting that answer no matter. */
  otherAgreements: MinutesAgreement[];
}

const unique = (names: readonly string[]) => [...new Set(names)].sort((a, b) => a.localeCompare(b, 'es'));

function matterLines(matter: MinutesMatter, centerName: (centerId: string) => string, raisedAt?: number): string[] {
  const hospital = matter.hospitalCenterId ? ` Hospital: ${centerName(matter.hospitalCenterId)}.` : '';
  const where = raisedAt === undefined ? '' : ` (planteado en la sesión ${raisedAt})`;
  return [
    `Asunto ${matter.number}${where} — ${MATTER_TOPIC_LABEL[matter.topic]}. Estado: ${mexicanStates[matter.state as MexicanState] ?? matter.state}.${hospital} Planteado por: ${matter.raisedBy}.`,
    `   ${matter.description}`,
    ...(matter.agreements.length ? matter.agreements.map((agreement) => `   Acuerdo: ${agreementText(agreement, centerName)}`) : ['   Sin acuerdos registrados.']),
    `   Situación del asunto: ${MATTER_STATUS_LABEL[matter.status]}.`,
  ];
}

/**
 * The draft of a working-group meeting, as the network's bulletins list it: the authorities by
 * office, the families by first name, the other guests with their affiliation; then each matter
 * raised with its agreements, and the follow-up of earlier meetings' open matters.
 */
export function renderWorkingGroupMinutes({ session, centerName, joined, guests, matters, followUps, otherAgreements }: WorkingGroupMinutesInput): string {
  const families = unique(guests.filter((guest) => guest.kind === 'family').map((guest) => guest.name));
  const others = unique(guests.filter((guest) => guest.kind !== 'family').map((guest) => (guest.affiliation ? `${guest.name} (${guest.affiliation})` : guest.name)));
  const lines = [
    `MESA DE TRABAJO CON FAMILIAS — Sesión ${session.number}: ${session.title}`,
    dateAndHostLine(session, centerName),
    '',
    'AUTORIDADES',
    ...attendanceByCenterLines(joined, centerName),
    '',
    'FAMILIAS',
    families.length ? `- ${families.join(', ')}` : '- Sin registro de familias.',
    ...(others.length ? ['', 'OTROS INVITADOS', ...others.map((name) => `- ${name}`)] : []),
    '',
    'ASUNTOS',
    ...(matters.length ? matters.flatMap((matter) => matterLines(matter, centerName)) : ['- No se plantearon asuntos.']),
    '',
    'SEGUIMIENTO DE ASUNTOS ANTERIORES',
    ...(followUps.length ? followUps.flatMap((matter) => matterLines(matter, centerName, matter.sessionNumber)) : ['- Sin asuntos pendientes de reuniones anteriores.']),
  ];
  if (otherAgreements.length) lines.push('', 'OTROS ACUERDOS', ...otherAgreements.map((agreement) => `- ${agreementText(agreement, centerName)}`));
  const topics = session.agenda.filter((item) => TOPIC_KINDS.has(item.kind));
  if (topics.length) lines.push('', 'TEMAS', ...topics.map((item) => `- ${item.title}`));
  return lines.join('\n');
}
