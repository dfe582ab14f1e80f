import type { messages as spanish } from '../es-MX/notices';

/**
 * The English messages of the page where each person chooses which emails reach them, and of the notices the
 * app lists (the home page's "Avisos", the header's count), to merge beside the main messages.
 */
export const messages: typeof spanish = {
  inbox: {
    heading: 'Notices',
    none: 'You have no notices.',
    markAll: 'Mark all as read',
    unread: 'unread',
    badge: 'Unread notices: {n}',
    late: { hours: '{n} hour | {n} hours', days: '{n} day | {n} days' },
    says: {
      invitation: 'Your centre is invited to session {number} “{title}”, on {when}.',
      change: 'Session {number} “{title}” changed: it is now on {when}.',
      cancellation: 'Session {number} “{title}” was cancelled.',
      withdrawn: 'Your centre no longer takes part in session {number} “{title}”.',
      guest_invitation: 'A guest was invited to session {number} “{title}”.',
      agreement_due: 'An agreement of your centre (session {sessionNumber}) falls due on {due}: {text}',
      agreement_overdue: 'An agreement of your centre (session {sessionNumber}) fell due on {due}: {text}',
      study: 'The {study} study of case {caseCode} passed its turnaround without a result: {late} late.',
      diagnosis: 'The patient of case {caseCode} passed the diagnosis commitment: {late} late.',
      treatment: 'The patient of case {caseCode} passed the treatment commitment: {late} late.',
      not_received: 'The {study} sample of case {caseCode} was sent {late} ago and the laboratory has not yet recorded receiving it.',
    },
  },
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
      commitment_late: {
        label: 'Patients and studies past a commitment',
        about: 'When a patient or a laboratory study passes the committed time, or a sample sent does not reach the laboratory.',
      },
    },
  },
};
