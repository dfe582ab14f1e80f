import type { Database } from '../db/database';
import { AuditLog } from './auditLog';
import { AuthService } from './authService';
import { CenterService } from './centerService';
import { PresenceLedger } from './presenceLedger';
import { SessionService, type SessionNotifier } from './sessionService';
import { UserService } from './userService';

/** The use cases of the app over one database. */
export function createServices(db: Database, notifySession?: SessionNotifier) {
  const audit = new AuditLog(db.models);
  const centers = new CenterService(db.models, audit);
  return {
    audit,
    auth: new AuthService(db.models),
    centers,
    users: new UserService(db.models, centers, audit),
    sessions: new SessionService(db.models, centers, audit, notifySession),
    presence: new PresenceLedger(db.models.presenceEvents),
  };
}

export type Services = ReturnType<typeof createServices>;
