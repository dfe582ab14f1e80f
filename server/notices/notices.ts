import type { Config } from '../config';
import type { Models } from '../db/models';
import { smtpMailer } from './mailer';
import { Outbox } from './outbox';
import { NoticeSender } from './sender';
import { SessionNotices } from './sessionNotices';

export interface Notices {
  sessions: SessionNotices;
  sender: NoticeSender;
  /** Lets what was being queued reach the outbox and the message in hand be sent, then stops sending. */
  stop(): Promise<void>;
}

/** Email notices over the configured mail server: what decides them, the outbox, and this server's sender (started). */
export function startNotices(models: Pick<Models, 'notices' | 'users' | 'centers'>, mail: NonNullable<Config['mail']>): Notices {
  const outbox = new Outbox(models, mail);
  const sender = new NoticeSender(outbox, smtpMailer(mail));
  const sessions = new SessionNotices(models, outbox, mail, () => sender.wake());
  sender.start();
  return {
    sessions,
    sender,
    async stop() {
      await sessions.idle();
      await sender.stop();
    },
  };
}
