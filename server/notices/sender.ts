import { errorFields, log } from '../logger';
import type { Mailer } from './mailer';
import type { NoticeDoc, Outbox } from './outbox';

/** Longest a sender sleeps: notices queued by another server, which cannot wake this one, wait at most this long. */
const DEFAULT_IDLE_MS = 15_000;

/** A 5xx answer of the mail server (550: no such mailbox) is final; a 4xx or a broken connection is worth another try. */
function isPermanentRefusal(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/**
 * Sends what the outbox holds, one notice at a time, in the background of one server: wakes when
 * this server queues a notice, when a retry falls due, and every so often for what other servers
 * queued. Several senders (one per server) share the outbox; each notice is taken by one of them.
 */
export class NoticeSender {
  private running: Promise<void> | undefined;
  private stopping = false;
  private wakeUp: (() => void) | undefined;
  private woken = false;

  constructor(
    private readonly outbox: Outbox,
    private readonly mailer: Mailer,
    private readonly idleMs = DEFAULT_IDLE_MS,
  ) {}

  start(): void {
    this.running ??= this.loop();
  }

  /** Something was queued: look now rather than at the next tick. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Finishes the message in hand (never cut mid-send), then stops. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeUp?.();
    await this.running;
    this.mailer.close();
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let waitMs = this.idleMs;
      try {
        this.woken = false;
        for (let notice = await this.outbox.claim(); notice; notice = this.stopping ? null : await this.outbox.claim()) await this.deliver(notice);
        const due = await this.outbox.nextDueAt();
        if (due) waitMs = Math.min(Math.max(due.getTime() - Date.now(), 0), this.idleMs);
      } catch (error) {
        log.error('notices could not be read from the outbox', errorFields(error));
      }
      // Woken or stopped while busy: no sleep, so neither a queued notice nor a shutdown waits a whole tick.
      if (!this.woken && !this.stopping) await this.sleep(waitMs);
    }
  }

  private async deliver(notice: NoticeDoc): Promise<void> {
    const fields = { noticeId: String(notice._id), kind: notice.kind, subjectId: notice.subjectId, userId: String(notice.userId), attempt: notice.attempts };
    try {
      await this.mailer.send({ to: notice.to, subject: notice.subject, text: notice.text, html: notice.html, ...(notice.calendar ? { calendar: notice.calendar } : {}) });
    } catch (error) {
      // The mail server's answer says it all; a stack through nodemailer's internals says nothing more.
      const reason = error instanceof Error ? error.message : String(error);
      const { givenUp, nextAttemptAt } = await this.outbox.failed(notice, reason, isPermanentRefusal(error));
      if (givenUp) log.error('notice given up: the mail server did not take it', { ...fields, error: reason });
      else log.warn('notice not sent, to be tried again', { ...fields, nextAttemptAt: nextAttemptAt?.toISOString(), error: reason });
      return;
    }
    await this.outbox.sent(notice);
    log.info('notice sent', fields);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wakeUp?.(), ms);
      timer.unref();
      this.wakeUp = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
    });
  }
}
