import type { Role } from './roles';

/**
 * How far a role's right reaches: over anything in the network, or only over what belongs to the
 * person's own centre (a case it presents, an agreement it is responsible for, its people's attendance).
 */
export type Reach = 'any' | 'own_center';

interface Permission {
  /** Roles that hold the right, and how far. A role not listed does not hold it. */
  grants: Partial<Record<Role, Reach>>;
  /** Said with the 403 when it is refused (the client says it in its own language by code). */
  refusal: string;
}

/**
 * Who may do what in OncoBoard, written once: read by the domain services, the realtime handlers,
 * the REST route table (refusing before a body is read), the client's router guards and the
 * buttons it shows. Rules that are not about roles (a centre invited to a session, a case's
 * cut-off, a vote being open) stay with the records they are about.
 */
export const permissions = {
  'centers.manage': { grants: { admin: 'any' }, refusal: 'only administrators manage centres' },
  'users.read': { grants: { admin: 'any', coordinator: 'any' }, refusal: 'only administrators and coordinators read the accounts' },
  'users.manage': { grants: { admin: 'any' }, refusal: 'only administrators manage accounts' },
  'health.details': { grants: { admin: 'any' }, refusal: 'only administrators read the server’s details' },
  'sessions.schedule': { grants: { coordinator: 'any' }, refusal: 'only a coordinator schedules sessions' },
  /** Every session of the network, and its notices, whether or not the person's centre is invited. */
  'sessions.seeAll': { grants: { admin: 'any', coordinator: 'any' }, refusal: 'your centre is not invited to this session' },
  'room.enterEarly': { grants: { coordinator: 'any' }, refusal: 'the room opens shortly before the session starts' },
  'room.moderate': { grants: { coordinator: 'any' }, refusal: 'only the coordinator moderates the room' },
  /** A guest speaker's role is given only in a keynote or a training, where they may share their screen. */
  'room.present': {
    grants: { presenter: 'any', coordinator: 'any', guest_speaker: 'any' },
    refusal: 'only presenters, coordinators and guest speakers show files and screens to the room',
  },
  /** Invites people without an account to one session, and revokes or renews their links. */
  'guests.invite': { grants: { coordinator: 'any' }, refusal: 'only a coordinator invites guests' },
  /** Records the matters raised at a working-group meeting. */
  'matters.record': { grants: { coordinator: 'any' }, refusal: 'only the coordinator records the matters raised' },
  'cases.submit': { grants: { presenter: 'any' }, refusal: 'only presenters submit cases' },
  'cases.edit': { grants: { presenter: 'own_center' }, refusal: 'only presenters of the case’s centre change it' },
  'cases.remove': { grants: { presenter: 'own_center', coordinator: 'any' }, refusal: 'only presenters of the case’s centre and coordinators remove it' },
  /** The patient's pathway dates (referral, arrival, diagnosis, treatment) are kept up after the session too. */
  'cases.pathway': {
    grants: { presenter: 'own_center', coordinator: 'any' },
    refusal: 'only presenters of the case’s centre and coordinators record its pathway dates',
  },
  /** Patients past or near a commitment: a presenter's centre's, or the whole network's for a coordinator. */
  'pathway.watch': { grants: { presenter: 'own_center', coordinator: 'any' }, refusal: 'only presenters and coordinators follow the patients’ commitments' },
  'commitments.set': { grants: { coordinator: 'any' }, refusal: 'only a coordinator changes the network’s commitments' },
  'opinions.give': { grants: { expert: 'any' }, refusal: 'only experts give opinions' },
  'recommendations.record': { grants: { coordinator: 'any' }, refusal: 'only the coordinator records the board’s recommendation' },
  'votes.call': { grants: { coordinator: 'any' }, refusal: 'only the coordinator calls and closes a vote' },
  'votes.cast': { grants: { expert: 'any' }, refusal: 'only the experts present vote' },
  'minutes.keep': { grants: { coordinator: 'any' }, refusal: 'only the coordinator ends sessions and keeps the minutes' },
  'agreements.record': { grants: { coordinator: 'any' }, refusal: 'only the coordinator records and changes agreements' },
  'agreements.seeAll': { grants: { admin: 'any', coordinator: 'any' }, refusal: 'your centre does not take part in this agreement' },
  /** The responsible centre reports progress: its status and follow-up notes. */
  'agreements.followUp': {
    grants: { coordinator: 'any', admin: 'own_center', presenter: 'own_center', expert: 'own_center' },
    refusal: 'only the coordinator or the responsible centre follows up an agreement',
  },
  'attendance.correct': { grants: { coordinator: 'any' }, refusal: 'only a coordinator corrects attendance' },
  'attendance.read': {
    grants: { admin: 'any', coordinator: 'any', presenter: 'own_center', expert: 'own_center', attendee: 'own_center' },
    refusal: 'you may read the attendance of your own centre',
  },
  /** Sending a case's sample to a reference laboratory; not bound by the session's cut-off. */
  'studies.send': { grants: { presenter: 'own_center', coordinator: 'any' }, refusal: 'only presenters of the case’s centre and coordinators send its studies' },
  /**
   * The laboratory's receipt and result, recorded by the sending centre or by the laboratory: a
   * laboratory account's own centre is its laboratory.
   */
  'studies.record': {
    grants: { presenter: 'own_center', coordinator: 'any', laboratory: 'own_center' },
    refusal: 'only the sending centre, its laboratory and coordinators record a study’s receipt and result',
  },
  /** The studies sent to a laboratory, as its accounts list them. */
  'studies.inbox': { grants: { laboratory: 'own_center' }, refusal: 'only laboratory accounts list the studies sent to their laboratory' },
  /** What came of a confirmed recommendation, the patient's course, and a death put on a later agenda for review. */
  'followUp.record': {
    grants: { presenter: 'own_center', coordinator: 'any' },
    refusal: 'only presenters of the case’s centre and coordinators record what came of its recommendation',
  },
  'followUp.watch': { grants: { presenter: 'own_center', coordinator: 'any' }, refusal: 'only presenters and coordinators follow up the recommendations' },
  'certificates.issueAny': { grants: { admin: 'any', coordinator: 'any' }, refusal: 'a certificate is given to its holder or a coordinator' },
} as const satisfies Record<string, Permission>;

export type Action = keyof typeof permissions;

/** The account a decision is about: its roles, and the centre it belongs to. */
export interface Holder {
  roles: readonly Role[];
  centerId: string;
}

/**
 * Whether the holder may do the action; with `centerId`, over a thing of that centre. Without it,
 * whether the holder's roles give the right at all (what routes check before reading a body, and
 * what decides whether a button is shown).
 */
export function can(holder: Holder | null | undefined, action: Action, centerId?: string): boolean {
  if (!holder) return false;
  const grants: Partial<Record<Role, Reach>> = permissions[action].grants;
  return holder.roles.some((role) => {
    const reach = grants[role];
    return reach === 'any' || (reach === 'own_center' && (centerId === undefined || centerId === holder.centerId));
  });
}

/** Whether the holder's right reaches every centre's things, not only their own centre's. */
export function canEverywhere(holder: Holder | null | undefined, action: Action): boolean {
  const grants: Partial<Record<Role, Reach>> = permissions[action].grants;
  return !!holder?.roles.some((role) => grants[role] === 'any');
}
