import { can, permissions, type Action } from '../../shared/permissions';
import type { GuestKind } from '../../shared/guests';
import type { Role } from '../../shared/roles';
import { forbidden } from './errors';

/** The signed-in person a request acts for; every authorisation decision starts here. */
export interface Actor {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  centerId: string;
  specialty: string;
  /** Set for an invited guest's sign-in: the one session their link is for. */
  guest?: { sessionId: string; kind: GuestKind; affiliation: string };
}

/** Refuses with the table's reason unless the actor may do the action (over a thing of `centerId`, when given). */
export function authorize(actor: Actor, action: Action, centerId?: string): void {
  if (!can(actor, action, centerId)) throw forbidden(permissions[action].refusal);
}
