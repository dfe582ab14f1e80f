import type { Commitment } from '../../shared/pathway';
import type { StudyType, Turnaround } from '../../shared/studies';
import { formatMexicanDateTime, formatMexicanDay } from '../domain/mexicanDates';
import { STUDY_TYPE_LABEL } from '../domain/spanishLabels';
import { messageBody, type MessageContent } from './messages';

/** "1 hora", "3 días". */
export function amountWords(amount: number, unit: Turnaround['unit']): string {
  if (unit === 'hours') return amount === 1 ? '1 hora' : `${amount} horas`;
  return amount === 1 ? '1 día' : `${amount} días`;
}

/** The case's page (client/router.ts: /casos/:id), where its studies and pathway are recorded. */
export const casePageUrl = (publicUrl: string, caseId: string) => `${publicUrl}/casos/${caseId}`;

const BECAUSE = 'atiende este caso (o usted coordina la red)';

export interface LateStudyMessageInput {
  study: { caseId: string; caseCode: string; type: StudyType; description: string; laboratoryName: string; sendingCenterName: string; turnaround: Turnaround; dueAt: string };
  late: number;
  recipient: { name: string };
  publicUrl: string;
}

const studyName = ({ type, description }: { type: StudyType; description: string }) => (type === 'other' && description ? description : STUDY_TYPE_LABEL[type]);

/** A laboratory study past its turnaround without a result, for one person who watches its case; in Spanish, by the case's code alone. */
export function lateStudyMessage(input: LateStudyMessageInput): MessageContent {
  const { study } = input;
  const late = amountWords(input.late, study.turnaround.unit);
  const body = messageBody({
    recipientName: input.recipient.name,
    lines: [
      `Un estudio de laboratorio del caso ${study.caseCode} pasó su tiempo de respuesta sin resultado: lleva ${late} de retraso.`,
      'Si el resultado ya llegó, regístrelo en la página del caso; si no, consulte al laboratorio.',
    ],
    facts: [
      ['Caso', study.caseCode],
      ['Estudio', studyName(study)],
      ['Laboratorio', study.laboratoryName],
      ['Centro que lo envió', study.sendingCenterName],
      ['Tiempo comprometido', amountWords(study.turnaround.amount, study.turnaround.unit)],
      ['Vencía', `${formatMexicanDateTime(study.dueAt)} h`],
      ['Retraso', late],
    ],
    link: { url: casePageUrl(input.publicUrl, study.caseId), label: 'Abrir el caso en OncoBoard' },
    because: BECAUSE,
    publicUrl: input.publicUrl,
  });
  return { subject: `Estudio fuera de tiempo: ${studyName(study)} del caso ${study.caseCode} (${late} de retraso)`, ...body };
}

export interface UnreceivedSampleMessageInput {
  study: { caseId: string; caseCode: string; type: StudyType; description: string; laboratoryName: string; sendingCenterName: string; sentAt: string };
  /** Calendar days since it was sent. */
  days: number;
  recipient: { name: string };
  publicUrl: string;
}

/** A sample sent days ago that its laboratory has not recorded as received, for one person who watches its case; in Spanish, by the case's code alone. */
export function unreceivedSampleMessage(input: UnreceivedSampleMessageInput): MessageContent {
  const { study } = input;
  const days = amountWords(input.days, 'days');
  const body = messageBody({
    recipientName: input.recipient.name,
    lines: [
      `La muestra de un estudio del caso ${study.caseCode} se envió hace ${days} y el laboratorio aún no registra haberla recibido: puede haberse perdido en el camino.`,
      'Confirme con el laboratorio que la recibió (su recepción se registra en la página del caso) o envíe otra muestra.',
    ],
    facts: [
      ['Caso', study.caseCode],
      ['Estudio', studyName(study)],
      ['Laboratorio', study.laboratoryName],
      ['Centro que lo envió', study.sendingCenterName],
      ['Enviada', `${formatMexicanDateTime(study.sentAt)} h`],
    ],
    link: { url: casePageUrl(input.publicUrl, study.caseId), label: 'Abrir el caso en OncoBoard' },
    because: BECAUSE,
    publicUrl: input.publicUrl,
  });
  return { subject: `Muestra sin recibir: ${studyName(study)} del caso ${study.caseCode} (enviada hace ${days})`, ...body };
}

export interface LatePatientMessageInput {
  caseId: string;
  caseCode: string;
  centerName: string;
  clock: { commitment: Commitment; startedOn: string; dueOn: string; allowedDays: number; days: number };
  recipient: { name: string };
  publicUrl: string;
}

const COMMITMENT_WORDS: Record<Commitment, { what: string; missing: string; from: string }> = {
  diagnosis: { what: 'diagnóstico', missing: 'sigue sin diagnóstico registrado', from: 'desde la sospecha y referencia' },
  treatment: { what: 'inicio de tratamiento', missing: 'sigue sin inicio de tratamiento registrado', from: 'desde el diagnóstico' },
};

/** A patient's pathway clock past its commitment, for one person who watches the case; in Spanish, by the case's code alone. */
export function latePatientMessage(input: LatePatientMessageInput): MessageContent {
  const { clock } = input;
  const words = COMMITMENT_WORDS[clock.commitment];
  const late = amountWords(clock.days, 'days');
  const body = messageBody({
    recipientName: input.recipient.name,
    lines: [
      `El paciente del caso ${input.caseCode} ${words.missing} y pasó el compromiso de la red: lleva ${late} de retraso.`,
      'Si ya ocurrió, registre la fecha en la trayectoria del caso.',
    ],
    facts: [
      ['Caso', input.caseCode],
      ['Centro', input.centerName],
      ['Compromiso', `${words.what} en ${amountWords(clock.allowedDays, 'days')} ${words.from}`],
      ['Inicio del plazo', formatMexicanDay(clock.startedOn)],
      ['Fecha comprometida', formatMexicanDay(clock.dueOn)],
      ['Retraso', late],
    ],
    link: { url: casePageUrl(input.publicUrl, input.caseId), label: 'Abrir el caso en OncoBoard' },
    because: BECAUSE,
    publicUrl: input.publicUrl,
  });
  return { subject: `Paciente fuera de compromiso: ${words.what} del caso ${input.caseCode} (${late} de retraso)`, ...body };
}
