import { Router } from 'express';
import { loginRequestSchema } from '../../shared/users';
import type { AuthService } from '../domain/authService';
import type { UserService } from '../domain/userService';
import { actorOf } from './authentication';
import { clearSessionCookie, readCookie, SESSION_COOKIE, setSessionCookie } from './cookies';
import { parse } from './validate';

export function authRoutes(auth: AuthService, users: Pick<UserService, 'profile'>): Router {
  const router = Router();
  router.post('/auth/login', async (req, res) => {
    const { email, password } = parse(loginRequestSchema, req.body);
    const signIn = await auth.signIn(email, password, req.ip ?? 'unknown');
    setSessionCookie(req, res, signIn.token, signIn.expiresAt);
    res.json({ user: signIn.user });
  });
  router.post('/auth/logout', async (req, res) => {
    await auth.signOut(readCookie(req.headers.cookie, SESSION_COOKIE));
    clearSessionCookie(req, res);
    res.status(204).end();
  });
  router.get('/auth/me', async (req, res) => {
    res.json({ user: await users.profile(actorOf(req)) });
  });
  return router;
}
