import type { SessionDto } from '../../shared/sessions';
import { formatMexicanDateTime } from '../domain/mexicanDates';
import { SESSION_KIND_LABEL } from '../domain/spanishLabels';
import { calendarFile, type CalendarEvent } from './ics';

/** What the outbox sends: the words, and the calendar file where there is one. */
export interface MessageContent {
  subject: string;
  text: string;
  html: string;
  calendar?: { method: CalendarEvent['method']; content: string };
}

/**
 * What a session message tells: an invitation, a change (with the start before it), the
 * cancellation, or that the person's centre no longer takes part (`withdrawn`).
 */
export type SessionMessageKind = 'invitation' | 'change' | 'cancellation' | 'withdrawn';

export interface SessionMessageInput {
  kind: SessionMessageKind;
  session: SessionDto;
  /** Before a change: when it was to start. */
  previousStartsAt?: string;
  hostCenterName: string;
  recipient: { name: string; email: string };
  publicUrl: string;
  /** The sender, as the calendar's organiser. */
  from: { name: string; email: string };
  now: Date;
}

const CITY_NAMES: Record<string, string> = { Mexico_City: 'la Ciudad de México', Merida: 'Mérida', Cancun: 'Cancún' };

/** "hora de la Ciudad de México", "hora de Tijuana": the zone by the city that names it. */
function zoneWords(timeZone: string): string {
  const city = timeZone.split('/').at(-1) ?? timeZone;
  return `hora de ${CITY_NAMES[city] ?? city.replace(/_/g, ' ')}`;
}

/** "martes, 8 de diciembre de 2026, 10:00 h (hora de la Ciudad de México)". */
export function sessionWhen(instant: string, timeZone: string): string {
  return `${formatMexicanDateTime(instant, timeZone)} h (${zoneWords(timeZone)})`;
}

