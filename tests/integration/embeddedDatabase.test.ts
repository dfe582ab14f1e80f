import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { Types } from 'mongoose';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { Database } from '../../server/db/database';
import { nextValue } from '../../server/db/models/counter';
import { toErrorBody } from '../../server/domain/errors';

const embeddedBin = loadConfig().database.embeddedBin;
const dirs: string[] = [];
function freshDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'oncoboard-db-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function auditIdsIn(dataDir: string): Promise<Set<string>> {
  const db = await Database.open({ dataDir, embeddedBin });
  try {
    return new Set((await db.models.auditEntries.find({}, { _id: 1 }).lean()).map((entry) => String(entry._id)));
  } finally {
    await db.close();
  }
}

describe.skipIf(process.env.MONGODB_URI)('the embedded database (FerretDB)', () => {
  it('keeps the data across a stop and a restart', async () => {
    const dataDir = freshDataDir();
    const first = await Database.open({ dataDir, embeddedBin });
    expect(first.isEmbedded).toBe(true);
    await first.models.auditEntries.create({ action: 'create', entity: 'session', entityId: '1', summary: 'sesión 1 programada' });
    await first.close();
    expect((await auditIdsIn(dataDir)).size).toBe(1);
  });

  it('keeps every acknowledged write when its process is killed mid-stream, and opens again on the same data', async () => {
    const dataDir = freshDataDir();
    const db = await Database.open({ dataDir, embeddedBin });
    const acked: string[] = [];
    let killed = false;
    // Each writer stops at its first refused write, or at the kill: the database is started again by
    // itself, so a writer between two writes at the kill would otherwise go on for ever.
    const writer = async () => {
      while (!killed) {
        const entry = await db.models.auditEntries.create({ action: 'correct', entity: 'attendance', entityId: 'x', summary: 'asistencia corregida' });
        acked.push(String(entry._id));
      }
    };
    const writers = Promise.allSettled(Array.from({ length: 4 }, writer));
    while (acked.length < 300) await sleep(20);
    process.kill(db.embeddedPid!, 'SIGKILL');
    killed = true;
    await writers;
    // The whole database, with the process it started again by itself after the kill: left
    // running, that process holds the data directory, and opening it again would be refused.
    await db.close();

    const found = await auditIdsIn(dataDir);
    expect(acked.length).toBeGreaterThanOrEqual(300);
    expect(acked.filter((id) => !found.has(id))).toEqual([]);
  });

  it('is started again when its process dies: writes go on by themselves, each acknowledged one kept, the others refused as unavailable', async () => {
    const db = await Database.open({ dataDir: freshDataDir(), embeddedBin });
    try {
      const acked: { id: string; at: number }[] = [];
      const refused = new Set<string>();
      let writing = true;
      const writer = async () => {
        while (writing) {
          try {
            const entry = await db.models.auditEntries.create({ action: 'update', entity: 'agreement', entityId: 'a1', summary: 'seguimiento' });
            acked.push({ id: String(entry._id), at: Date.now() });
          } catch (error) {
            refused.add(toErrorBody(error).code);
          }
        }
      };
      const writers = Promise.all(Array.from({ length: 4 }, writer));
      while (acked.length < 200) await sleep(20);
      const killed = db.embeddedPid!;
      const killedAt = Date.now();
      process.kill(killed, 'SIGKILL');
      while (!acked.some((write) => write.at > killedAt + 100) && Date.now() - killedAt < 15_000) await sleep(50);
      writing = false;
      await writers;

      const recoveredAfterMs = acked.find((write) => write.at > killedAt + 100)!.at - killedAt;
      expect(recoveredAfterMs).toBeLessThan(10_000);
      expect(db.embeddedPid).not.toBe(killed);
      expect([...refused].filter((code) => code !== 'unavailable')).toEqual([]);
      const found = new Set((await db.models.auditEntries.find({}, { _id: 1 }).lean()).map((entry) => String(entry._id)));
      expect(acked.filter((write) => !found.has(write.id))).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('keeps every acknowledged write when the server is killed, and its database exits by itself', async () => {
    const dataDir = freshDataDir();
    const writer = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, '..', 'support', 'ackedWriter.ts'), dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    writer.stderr.pipe(process.stderr);
    const acked: string[] = [];
    let databasePid = 0;
    const lines = createInterface({ input: writer.stdout });
    lines.on('line', (line) => {
      const [word, value] = line.split(' ');
      if (word === 'database') databasePid = Number(value);
      if (word === 'acked') acked.push(value!);
    });
    while (acked.length < 300) await sleep(20);
    writer.kill('SIGKILL');
    await new Promise((resolve) => writer.once('exit', resolve));

    for (let waited = 0; isAlive(databasePid) && waited < 5000; waited += 50) await sleep(50);
    expect(isAlive(databasePid)).toBe(false);
    const found = await auditIdsIn(dataDir);
    expect(acked.filter((id) => !found.has(id))).toEqual([]);
  });

  it('is reachable only by its own account: an owner-only directory and socket, no TCP port', async () => {
    const dataDir = freshDataDir();
    const db = await Database.open({ dataDir, embeddedBin });
    try {
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      const socket = statSync(path.join(dataDir, 'mongodb.sock'));
      expect(socket.isSocket()).toBe(true);
      expect(socket.mode & 0o077).toBe(0);
      const listening = readFileSync('/proc/net/tcp', 'utf8') + readFileSync('/proc/net/tcp6', 'utf8');
      const inodes = new Set(
        listening
          .split('\n')
          .slice(1)
          .filter((line) => line.split(/\s+/)[4] === '0A')
          .map((line) => line.trim().split(/\s+/)[9]),
      );
      const fds = readdirSync(`/proc/${db.embeddedPid}/fd`).map((fd) => readlinkSync(`/proc/${db.embeddedPid}/fd/${fd}`));
      expect(fds.filter((target) => inodes.has(/^socket:\[(\d+)\]$/.exec(target)?.[1] ?? ''))).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('hands out distinct numbers to concurrent requests: each update of a document is atomic, as on MongoDB', async () => {
    const db = await Database.open({ dataDir: freshDataDir(), embeddedBin });
    try {
      const numbers = await Promise.all(Array.from({ length: 60 }, () => nextValue(db.models.counters, 'session')));
      expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, index) => index + 1));
    } finally {
      await db.close();
    }
  });

  it('finds a document by _id through an index, alone or beside other conditions, whatever the size of its collection', async () => {
    const db = await Database.open({ dataDir: freshDataDir(), embeddedBin });
    try {
      const records = db.connection.db!.collection('attendances');
      await records.insertMany(Array.from({ length: 50 }, () => ({ _id: new Types.ObjectId(), version: 0 })));
      // A connection reads a schema change when it next runs a query (an explain alone does not).
      const plan = async (filter: Record<string, unknown>) => {
        await records.findOne(filter);
        return JSON.stringify(((await records.find(filter).explain()) as { queryPlanner: unknown }).queryPlanner);
      };
      const byId = { _id: new Types.ObjectId() };
      for (let waited = 0; !(await plan(byId)).includes('USING INDEX') && waited < 5000; waited += 100) await sleep(100);
      expect(await plan(byId)).toMatch(/SEARCH attendances\S* USING INDEX/);
      expect(await plan({ ...byId, version: 3 })).toMatch(/SEARCH attendances\S* USING INDEX/);
    } finally {
      await db.close();
    }
  });

  it('refuses a second start on a data directory in use, leaving the first database its socket', async () => {
    const dataDir = freshDataDir();
    const first = await Database.open({ dataDir, embeddedBin });
    try {
      await expect(Database.open({ dataDir, embeddedBin })).rejects.toThrow(/in use by another process.*stop it first/);
      // A new connection still reaches the first: its socket was not taken.
      const other = await Database.open({ uri: `mongodb://${encodeURIComponent(path.join(dataDir, 'mongodb.sock'))}/`, dataDir });
      await other.models.auditEntries.create({ action: 'create', entity: 'session', entityId: '2', summary: 'sesión 2 programada' });
      await other.close();
      expect(await first.models.auditEntries.countDocuments()).toBe(1);
    } finally {
      await first.close();
    }
  });

  it('refuses to start on the previous embedded server’s data, saying what it found, and changes nothing', async () => {
    const dataDir = freshDataDir();
    const oldFile = path.join(dataDir, 'oncoboard.mv.db');
    writeFileSync(oldFile, 'H2 data');
    await expect(Database.open({ dataDir, embeddedBin })).rejects.toThrow(/oncoboard\.mv\.db.*mongo-java-server.*Move that directory aside/s);
    expect(readFileSync(oldFile, 'utf8')).toBe('H2 data');
  });
});
