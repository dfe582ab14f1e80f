import type { CenterService } from '../domain/centerService';
import type { UserService } from '../domain/userService';
import type { RouteHandlers } from './apiRoutes';

/** Centres and accounts: readable by the signed-in, managed by administrators. */
export const directoryRoutes = (centers: CenterService, users: UserService) =>
  ({
    'GET /centers': async () => ({ centers: await centers.list() }),
    'POST /centers': async ({ body }, { actor }) => ({ center: await centers.create(actor, body) }),
    'PATCH /centers/:id': async ({ params, body }, { actor }) => ({ center: await centers.update(actor, params.id, body) }),
    'GET /users': async (_input, { actor }) => ({ users: await users.list(actor) }),
    'POST /users': async ({ body }, { actor }) => ({ user: await users.create(actor, body) }),
    'PATCH /users/:id': async ({ params, body }, { actor }) => ({ user: await users.update(actor, params.id, body) }),
  }) satisfies Partial<RouteHandlers>;
