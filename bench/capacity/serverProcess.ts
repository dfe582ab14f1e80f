/**
 * The capacity bench's server, in a Node process of its own: its memory and CPU are then the
 * server's alone, not also the bench's (which makes the accounts, runs the bare SFU and counts its
 * packets). Answers what the bench samples of it, one request at a time (see serverProtocol.ts).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { benchParent } from '../benchChild';
import { benchServer } from '../benchServer';
import type { ResidentRegions, ServerCommand, ServerMemory, ServerReply } from './serverProtocol';

type Running = Awaited<ReturnType<typeof benchServer>>;

/** A process's resident memory now, from /proc (Linux). */
const residentBytes = (pid: number) => Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * 4096;

/** This process's resident memory by kind of mapping, from /proc/self/smaps (Linux). */
function residentRegions(): ResidentRegions {
  const regions: ResidentRegions = { files: 0, mainHeap: 0, anonymous: 0 };
  let region: keyof ResidentRegions | undefined;
  for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    const mapping = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (mapping) {
      const name = mapping[1]!;
      region = name.startsWith('/') ? 'files' : name === '[heap]' ? 'mainHeap' : name === '' ? 'anonymous' : undefined;
    } else if (region && line.startsWith('Rss:')) {
      regions[region] += Number(line.split(/\s+/)[1]) * 1024;
    }
  }
  return regions;
}

const loopDelay = monitorEventLoopDelay({ resolution: 10 });
let running: Running | undefined;

function memoryOf({ server }: Running): ServerMemory {
  return { node: process.memoryUsage().rss, workers: server.media.workers.describe().reduce((sum, { pid }) => sum + residentBytes(pid), 0) };
}

function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc: memory after a collection was asked for');
  gc();
}

async function answer(request: Exclude<ServerCommand, { type: 'quit' }>): Promise<ServerReply> {
  if (request.type === 'start') {
    running = await benchServer({ workers: request.workers });
    loopDelay.enable();
    return { type: 'started', url: running.server.url, dataDir: running.dataDir, dbName: running.db.connection.name, workers: request.workers };
  }
  if (!running) throw new Error('the server has not started');
  const { server } = running;
  switch (request.type) {
    case 'sample': {
      const loopP99Ms = loopDelay.percentile(99) / 1e6;
      loopDelay.reset();
      return { type: 'sample', workers: await server.media.workers.resourceUsage(), cpu: process.cpuUsage(), loopP99Ms, memory: memoryOf(running) };
    }
    case 'room': {
      const room = server.media.rooms.find(request.sessionId);
      const consumers = room?.peerList().reduce((sum, peer) => sum + peer.holdings().consumers, 0) ?? 0;
      return { type: 'room', open: Boolean(room), routers: room?.workers.length ?? 0, consumers };
    }
    case 'memory': {
      if (request.collect) collect();
      const { heapUsed, heapTotal, external } = process.memoryUsage();
      return { type: 'memory', memory: memoryOf(running), heap: { used: heapUsed, total: heapTotal, external }, regions: residentRegions() };
    }
  }
}

const bench = benchParent<ServerCommand, ServerReply>();
try {
  for (let command = await bench.next(); command.type !== 'quit'; command = await bench.next()) {
    bench.send(await answer(command).catch((error: unknown): ServerReply => ({ type: 'error', message: error instanceof Error ? error.message : String(error) })));
  }
} finally {
  loopDelay.disable();
  await running?.close();
  bench.done();
}
