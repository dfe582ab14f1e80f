/**
 * How long a chat line takes to reach everyone in a room: BENCH_MESSAGES (200) lines to
 * BENCH_RECEIVERS (100) participants, through the app (validated, stored with the session, sent to
 * the room's peers) and through a bare Socket.IO server of the same version that only relays the
 * same payload to a Socket.IO room. Prints the latencies of both.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Server } from 'socket.io';
import type { ChatMessageDto } from '../shared/floor';
import { createAccount, createCenter, signInEach } from '../tests/support/accounts';
import { createSessionSoon } from '../tests/support/sessions';
import { connect, leaveAll, request, send, type TestSocket } from '../tests/support/socketClient';
import { monotonicMs, startBenchChild } from './benchChild';
import { benchServer, everyoneLeft } from './benchServer';
import { quantile } from './timing';
import type { FromReceivers, ToReceivers } from './fanoutReceivers';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 200);
const RECEIVERS = Number(process.env.BENCH_RECEIVERS ?? 100);
/**
 * The app lets an account send a chat line a second (after a burst of 8): ten people taking turns
 * say a line every 100 ms between them, a busy chat.
 */
const SENDERS = 10;
const INTERVAL_MS = 100;
/** What the room settles in after everyone entered (their arrivals are told to everyone). */
const SETTLE_MS = 1_000;
const TARGET_P99_MS = 50;

/** Where the receivers and the senders go: the server's address, and the cookies of those who sign in. */
interface Audience {
  url: string;
  sessionId: string;
  senderCookies: (string | undefined)[];
  receiverCookies: (string | undefined)[];
}

interface Delivery {
  latenciesMs: number[];
  refused: number;
}

/** The senders (here) say their lines in turn while the receivers (in a child process) note when each arrives. */
async function deliver({ url, sessionId, senderCookies, receiverCookies }: Audience): Promise<Delivery> {
  const receivers = startBenchChild<ToReceivers, FromReceivers>(new URL('./fanoutReceivers.ts', import.meta.url));
  receivers.send({ url, sessionId, cookies: receiverCookies });
  await receivers.next();
  const senders: TestSocket[] = [];
  try {
    for (const cookie of senderCookies) {
      const socket = await connect(url, cookie);
      senders.push(socket);
      await request(socket, 'room:join', { sessionId });
    }
    await sleep(SETTLE_MS);
    const acks: ReturnType<typeof send>[] = [];
    const start = performance.now();
    for (let index = 0; index < MESSAGES; index++) {
      await sleep(Math.max(0, start + index * INTERVAL_MS - performance.now()));
      // The line's text is its send time, which the receivers read on the same clock.
      acks.push(send(senders[index % senders.length]!, 'chat:send', { text: String(monotonicMs()) }));
    }
    const refused = (await Promise.all(acks)).filter((ack) => !ack.ok).length;
    receivers.send({ sent: MESSAGES });
    const { latenciesMs } = (await receivers.next()) as { latenciesMs: number[] };
    await receivers.exited;
    return { latenciesMs, refused };
  } finally {
    await leaveAll(senders);
  }
}

async function throughApp(): Promise<Delivery> {
  const { db, server, close } = await benchServer();
  try {
    const center = await createCenter(db);
    const coordinator = await createAccount(db, ['coordinator'], center, 'Coordinadora');
    const sessionId = await createSessionSoon(db, { hostCenterId: center, createdBy: coordinator.id, title: 'Banco de chat' });
    const signedIn = async (role: 'expert' | 'attendee', count: number) => {
      const accounts = await Promise.all(Array.from({ length: count }, (_, index) => createAccount(db, [role], center, `${role} ${index}`)));
      return signInEach(
        server.url,
        accounts.map((account) => account.email),
      );
    };
    const senderCookies = await signedIn('expert', SENDERS);
    const receiverCookies = await signedIn('attendee', RECEIVERS);
    const delivery = await deliver({ url: server.url, sessionId, senderCookies, receiverCookies });
    await everyoneLeft(server, sessionId);
    return delivery;
  } finally {
    await close();
  }
}

/** Socket.IO alone: a room joined on request, and each chat line relayed to the others in it with the app's payload. */
async function throughBareSocketIo(): Promise<Delivery> {
  const httpServer = createServer();
  const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 1_000_000 });
  const ROOM = 'room';
  io.on('connection', (socket) => {
    socket.on('room:join', (_request: unknown, ack: (result: unknown) => void) => {
      void socket.join(ROOM);
      ack({ ok: true, data: { status: 'joined' } });
    });
    socket.on('room:leave', (_request: unknown, ack: (result: unknown) => void) => {
      void socket.leave(ROOM);
      ack({ ok: true, data: {} });
    });
    socket.on('chat:send', ({ text }: { text: string }, ack: (result: unknown) => void) => {
      const message: ChatMessageDto = { id: randomUUID(), userId: socket.id, displayName: 'Participante', centerId: ROOM, text, at: new Date().toISOString() };
      socket.to(ROOM).emit('chat:message', message);
      ack({ ok: true, data: message });
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
    // Any id: the bare server has one room.
    const sessionId = '0'.repeat(24);
    return await deliver({ url, sessionId, senderCookies: Array<undefined>(SENDERS).fill(undefined), receiverCookies: Array<undefined>(RECEIVERS).fill(undefined) });
  } finally {
    await io.close();
  }
}

const app = await throughApp();
const bare = await throughBareSocketIo();

const expected = MESSAGES * RECEIVERS;
const sortedOf = ({ latenciesMs }: Delivery) => [...latenciesMs].sort((a, b) => a - b);
const rows: [string, (delivery: Delivery) => string][] = [
  ['p50 (ms)', (delivery) => quantile(sortedOf(delivery), 0.5).toFixed(1)],
  ['p99 (ms)', (delivery) => quantile(sortedOf(delivery), 0.99).toFixed(1)],
  ['max (ms)', (delivery) => sortedOf(delivery).at(-1)!.toFixed(1)],
  ['delivered', (delivery) => `${delivery.latenciesMs.length}/${expected}`],
  ['lines refused by the server', (delivery) => String(delivery.refused)],
];
const appP99 = quantile(sortedOf(app), 0.99);

console.log(
  `fanout: ${MESSAGES} chat lines, one every ${INTERVAL_MS} ms from ${SENDERS} senders taking turns (the app allows an account a line a second), each to ${RECEIVERS} receivers in the same room`,
);
console.log('receivers: Socket.IO clients (websocket) in one child process; senders and server in this process; times on the machine’s monotonic clock');
console.log(
  'app: chat:send validated, stored in the session’s chat and sent to the room’s peers; bare: Socket.IO of the same version relaying the same payload to a Socket.IO room',
);
console.log(`${''.padEnd(30)}${'app'.padStart(14)}${'bare'.padStart(14)}`);
for (const [label, show] of rows) console.log(`${label.padEnd(30)}${show(app).padStart(14)}${show(bare).padStart(14)}`);
console.log(
  `target: app p99 under ${TARGET_P99_MS} ms — ${appP99 < TARGET_P99_MS ? 'met' : 'NOT met'} (${appP99.toFixed(1)} ms; bare ${quantile(sortedOf(bare), 0.99).toFixed(1)} ms)`,
);
