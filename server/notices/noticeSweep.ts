import { errorFields, log } from '../logger';
import type { DecidedNotice, Delivered, NoticeDelivery } from './delivery';

const HOUR_MS = 60 * 60_000;

export interface SweepSettings {
  /** Between two sweeps: an hour unless told (tests). */
  intervalMs?: number;
  /** The clock (tests set the day). */
  now?: () => Date;
}

/**
 * A sweep on every server, at start and then every interval, delivering what it decides is due:
 * each notice is delivered once however many sweeps (on however many servers) decide it, since the
 * app's list and the outbox keep one entry per key.
 */
export abstract class NoticeSweep {
  private timer: NodeJS.Timeout | undefined;
  private started = false;
  private stopped = false;
  private readonly pending = new Set<Promise<unknown>>();
  private readonly intervalMs: number;
  private readonly now: () => Date;

  constructor(
    private readonly delivery: NoticeDelivery,
    settings: SweepSettings,
    /** What it delivers, in the log: "agreement reminders". */
    private readonly what: string,
  ) {
    this.intervalMs = settings.intervalMs ?? HOUR_MS;
    this.now = settings.now ?? (() => new Date());
  }

  /** The notices due at `now`, to whomever they go. */
  protected abstract decide(now: Date): Promise<DecidedNotice[]>;

  /** Sweeps now, then every interval after the last sweep ended; the timer keeps no process alive. */
  start(): void {
    if (this.started) return;
    this.started = true;
    const tick = () => {
      void this.sweep()
        .catch((error: unknown) => log.error(`${this.what} not delivered`, errorFields(error)))
        .finally(() => {
          if (this.stopped) return;
          this.timer = setTimeout(tick, this.intervalMs);
          this.timer.unref();
        });
    };
    tick();
  }

  /** Ends the sweeps: the one under way finishes delivering (before the database closes). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.allSettled(this.pending);
  }

  /** Delivers what is due at the clock's time (or `now`); says how much of it was new. */
  async sweep(now = this.now()): Promise<Delivered> {
    const sweeping = this.decide(now).then((notices) => this.delivery.deliver(notices));
    this.pending.add(sweeping);
    try {
      const delivered = await sweeping;
      if (delivered.listed || delivered.emailed) log.info(`${this.what} delivered`, { ...delivered, at: now.toISOString() });
      return delivered;
    } finally {
      this.pending.delete(sweeping);
    }
  }
}

/** A day (YYYY-MM-DD) as a notice's version: a moved due day is news again. */
export const dayVersion = (day: string) => Number(day.replace(/-/g, ''));
