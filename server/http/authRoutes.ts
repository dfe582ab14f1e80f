import type { AuthService } from '../domain/authService';
import type { UserService } from '../domain/userService';
import type { RouteHandlers } from './apiRoutes';
import { clearSessionCookie, readCookie, SESSION_COOKIE, setSessionCookie } from './cookies';

export const authRoutes = (auth: AuthService, users: Pick<UserService, 'profile'>) =>
  ({
    'POST /auth/login': async ({ body }, { req, res }) => {
      const signIn = await auth.signIn(body.email, body.password, req.ip ?? 'unknown');
      setSessionCookie(req, res, signIn.token, signIn.expiresAt);
      return { user: signIn.user };
    },
    'POST /auth/logout': async (_input, { req, res }) => {
      await auth.signOut(readCookie(req.headers.cookie, SESSION_COOKIE));
      clearSessionCookie(req, res);
    },
    'GET /auth/me': async (_input, { actor }) => ({ user: await users.profile(actor) }),
  }) satisfies Partial<RouteHandlers>;
