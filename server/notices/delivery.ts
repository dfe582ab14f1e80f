import type { NoticeKind } from '../../shared/notices';
import type { Inbox } from './inbox';
import type { MessageContent } from './messages';
import { noticeKey, type NoticeDraft, type Outbox } from './outbox';
import type { NoticeRecipient } from './recipients';

/** What an email needs of the server's mail settings: where its pages are, and who writes. */
export interface MailSettings {
  publicUrl: string;
  from: string;
}

/** A notice decided for one person: listed in the app always, emailed when the server sends email and the person wants its kind. */
export interface DecidedNotice {
  kind: NoticeKind;
  /** What it is about, and which version of it: the same news to the same person is one notice. */
  subjectId: string;
  subjectVersion: number;
  recipient: NoticeRecipient;
  /** What the app words it with, and where in the app it is acted on. */
  params: Record<string, string | number>;
  link: string;
  /** Its email, written only when one is sent. */
  email(mail: MailSettings): MessageContent;
}

/** How many of the notices were new to the app's lists, and how many emails were queued. */
export interface Delivered {
  listed: number;
  emailed: number;
}

/** Where emails go when the server has a mail server: the outbox, and the sender to wake. */
export interface EmailDelivery {
  outbox: Outbox;
  settings: MailSettings;
  queued: () => void;
}

/**
 * The two deliveries of what was decided: the app's list (always) and the email outbox (with a
 * mail server, to whoever did not turn the kind off). Both keep one entry per notice key, so
 * deciding the same notice again, on any server, delivers nothing new.
 */
export class NoticeDelivery {
  constructor(
    private readonly inbox: Inbox,
    private readonly mail?: EmailDelivery,
  ) {}

  get sendsEmail(): boolean {
    return Boolean(this.mail);
  }

  async deliver(notices: DecidedNotice[]): Promise<Delivered> {
    if (!notices.length) return { listed: 0, emailed: 0 };
    const now = new Date();
    const listed = await this.inbox.add(
      notices.map((notice) => ({ key: noticeKey(toKeyed(notice)), userId: String(notice.recipient._id), kind: notice.kind, params: notice.params, link: notice.link })),
      now,
    );
    if (!this.mail) return { listed, emailed: 0 };
    const { settings } = this.mail;
    const drafts: NoticeDraft[] = notices
      .filter((notice) => !notice.recipient.emailOptOut.includes(notice.kind))
      .map((notice) => ({ ...notice.email(settings), ...toKeyed(notice), to: notice.recipient.email }));
    const emailed = await this.mail.outbox.enqueue(drafts, now);
    if (emailed) this.mail.queued();
    return { listed, emailed };
  }
}

const toKeyed = (notice: DecidedNotice) => ({ kind: notice.kind, subjectId: notice.subjectId, subjectVersion: notice.subjectVersion, userId: String(notice.recipient._id) });
