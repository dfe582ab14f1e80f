import type { Role } from '../../shared/roles';

/** The signed-in person a request acts for; every authorisation decision starts here. */
export interface Actor {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  centerId: string;
  specialty: string;
}

export function hasRole(actor: Pick<Actor, 'roles'>, ...roles: Role[]): boolean {
  return actor.roles.some((role) => roles.includes(role));
}
