import type { Types } from 'mongoose';
import type { Models } from '../db/models';
import type { UserDto } from '../../shared/users';
import { isHeld } from '../../shared/sessions';
import type { Actor } from './actor';
import { AppError } from './errors';
import { LoginThrottle } from './loginThrottle';
import { RecentSignIns } from './recentSignIns';
import { newSecret, secretHash } from './secrets';
import { verifyPassword } from './passwords';
import { toUserDto } from './userService';

const SESSION_LIFETIME_MS = 12 * 60 * 60_000;
/**
 * Compared against when the email is unknown, so both failures take the same time: well formed
 * with the parameters real hashes have, so it costs the same scrypt run.
 */
export const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export interface SignIn {
  token: string;
  expiresAt: Date;
  user: UserDto;
}

/** Email-and-password sign-in (and an invited guest's, by their link) with opaque session tokens kept server-side. */
export class AuthService {
  /** Few guesses per account; more per address, since a hospital's staff share one public IP. */
  private readonly throttles: { email: LoginThrottle; address: LoginThrottle };
  private readonly recent = new RecentSignIns();

  constructor(
    private readonly models: Pick<Models, 'users' | 'authSessions' | 'signInFailures' | 'guests' | 'sessions'>,
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
    const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
    return { token: await this.open({ userId: user._id }, expiresAt), expiresAt, user: toUserDto(user) };
  }

  /** A sign-in for a guest who entered by their link, until it stops working; answers the cookie's token. */
  signInGuest(guestId: string, expiresAt: Date): Promise<string> {
    return this.open({ guestId }, expiresAt);
  }

  /** Ends a guest's sign-ins at once (a revoked or renewed link): their open sockets are closed like a signed-out account's. */
  async endGuest(guestId: string): Promise<void> {
    await this.models.authSessions.deleteMany({ guestId });
    this.signedOut(guestId);
  }

  /** The account (or invited guest) behind a session token, if the token is current and the account active; reused for a few seconds (see RecentSignIns). */
  async actorFor(token: string | undefined): Promise<Actor | undefined> {
    if (!token) return undefined;
    const hash = secretHash(token);
    return this.recent.actorFor(hash, async () => {
      const session = await this.models.authSessions.findById(hash).lean();
      if (!session || session.expiresAt.getTime() <= Date.now()) return undefined;
      const actor = session.guestId ? await this.guestActor(String(session.guestId)) : await this.accountActor(session.userId);
      return actor && { actor, expiresAt: session.expiresAt };
    });
  }

  /** An account changed, or signed out here or on another instance: its sign-ins are read afresh at their next request. */
  forget(actorId: string): void {
    this.recent.forget(actorId);
  }

  async signOut(token: string | undefined): Promise<void> {
    if (!token) return;
    const session = await this.models.authSessions.findByIdAndDelete(secretHash(token)).lean();
    if (session) this.signedOut(String(session.userId ?? session.guestId));
  }

  private async accountActor(userId: Types.ObjectId | null | undefined): Promise<Actor | undefined> {
    const user = await this.models.users.findById(userId).lean();
    if (!user?.active) return undefined;
    return { id: String(user._id), name: user.name, email: user.email, roles: user.roles, centerId: String(user.centerId), specialty: user.specialty };
  }

  /**
   * A guest acts for their one session, as part of its host centre; an external speaker may share
   * their screen in a keynote or a training. Nobody, once the link is revoked or the session is over.
   */
  private async guestActor(guestId: string): Promise<Actor | undefined> {
    const guest = await this.models.guests.findById(guestId).lean();
    if (!guest || guest.revokedAt) return undefined;
    const session = await this.models.sessions.findById(guest.sessionId, { kind: 1, hostCenterId: 1, status: 1 }).lean();
    if (!session || session.status === 'cancelled' || isHeld(session)) return undefined;
    const speaks = guest.kind === 'speaker' && (session.kind === 'keynote' || session.kind === 'training');
    return {
      id: String(guest._id),
      name: guest.name,
      email: '',
      roles: [speaks ? 'guest_speaker' : 'guest'],
      centerId: String(session.hostCenterId),
      specialty: '',
      guest: { sessionId: String(guest.sessionId), kind: guest.kind, affiliation: guest.affiliation },
    };
  }

  private signedOut(actorId: string): void {
    this.forget(actorId);
    this.onSignedOut(actorId);
  }

  /** Stores a new sign-in (only its token's hash) and answers the token. */
  private async open(owner: { userId: Types.ObjectId } | { guestId: string }, expiresAt: Date): Promise<string> {
    const { token, hash } = newSecret();
    // Expired sign-ins go as new ones come, so the collection holds about a day of them.
    await this.models.authSessions.deleteMany({ expiresAt: { $lte: new Date() } });
    await this.models.authSessions.create({ _id: hash, ...owner, expiresAt });
    return token;
  }
}
