import type { types } from 'mediasoup';

/** A process's resident memory, apart: its Node process and its media workers. */
export interface ServerMemory {
  node: number;
  workers: number;
}

/** What of a Node process's memory V8 holds: its live objects, the pages it keeps for them, and memory outside it that objects hold (buffers). */
export interface NodeHeap {
  used: number;
  total: number;
  external: number;
}

/**
 * Where a process's resident memory lies, from its mappings: the program's and libraries' files
 * (code), glibc's main heap (the main thread's allocations), and anonymous mappings (V8's heap
 * pages, other threads' allocation arenas, large allocations, thread stacks).
 */
export interface ResidentRegions {
  files: number;
  mainHeap: number;
  anonymous: number;
}

/** What the capacity bench asks of the server's process, one at a time … */
export type ServerCommand =
  | { type: 'start'; workers: number }
  /** Each worker's CPU, the process's, and its event loop's p99 since the last sample (which this one resets). */
  | { type: 'sample' }
  | { type: 'room'; sessionId: string }
  /** Its memory; after a full collection with `collect`. */
  | { type: 'memory'; collect: boolean }
  | { type: 'quit' };

/** … and what it answers, in the same order. */
export type ServerReply =
  | { type: 'started'; url: string; dataDir: string; dbName: string; workers: number }
  | {
      type: 'sample';
      workers: { slot: number; usage: types.WorkerResourceUsage }[];
      cpu: NodeJS.CpuUsage;
      loopP99Ms: number;
      memory: ServerMemory;
    }
  /** The session's room, while it is open: its routers and every participant's consumers. */
  | { type: 'room'; open: boolean; routers: number; consumers: number }
  | { type: 'memory'; memory: ServerMemory; heap: NodeHeap; regions: ResidentRegions }
  | { type: 'error'; message: string };
