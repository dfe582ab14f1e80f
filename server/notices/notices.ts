import type { Config } from '../config';
import type { Models } from '../db/models';
import type { PathwayService } from '../domain/pathwayService';
import type { StudyService } from '../domain/studyService';
import { AgreementNotices } from './agreementNotices';
import { CommitmentNotices } from './commitmentNotices';
import { NoticeDelivery } from './delivery';
import { GuestNotices } from './guestNotices';
import { Inbox, type NoticePush } from './inbox';
import { smtpMailer } from './mailer';
import { Outbox } from './outbox';
import { NoticeSender } from './sender';
import { SessionNotices } from './sessionNotices';

export interface Notices {
  sessions: SessionNotices;
  agreements: AgreementNotices;
  commitments: CommitmentNotices;
  delivery: NoticeDelivery;
  /** Invited guests' emails (a guest has no account, so nothing is listed in the app); unset without a mail server. */
  guests?: GuestNotices;
  /** This server's email sender; unset without a mail server. */
  sender?: NoticeSender;
  /** Lets what was being decided be delivered and the message in hand be sent, then stops. */
  stop(): Promise<void>;
}

/**
 * What decides the notices (session news, the hourly sweeps of agreements and of late commitments,
 * started) and their deliveries: the app's list always, pushed to open pages; email too with a
 * mail server, with this server's sender (started).
 */
export function startNotices(
  models: Pick<Models, 'notices' | 'inbox' | 'users' | 'centers' | 'agreements' | 'sessions' | 'guests'>,
  watched: { studies: StudyService; pathway: PathwayService },
  config: Pick<Config, 'mail' | 'agreementNoticeDays'>,
  push: NoticePush,
): Notices {
  const { mail } = config;
  const outbox = mail ? new Outbox(models, mail) : undefined;
  const sender = outbox && mail ? new NoticeSender(outbox, smtpMailer(mail)) : undefined;
  const email = outbox && mail && sender ? { outbox, settings: mail, queued: () => sender.wake() } : undefined;
  const delivery = new NoticeDelivery(new Inbox(models, push), email);
  const sessions = new SessionNotices(models, delivery);
  const agreements = new AgreementNotices(models, delivery, { noticeDays: config.agreementNoticeDays });
  const commitments = new CommitmentNotices(models, watched, delivery);
  const guests = email ? new GuestNotices(models, email.outbox, email.settings, email.queued) : undefined;
  sender?.start();
  agreements.start();
  commitments.start();
  return {
    sessions,
    agreements,
    commitments,
    delivery,
    ...(guests ? { guests } : {}),
    ...(sender ? { sender } : {}),
    async stop() {
      await Promise.all([sessions.idle(), agreements.stop(), commitments.stop()]);
      await sender?.stop();
    },
  };
}
