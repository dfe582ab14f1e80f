import { createHash, randomBytes } from 'node:crypto';
import type { Models } from '../db/models';
import type { UserDto } from '../../shared/users';
import type { Actor } from './actor';
import { AppError } from './errors';
import { LoginThrottle } from './loginThrottle';
import { verifyPassword } from './passwords';
import { toUserDto } from './userService';

const SESSION_LIFETIME_MS = 12 * 60 * 60_000;
/**
 * Compared against when the email is unknown, so both failures take the same time: well formed
 * with the parameters real hashes have, so it costs the same scrypt run.
 */
export const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface SignIn {
  token: string;
  expiresAt: Date;
  user: UserDto;
}

/** Email-and-password sign-in with opaque session tokens kept server-side. */
export class AuthService {
  /** Few guesses per account; more per address, since a hospital's staff share one public IP. */
  private readonly throttles: { email: LoginThrottle; address: LoginThrottle };

  constructor(
    private readonly models: Pick<Models, 'users' | 'authSessions' | 'signInFailures'>,
    private readonly onSignedOut: (userId: string) => void = () => {},
  ) {
    this.throttles = { email: new LoginThrottle(models, 'email', 5), address: new LoginThrottle(models, 'address', 50) };
  }

  async signIn(email: string, password: string, clientAddress: string): Promise<SignIn> {
    const keys = [
      [this.throttles.email, email],
      [this.throttles.address, clientAddress],
    ] as const;
    // Counted as failed before the slow check (see LoginThrottle.attempt); a success takes it back.
    const waits = await Promise.all(keys.map(([throttle, key]) => throttle.attempt(key)));
    const wait = Math.max(...waits);
    if (wait > 0) {
      // Refused without a check: nor does it count for the other key.
      await Promise.all(keys.filter((_, index) => waits[index] === 0).map(([throttle, key]) => throttle.forgiveOne(key)));
      throw new AppError('rate_limited', `too many failed sign-ins; try again in ${Math.ceil(wait / 60_000)} min`);
    }
    const user = await this.models.users.findOne({ email }).lean();
    const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !valid || !user.active) throw new AppError('unauthenticated', 'wrong email or password');
    await this.throttles.email.reset(email);
    await this.throttles.address.forgiveOne(clientAddress);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
    // Expired sign-ins go as new ones come, so the collection holds about a day of them.
    await this.models.authSessions.deleteMany({ expiresAt: { $lte: new Date() } });
    await this.models.authSessions.create({ _id: hashToken(token), userId: user._id, expiresAt });
    return { token, expiresAt, user: toUserDto(user) };
  }

  /** The account behind a session token, if the token is current and the account active. */
  async actorFor(token: string | undefined): Promise<Actor | undefined> {
    if (!token) return undefined;
    const session = await this.models.authSessions.findById(hashToken(token)).lean();
    if (!session || session.expiresAt.getTime() <= Date.now()) return undefined;
    const user = await this.models.users.findById(session.userId).lean();
    if (!user?.active) return undefined;
    return { id: String(user._id), name: user.name, email: user.email, roles: user.roles, centerId: String(user.centerId), specialty: user.specialty };
  }

  async signOut(token: string | undefined): Promise<void> {
    if (!token) return;
    const session = await this.models.authSessions.findByIdAndDelete(hashToken(token)).lean();
    if (session) this.onSignedOut(String(session.userId));
  }
}
