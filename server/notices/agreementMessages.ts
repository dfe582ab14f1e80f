import { daysBetween } from '../../shared/pathway';
import { formatMexicanDay } from '../domain/mexicanDates';
import { messageBody, sessionPageUrl, type MessageContent } from './messages';

/** A reminder of an agreement still open: its due day is near (`due`), or past (`overdue`). */
export type AgreementMessageKind = 'due' | 'overdue';

export interface AgreementMessageInput {
  kind: AgreementMessageKind;
  agreement: { text: string; dueDate: string; responsiblePerson: string };
  session: { id: string; number: number; title: string };
  centerName: string;
  recipient: { name: string };
  publicUrl: string;
  /** The Mexican calendar day the reminder is written on. */
  today: string;
}

/** "vence hoy", "vence mañana", "faltan 3 días"; "venció hace 1 día", "venció hace 4 días". */
export function timeLeftWords(dueDate: string, today: string): string {
  const left = daysBetween(today, dueDate);
  if (left < 0) return `venció hace ${-left} ${-left === 1 ? 'día' : 'días'}`;
  if (left === 0) return 'vence hoy';
  if (left === 1) return 'vence mañana';
  return `faltan ${left} días`;
}

const SUBJECT_TEXT_LENGTH = 80;

/** The agreement's first words, for a subject line that fits in a mail list. */
function shortText(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > SUBJECT_TEXT_LENGTH ? `${oneLine.slice(0, SUBJECT_TEXT_LENGTH - 1).trimEnd()}…` : oneLine;
}

const capitalised = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);

/** The reminder of one agreement for one person of its responsible centre, in Spanish. */
export function agreementMessage(input: AgreementMessageInput): MessageContent {
  const { agreement, session } = input;
  const left = timeLeftWords(agreement.dueDate, input.today);
  const lines = input.kind === 'due' ? [`Un acuerdo a cargo de su centro está por vencer: ${left}.`] : [`Un acuerdo a cargo de su centro sigue abierto y ${left}.`];
  lines.push('Cuando esté cumplido, márquelo como realizado en la página de la sesión; si necesita más tiempo, pida que se cambie su fecha límite.');
  const facts: [string, string][] = [
    ['Acuerdo', agreement.text],
    ['Sesión', `${session.number} · ${session.title}`],
    ['Centro responsable', input.centerName],
    ...(agreement.responsiblePerson ? [['Persona responsable', agreement.responsiblePerson] as [string, string]] : []),
    ['Fecha límite', formatMexicanDay(agreement.dueDate)],
    ['Plazo', capitalised(left)],
  ];
  const body = messageBody({
    recipientName: input.recipient.name,
    lines,
    facts,
    link: { url: sessionPageUrl(input.publicUrl, session.id), label: 'Ver los acuerdos de la sesión en OncoBoard' },
    because: 'es responsable de este acuerdo',
    publicUrl: input.publicUrl,
  });
  const headline = input.kind === 'due' ? `Acuerdo por vencer (${left})` : `Acuerdo vencido (${left})`;
  return { subject: `${headline}: ${shortText(agreement.text)}`, ...body };
}
