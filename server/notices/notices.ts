import type { Config } from '../config';
import type { Models } from '../db/models';
import { AgreementNotices } from './agreementNotices';
import { GuestNotices } from './guestNotices';
import { smtpMailer } from './mailer';
import { Outbox } from './outbox';
import { NoticeSender } from './sender';
import { SessionNotices } from './sessionNotices';

export interface Notices {
  sessions: SessionNotices;
  agreements: AgreementNotices;
  guests: GuestNotices;
  sender: NoticeSender;
  /** Lets what was being queued reach the outbox and the message in hand be sent, then stops sending. */
  stop(): Promise<void>;
}

/** Email notices over the configured mail server: what decides them (the sweep of agreements due, started), the outbox, and this server's sender (started). */
export function startNotices(models: Pick<Models, 'notices' | 'users' | 'centers' | 'agreements' | 'sessions'>, mail: NonNullable<Config['mail']>): Notices {
  const outbox = new Outbox(models, mail);
  const sender = new NoticeSender(outbox, smtpMailer(mail));
  const wake = () => sender.wake();
  const sessions = new SessionNotices(models, outbox, mail, wake);
  const guests = new GuestNotices(models, outbox, mail, wake);
  const agreements = new AgreementNotices(models, outbox, { publicUrl: mail.publicUrl, noticeDays: mail.agreementNoticeDays }, wake);
  sender.start();
  agreements.start();
  return {
    sessions,
    agreements,
    guests,
    sender,
    async stop() {
      await Promise.all([sessions.idle(), agreements.stop()]);
      await sender.stop();
    },
  };
}
