import type { NoticeKind } from '../../shared/notices';

type KindWords = Record<NoticeKind, { label: string; about: string }>;

/** Messages of the page where each person chooses which emails reach them, to merge beside the main messages. */
const esMX = {
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
      commitment_late: { label: 'Pacientes y estudios fuera de compromiso', about: 'Cuando un paciente o un estudio de laboratorio pasa el plazo comprometido.' },
    } satisfies KindWords,
  },
};

const en: typeof esMX = {
  notices: {
    title: 'Email notices',
    intro: 'Choose which notices you want by email. The ticked ones reach you; the others do not.',
    noEmail: 'This server does not send email yet; your choices are kept for when it does.',
    save: 'Save',
    saved: 'Choices saved.',
    loading: 'Loading…',
    kinds: {
      session_invitation: { label: 'Session invitations', about: 'When your centre is invited to a session, with the file for your calendar.' },
      session_change: { label: 'Changes and cancellations', about: 'When a session of your centre changes date, is cancelled or your centre no longer takes part.' },
      guest_invitation: { label: 'Guest invitations', about: 'When someone without an account (a family member or a speaker) is invited to a session.' },
      agreement_due: { label: 'Agreements due soon', about: 'When an agreement your centre is responsible for falls due in the next few days.' },
      agreement_overdue: { label: 'Overdue agreements', about: 'When an agreement your centre is responsible for has passed its deadline unmet.' },
      commitment_late: { label: 'Patients and studies past a commitment', about: 'When a patient or a laboratory study passes the committed time.' },
    },
  },
};

export const noticeMessages = { 'es-MX': esMX, en };