function durationWords(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (!hours) return `${rest} minutos`;
  const hoursText = hours === 1 ? '1 hora' : `${hours} horas`;
  return rest ? `${hoursText} ${rest} minutos` : hoursText;
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export const HEADLINE: Record<SessionMessageKind, (name: string) => string> = {
  invitation: (name) => `Invitación: ${name}`,
  change: (name) => `Cambio: ${name}`,
  cancellation: (name) => `Cancelada: ${name}`,
  withdrawn: (name) => `Su centro ya no participa: ${name}`,
};

/** What happened, said first: the same words to a centre's accounts and to an invited guest. */
export function opening(input: Pick<SessionMessageInput, 'kind' | 'session' | 'previousStartsAt'>): string[] {
  const { session } = input;
  switch (input.kind) {
    case 'invitation':
      return ['Su centro está invitado a esta sesión de la red OncoCREAN.'];
    case 'change':
      return [
        'La sesión cambió; abajo está como queda ahora.',
        ...(input.previousStartsAt && input.previousStartsAt !== session.startsAt ? [`Antes: ${sessionWhen(input.previousStartsAt, session.timeZone)}.`] : []),
      ];
    case 'cancellation':
      return ['La sesión se canceló.', ...(session.cancelReason ? [`Motivo: ${session.cancelReason}.`] : [])];
    case 'withdrawn':
      return ['Su centro ya no está invitado a esta sesión; se retira de su calendario.'];
  }
}

/** The parts every message shares: a greeting, what happened, the facts, a link to the page, and why it came. */
export type MessageLayout = {
  recipientName: string;
  lines: string[];
  facts: [string, string][];
  /** Where to act on it; none for a guest told of a change (their way in is their invitation's link). */
  link?: { url: string; label: string };
} & (
  | {
      /** Why the person gets it: "Recibe este aviso de OncoBoard porque su centro …". */
      because: string;
      /** Where the person chooses which emails they get (client/router.ts: /mis-avisos). */
      publicUrl: string;
    }
  | {
      /** Why it came, to someone without an account (an invited guest): they have neither a centre nor settings. */
      footer: string;
    }
);

/** The plain text and the HTML of one message, laid out alike for every kind. */
export function messageBody(layout: MessageLayout): Pick<MessageContent, 'text' | 'html'> {
  const greeting = `Hola, ${layout.recipientName}:`;
  const footer =
    'footer' in layout ? layout.footer : `Recibe este aviso de OncoBoard porque su centro ${layout.because}. Elija qué avisos recibe por correo en ${layout.publicUrl}/mis-avisos.`;
  const text = [
    greeting,
    '',
    ...layout.lines,
    '',
    ...layout.facts.map(([label, value]) => `${label}: ${value}`),
    ...(layout.link ? [`Enlace: ${layout.link.url}`] : []),
    '',
    footer,
  ].join('\n');
  const html = [
    `<p>${escapeHtml(greeting)}</p>`,
    ...layout.lines.map((line) => `<p>${escapeHtml(line)}</p>`),
    '<ul>',
    ...layout.facts.map(([label, value]) => `<li><strong>${escapeHtml(label)}:</strong> ${escapeHtml(value)}</li>`),
    '</ul>',
    ...(layout.link ? [`<p><a href="${escapeHtml(layout.link.url)}">${escapeHtml(layout.link.label)}</a></p>`] : []),
    `<p><small>${escapeHtml(footer)}</small></p>`,
  ].join('\n');
  return { text, html };
}

/** The session's page (client/router.ts: /sesiones/:id), where its agenda, cases and agreements are. */
export const sessionPageUrl = (publicUrl: string, sessionId: string) => `${publicUrl}/sesiones/${sessionId}`;

/** "sesión 12 «Tumores sólidos»": how a subject names a session. */
export const sessionName = (session: Pick<SessionDto, 'number' | 'title'>) => `sesión ${session.number} «${session.title}»`;

/** What every message about a session says of it: which, what kind, when, how long, where it is hosted. */
export function sessionFacts(session: SessionDto, hostCenterName: string): [string, string][] {
  return [
    ['Sesión', `${session.number} · ${session.title}`],
    ['Tipo', SESSION_KIND_LABEL[session.kind]],
    ['Fecha y hora', sessionWhen(session.startsAt, session.timeZone)],
    ['Duración', durationWords(session.durationMinutes)],
    ['Centro sede', hostCenterName],
  ];
}

/** The session as one calendar event for one person: the same UID in every message about it, so a later one updates the earlier. */
export function sessionCalendar(input: {
  method: CalendarEvent['method'];
  session: SessionDto;
  publicUrl: string;
  description: string;
  url?: string;
  from: { name: string; email: string };
  recipient: { name: string; email: string };
  now: Date;
}): NonNullable<MessageContent['calendar']> {
  const { session } = input;
  const content = calendarFile({
    method: input.method,
    uid: `sesion-${session.id}@${new URL(input.publicUrl).hostname}`,
    sequence: session.version,
    start: new Date(session.startsAt),
    durationMinutes: session.durationMinutes,
    timeZone: session.timeZone,
    summary: `${SESSION_KIND_LABEL[session.kind]}: ${session.title}`,
    description: input.description,
    ...(input.url ? { url: input.url } : {}),
    organizer: input.from,
    attendee: input.recipient,
    stamp: input.now,
  });
  return { method: input.method, content };
}

/** The message about a session for one person, in Spanish, with its .ics. */
export function sessionMessage(input: SessionMessageInput): MessageContent {
  const { session } = input;
  const link = sessionPageUrl(input.publicUrl, session.id);
  const name = sessionName(session);
  const when = sessionWhen(session.startsAt, session.timeZone);
  const facts = sessionFacts(session, input.hostCenterName);
  const lines = opening(input);
  const { text, html } = messageBody({
    recipientName: input.recipient.name,
    lines,
    facts,
    link: { url: link, label: 'Abrir la sesión en OncoBoard' },
    because: 'participa o participaba en esta sesión',
    publicUrl: input.publicUrl,
  });
  const calendar = sessionCalendar({
    method: input.kind === 'cancellation' || input.kind === 'withdrawn' ? 'CANCEL' : 'REQUEST',
    session,
    publicUrl: input.publicUrl,
    description: [...lines, `Centro sede: ${input.hostCenterName}`, link].join('\n'),
    url: link,
    from: input.from,
    recipient: input.recipient,
    now: input.now,
  });
  return { subject: `${HEADLINE[input.kind](name)}, ${when}`, text, html, calendar };
}
