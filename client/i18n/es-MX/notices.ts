import type { NoticeKind } from '../../../shared/notices';

type KindWords = Record<NoticeKind, { label: string; about: string }>;

/**
 * Messages of the page where each person chooses which emails reach them, and of the notices the
 * app lists (the home page's "Avisos", the header's count), to merge beside the main messages.
 */
export const messages = {
  inbox: {
    heading: 'Avisos',
    none: 'No tiene avisos.',
    markAll: 'Marcar todos como leídos',
    unread: 'sin leer',
    /** The header's link to the list, with its count for screen readers. */
    badge: 'Avisos sin leer: {n}',
    late: { hours: '{n} hora | {n} horas', days: '{n} día | {n} días' },
    says: {
      invitation: 'Su centro está invitado a la sesión {number} «{title}», el {when}.',
      change: 'La sesión {number} «{title}» cambió: ahora es el {when}.',
      cancellation: 'La sesión {number} «{title}» se canceló.',
      withdrawn: 'Su centro ya no participa en la sesión {number} «{title}».',
      guest_invitation: 'Se invitó a una persona externa a la sesión {number} «{title}».',
      agreement_due: 'Un acuerdo a cargo de su centro (sesión {sessionNumber}) vence el {due}: {text}',
      agreement_overdue: 'Un acuerdo a cargo de su centro (sesión {sessionNumber}) venció el {due}: {text}',
      study: 'El estudio de {study} del caso {caseCode} pasó su tiempo de respuesta sin resultado: {late} de retraso.',
      diagnosis: 'El paciente del caso {caseCode} pasó el compromiso de diagnóstico: {late} de retraso.',
      treatment: 'El paciente del caso {caseCode} pasó el compromiso de inicio de tratamiento: {late} de retraso.',
      not_received: 'La muestra de {study} del caso {caseCode} se envió hace {late} y el laboratorio aún no registra haberla recibido.',
    },
  },
  notices: {
    title: 'Avisos por correo',
    intro: 'Elija qué avisos quiere recibir por correo electrónico. Los avisos marcados le llegan; los demás no.',
    noEmail: 'Este servidor aún no envía correos; sus preferencias se guardan para cuando lo haga.',
    save: 'Guardar',
    saved: 'Preferencias guardadas.',
    loading: 'Cargando…',
    kinds: {
      session_invitation: { label: 'Invitaciones a sesiones', about: 'Cuando su centro es invitado a una sesión, con el archivo para su calendario.' },
      session_change: { label: 'Cambios y cancelaciones', about: 'Cuando una sesión de su centro cambia de fecha, se cancela o su centro deja de participar.' },
      guest_invitation: { label: 'Invitaciones a personas externas', about: 'Cuando se invita a una persona sin cuenta (familiar o ponente) a una sesión.' },
      agreement_due: { label: 'Acuerdos por vencer', about: 'Cuando un acuerdo a cargo de su centro vence en los próximos días.' },
      agreement_overdue: { label: 'Acuerdos vencidos', about: 'Cuando un acuerdo a cargo de su centro pasó su fecha límite sin cumplirse.' },
      commitment_late: {
        label: 'Pacientes y estudios fuera de compromiso',
        about: 'Cuando un paciente o un estudio de laboratorio pasa el plazo comprometido, o una muestra enviada no llega al laboratorio.',
      },
    } satisfies KindWords,
  },
};
