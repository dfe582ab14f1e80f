/**
 * The participant's end of a link measurement, in a process of its own so it can run inside a
 * network lab's namespace (`ip netns exec`). Prints its figures as one JSON line.
 * Usage: tsx linkProbe.ts udp-echo HOST PORT COUNT INTERVAL_MS
 *          round-trip times (ms) of COUNT numbered datagrams sent INTERVAL_MS apart to a UDP echo; null: no echo within a second
 *        tsx linkProbe.ts tcp-download HOST PORT
 *          bytes read from a TCP server until it ends, after the first chunk, and the seconds from that chunk to the last
 *        tsx linkProbe.ts tcp-connect HOST PORT
 *          whether a TCP connection to the port opens within two seconds
 */
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const [mode, host, port, count, interval] = process.argv.slice(2) as [string, string, string, string?, string?];

async function udpEcho(): Promise<{ rtts: (number | null)[] }> {
  const socket = createSocket('udp4');
  const sentAt: number[] = [];
  const rtts: (number | null)[] = Array.from({ length: Number(count) }, () => null);
  socket.on('message', (message) => {
    const index = message.readUInt32BE(0);
    rtts[index] = performance.now() - sentAt[index]!;
  });
  for (let index = 0; index < rtts.length; index++) {
    const datagram = Buffer.alloc(64);
    datagram.writeUInt32BE(index);
    sentAt[index] = performance.now();
    socket.send(datagram, Number(port), host);
    await sleep(Number(interval));
  }
  await sleep(1000);
  socket.close();
  return { rtts };
}

function tcpDownload(): Promise<{ bytes: number; seconds: number }> {
  return new Promise((resolve, reject) => {
    let first: number | undefined;
    let last = 0;
    let bytes = 0;
    connect(Number(port), host)
      .on('data', (chunk) => {
        last = performance.now();
        // The clock starts with the first chunk: only what came after it took measured time.
        if (first === undefined) first = last;
        else bytes += chunk.length;
      })
      .on('end', () => resolve({ bytes, seconds: (last - (first ?? last)) / 1000 }))
      .on('error', reject);
  });
}

function tcpConnect(): Promise<{ connected: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(Number(port), host)
      .setTimeout(2000, () => socket.destroy(new Error('timed out')))
      .on('connect', () => {
        socket.destroy();
        resolve({ connected: true });
      })
      .on('error', () => resolve({ connected: false }));
  });
}

const probes = { 'udp-echo': udpEcho, 'tcp-download': tcpDownload, 'tcp-connect': tcpConnect };
console.log(JSON.stringify(await probes[mode as keyof typeof probes]()));
