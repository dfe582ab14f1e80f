import * as mediasoup from 'mediasoup';
import { AppError } from '../domain/errors';
import type { WebRtcServer, Worker, WorkerResourceUsage } from 'mediasoup/types';
import { log } from '../logger';

export interface WorkerPoolOptions {
  size: number;
  workerBin?: string;
  /**
   * All of a worker's WebRTC on one port (UDP and TCP) instead of a port per transport, for
   * firewalls that open a single port: worker n listens on `port + n`, its replacement on the same.
   */
  webRtcServer?: { ip: string; announcedAddress?: string; port: number };
}

/** What each worker carries: its WebRtcServer, when the pool listens on single ports. */
export type WorkerData = { webRtcServer?: WebRtcServer };

/**
 * One mediasoup worker per core. New routers go to the worker with the fewest routers;
 * a worker that dies is replaced, and the rooms it carried close with it.
 */
export class WorkerPool {
  private readonly workers: Worker<WorkerData>[] = [];
  /** Each worker's place in the pool: it picks the worker's single port. */
  private readonly slots = new Map<Worker, number>();
  private readonly routerCounts = new Map<Worker, number>();
  private closed = false;

  private constructor(private readonly options: WorkerPoolOptions) {}

  static async create(options: WorkerPoolOptions): Promise<WorkerPool> {
    const pool = new WorkerPool(options);
    try {
      for (let slot = 0; slot < options.size; slot++) await pool.spawn(slot);
    } catch (error) {
      pool.close();
      throw error;
    }
    return pool;
  }

  private async spawn(slot: number): Promise<Worker<WorkerData>> {
    const worker = await mediasoup.createWorker<WorkerData>({
      logLevel: 'warn',
      ...(this.options.workerBin ? { workerBin: this.options.workerBin } : {}),
    });
    const single = this.options.webRtcServer;
    if (single) {
      const listen = { ip: single.ip, announcedAddress: single.announcedAddress, port: single.port + slot };
      try {
        worker.appData.webRtcServer = await worker.createWebRtcServer({
          listenInfos: [
            { protocol: 'udp', ...listen },
            { protocol: 'tcp', ...listen },
          ],
        });
      } catch (error) {
        worker.close();
        throw error;
      }
    }
    this.workers.push(worker);
    this.slots.set(worker, slot);
    this.routerCounts.set(worker, 0);
    worker.observer.on('newrouter', (router) => {
      this.routerCounts.set(worker, (this.routerCounts.get(worker) ?? 0) + 1);
      router.observer.once('close', () => this.routerCounts.set(worker, (this.routerCounts.get(worker) ?? 1) - 1));
    });
    worker.on('died', (error) => this.replace(worker, error));
    log.info('media worker started', { pid: worker.pid });
    return worker;
  }

  private replace(dead: Worker, error: Error): void {
    log.error('media worker died', { pid: dead.pid, error: error.message });
    this.workers.splice(this.workers.indexOf(dead), 1);
    this.routerCounts.delete(dead);
    const slot = this.slots.get(dead) ?? 0;
    this.slots.delete(dead);
    if (this.closed) return;
    this.spawn(slot).catch((spawnError: unknown) => log.error('media worker could not be replaced', { error: String(spawnError) }));
  }

  /** The least-loaded live worker. */
  pick(): Worker<WorkerData> {
    const live = this.workers.filter((worker) => !worker.closed);
    if (live.length === 0) throw new AppError('unavailable', 'the media server is restarting; try again shortly');
    return live.reduce((best, worker) => ((this.routerCounts.get(worker) ?? 0) < (this.routerCounts.get(best) ?? 0) ? worker : best));
  }

  describe(): { pid: number; alive: boolean }[] {
    return this.workers.map((worker) => ({ pid: worker.pid, alive: !worker.closed && !worker.died }));
  }

  /** Each live worker's CPU time and peak memory, by its place in the pool (kept by its replacement). */
  async resourceUsage(): Promise<{ slot: number; usage: WorkerResourceUsage }[]> {
    const live = this.workers.filter((worker) => !worker.closed);
    const usages = await Promise.allSettled(live.map((worker) => worker.getResourceUsage()));
    return live.flatMap((worker, index) => {
      const usage = usages[index];
      return usage?.status === 'fulfilled' ? [{ slot: this.slots.get(worker) ?? 0, usage: usage.value }] : [];
    });
  }

  close(): void {
    this.closed = true;
    for (const worker of this.workers) worker.close();
  }
}
