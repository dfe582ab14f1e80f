import type { GuestKind } from '../../shared/guests';
import type { SessionDto } from '../../shared/sessions';
import { HEADLINE, messageBody, opening, sessionCalendar, sessionFacts, sessionName, sessionWhen, type MessageContent } from './messages';

/** Why it came, to someone without an account: they have neither a centre nor settings. */
const GUEST_FOOTER = 'Recibe este correo de OncoBoard porque la coordinación de la red OncoCREAN le invitó a esta sesión.';

export interface GuestMessageInput {
  guest: { name: string; kind: GuestKind; email: string };
  invitedByName: string;
  session: SessionDto;
  hostCenterName: string;
  /** The guest's personal link, and from when it works. */
  link: string;
  opensAt: Date;
  publicUrl: string;
  from: { name: string; email: string };
  now: Date;
}

/**
 * The invitation a guest without an account receives, in Spanish: the session, what to expect
 * (the lobby, where the coordination admits them), their personal link and when it works, and the
 * session's .ics with the link in it.
 */
export function guestInvitationMessage(input: GuestMessageInput): MessageContent {
  const { session, guest } = input;
  const lines = [
    `${input.invitedByName}, de la coordinación de la red OncoCREAN, le invita a participar en esta sesión${guest.kind === 'speaker' ? ' como ponente' : ''}.`,
    'No necesita una cuenta: entre con su enlace personal desde un navegador con cámara y micrófono.',
    `Su enlace funciona desde el ${sessionWhen(input.opensAt.toISOString(), session.timeZone)} y hasta que termine la sesión.`,
    'Al entrar esperará en la sala de espera hasta que la coordinación le dé acceso.',
    'El enlace es personal y sirve solo para esta sesión: no lo comparta.',
  ];
  const { text, html } = messageBody({
    recipientName: guest.name,
    lines,
    facts: sessionFacts(session, input.hostCenterName),
    link: { url: input.link, label: 'Entrar a la sesión' },
    footer: `${GUEST_FOOTER} Si no lo esperaba, puede ignorarlo.`,
  });
  const calendar = sessionCalendar({
    method: 'REQUEST',
    session,
    publicUrl: input.publicUrl,
    description: [...lines.slice(1), input.link].join('\n'),
    url: input.link,
    from: input.from,
    recipient: { name: guest.name, email: guest.email },
    now: input.now,
  });
  return { subject: `Invitación: ${sessionName(session)}, ${sessionWhen(session.startsAt, session.timeZone)}`, text, html, calendar };
}

export interface GuestChangeMessageInput extends Omit<GuestMessageInput, 'link' | 'opensAt' | 'invitedByName'> {
  kind: 'change' | 'cancellation';
  /** Before a change: when it was to start. */
  previousStartsAt?: string;
}

/**
 * A session an invited guest was asked to moved or was cancelled: the same words a centre's accounts
 * read, without a page to open (a guest has none) and with their calendar's event updated or
 * withdrawn; their personal link stays the one in their invitation.
 */
export function guestSessionChangeMessage(input: GuestChangeMessageInput): MessageContent {
  const { session, guest } = input;
  const lines = [...opening(input), ...(input.kind === 'change' ? ['Su enlace personal sigue siendo el de su invitación; funciona desde media hora antes del nuevo inicio.'] : [])];
  const { text, html } = messageBody({ recipientName: guest.name, lines, facts: sessionFacts(session, input.hostCenterName), footer: GUEST_FOOTER });
  const calendar = sessionCalendar({
    method: input.kind === 'cancellation' ? 'CANCEL' : 'REQUEST',
    session,
    publicUrl: input.publicUrl,
    description: lines.join('\n'),
    from: input.from,
    recipient: { name: guest.name, email: guest.email },
    now: input.now,
  });
  return { subject: `${HEADLINE[input.kind](sessionName(session))}, ${sessionWhen(session.startsAt, session.timeZone)}`, text, html, calendar };
}
