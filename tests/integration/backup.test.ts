import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { mongo, type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { writeArchive } from '../../server/db/backup/archiveWriter';
import { collectionNames } from '../../server/db/backup/collections';
import { EXACT_TYPES } from '../../server/db/backup/documentLines';
import { restoreArchive } from '../../server/db/backup/restore';
import { connectTo, Database } from '../../server/db/database';
import { CHUNK_BYTES, FileStore } from '../../server/db/fileStore';
import { SCHEMA_VERSION } from '../../server/db/migrations';
import { seedDemoData } from '../../server/db/seed/demoData';
import { samplePdf } from '../support/files';
import { dropTestDatabase, openTestDatabase } from '../support/testDatabase';

const { BSON } = mongo;
const uri = inject('mongoUri');
const root = path.resolve(import.meta.dirname, '..', '..');
const usedNames: string[] = [];
const dirs: string[] = [];
const freshName = () => {
  const name = `oncoboard_test_${randomBytes(6).toString('hex')}`;
  usedNames.push(name);
  return name;
};
const freshDir = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'oncoboard-backup-'));
  dirs.push(dir);
  return dir;
};
const withConnection = async <T>(dbName: string | undefined, use: (connection: Connection) => Promise<T>, serverUri = uri): Promise<T> => {
  const connection = await connectTo(serverUri, dbName);
  try {
    return await use(connection);
  } finally {
    await connection.close();
  }
};

/** Every collection's documents as canonical EJSON, in a stable order. */
async function contentsOf(dbName: string): Promise<Record<string, string[]>> {
  return withConnection(dbName, async ({ db }) => {
    const contents: Record<string, string[]> = {};
    for (const name of await collectionNames(db!)) {
      const documents = await db!.collection(name).find({}, EXACT_TYPES).toArray();
      contents[name] = documents.map((document) => BSON.EJSON.stringify(document, { relaxed: false })).sort();
    }
    return contents;
  });
}

async function indexesOf(dbName: string): Promise<Record<string, unknown[]>> {
  return withConnection(dbName, async ({ db }) => {
    const indexes: Record<string, unknown[]> = {};
    for (const name of await collectionNames(db!)) {
      const list = await db!.collection(name).listIndexes().toArray();
      indexes[name] = list.map(({ name, key, unique }) => ({ name, key, unique: Boolean(unique) })).sort((a, b) => a.name.localeCompare(b.name));
    }
    return indexes;
  });
}

/** Runs a command of package.json's as `npm run` does (tsx), with `env` added to the test's environment. */
function runCommand(script: 'backup' | 'restore', args: string[], env: Record<string, string | undefined>) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'cli', `${script}.ts`), ...args], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

let source: Database;
let sourceName: string;
let archive: string;
const pdf = samplePdf('Biopsia de médula ósea', CHUNK_BYTES * 2 + 5000);
let pdfId: mongo.ObjectId;

beforeAll(async () => {
  source = await openTestDatabase();
  sourceName = source.connection.name;
  await seedDemoData(source.models);
  const stored = await new FileStore(source.connection).write(Readable.from([pdf]), 'biopsia.pdf', 10 * 2 ** 20, { caseCode: 'YUC-2026-014' });
  pdfId = stored.fileId;
  const presenter = (await source.models.users.findOne({ roles: 'presenter' }).lean())!;
  await source.models.cases.updateOne(
    {},
    {
      $push: {
        attachments: {
          fileId: stored.fileId,
          filename: 'biopsia.pdf',
          contentType: 'application/pdf',
          size: stored.size,
          sha256: stored.sha256,
          uploadedAt: new Date(),
          uploadedBy: presenter._id,
        },
      },
    },
  );
  // Values whose BSON type a JavaScript number, buffer or RegExp would not keep.
  await source.connection.db!.collection('typedvalues').insertOne({
    int: new BSON.Int32(5),
    double: new BSON.Double(5),
    long: BSON.Long.fromString('9007199254740993'),
    binary: new BSON.Binary(Buffer.from([0, 1, 2, 255]), 0),
    uuid: new BSON.UUID(),
    date: new Date('2026-11-30T18:00:00.123Z'),
    regex: new BSON.BSONRegExp('^c91', 'i'),
    timestamp: new BSON.Timestamp({ t: 1_796_000_000, i: 7 }),
    nothing: null,
    nested: [{ text: 'línea\nsegunda "entre comillas"' }],
  });
  archive = (await writeArchive(source.connection.db!, await freshDir(), { oncoboardVersion: '0.1.0' })).directory;
});

afterAll(async () => {
  await dropTestDatabase(source);
  for (const name of usedNames) await withConnection(name, (connection) => connection.dropDatabase());
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('a backup', () => {
  it('restores into an empty database every collection document by document, the case file byte for byte, and the indexes', async () => {
    const manifest = JSON.parse(await readFile(path.join(archive, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ schemaVersion: SCHEMA_VERSION, oncoboardVersion: '0.1.0' });
    const chunks = manifest.collections.find((entry: { name: string }) => entry.name === 'attachments.chunks');
    expect(chunks.documents).toBe(3);

    const targetName = freshName();
    await restoreArchive({ uri, dbName: targetName }, archive);

    const [before, after] = [await contentsOf(sourceName), await contentsOf(targetName)];
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(before.users!.length).toBeGreaterThan(5);
    for (const name of Object.keys(before)) expect(after[name], name).toEqual(before[name]);
    expect(await indexesOf(targetName)).toEqual(await indexesOf(sourceName));
    await withConnection(targetName, async (connection) => {
      const bytes = Buffer.concat(await new FileStore(connection).read(pdfId).toArray());
      expect(bytes.equals(pdf)).toBe(true);
    });
  });

  it('refuses a truncated or altered archive, or one of a newer layout, with what is wrong, and writes nothing', async () => {
    const truncated = path.join(await freshDir(), 'truncated');
    await cp(archive, truncated, { recursive: true });
    const chunksFile = path.join(truncated, 'attachments.chunks.jsonl.gz');
    await truncate(chunksFile, Math.floor((await readFile(chunksFile)).length / 2));

    const altered = path.join(await freshDir(), 'altered');
    await cp(archive, altered, { recursive: true });
    const usersFile = path.join(altered, 'users.jsonl.gz');
    await writeFile(
      usersFile,
      gzipSync(
        gunzipSync(await readFile(usersFile))
          .toString('utf8')
          .replace('"roles"', '"Roles"'),
      ),
    );

    const newer = path.join(await freshDir(), 'newer');
    await cp(archive, newer, { recursive: true });
    const manifest = JSON.parse(await readFile(path.join(newer, 'manifest.json'), 'utf8'));
    await writeFile(path.join(newer, 'manifest.json'), JSON.stringify({ ...manifest, oncoboardVersion: '0.9.0', schemaVersion: SCHEMA_VERSION + 1 }));

    const targetName = freshName();
    await expect(restoreArchive({ uri, dbName: targetName }, truncated)).rejects.toThrow(/attachments\.chunks\.jsonl\.gz is damaged or truncated/);
    await expect(restoreArchive({ uri, dbName: targetName }, altered)).rejects.toThrow(/users\.jsonl\.gz does not match the manifest.*another checksum/);
    await expect(restoreArchive({ uri, dbName: targetName }, newer)).rejects.toThrow(/OncoBoard 0\.9\.0.*knows up to layout/);
    await expect(restoreArchive({ uri, dbName: targetName }, path.dirname(newer))).rejects.toThrow(/not an OncoBoard backup/);
    expect(await contentsOf(targetName)).toEqual({});
  });

  it('refuses a database that holds documents, unless told to replace them', async () => {
    const targetName = freshName();
    await withConnection(targetName, ({ db }) => db!.collection('users').insertOne({ name: 'Dra. Ruiz' }));
    await expect(restoreArchive({ uri, dbName: targetName }, archive)).rejects.toThrow(/"oncoboard_test_\w+" is not empty \(users hold documents\): nothing was written/);
    expect(await contentsOf(targetName)).toEqual({ users: [expect.stringContaining('Dra. Ruiz')] });

    await restoreArchive({ uri, dbName: targetName }, archive, { replace: true });
    expect(await contentsOf(targetName)).toEqual(await contentsOf(sourceName));
  });

  it('of an earlier layout is restored and then migrated', async () => {
    const olderName = freshName();
    const sessionId = new BSON.ObjectId();
    const archiveDir = await withConnection(olderName, async ({ db }) => {
      await db!.collection('migrations').insertOne({ _id: 'schema' as never, version: 1 });
      await db!.collection('chatmessages').insertMany([
        { sessionId, displayName: 'Dra. Ruiz', text: 'Buenos días', at: new Date('2026-11-30T16:00:00Z') },
        { sessionId, displayName: 'Dr. Ortiz', text: 'Se escucha bien', at: new Date('2026-11-30T16:01:00Z') },
      ]);
      return (await writeArchive(db!, await freshDir(), { oncoboardVersion: '0.0.9' })).directory;
    });

    const targetName = freshName();
    const restored = await restoreArchive({ uri, dbName: targetName }, archiveDir);
    expect([restored.manifest.schemaVersion, restored.schemaVersion]).toEqual([1, SCHEMA_VERSION]);
    const chat = await withConnection(targetName, ({ db }) => db!.collection('chats').findOne({ _id: sessionId }));
    expect(chat?.lines.map((line: { text: string }) => line.text)).toEqual(['Buenos días', 'Se escucha bien']);
  });
});

describe('the backup and restore commands', () => {
  it('back up a database and restore it into an empty one, and refuse to restore over it again', async () => {
    const backups = await freshDir();
    const backup = await runCommand('backup', ['--to', backups, '--database', sourceName], { MONGODB_URI: uri });
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/backed up attachments\.chunks: 3 documents, \d+\.\d kB/);
    const directory = backup.stdout.trim().split('\n').at(-1)!;
    expect(path.dirname(directory)).toBe(backups);
    expect(await readdir(directory)).toContain('manifest.json');

    const targetName = freshName();
    const restore = await runCommand('restore', [directory, '--database', targetName], { MONGODB_URI: uri });
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/restored users: \d+ documents/);
    expect(await contentsOf(targetName)).toEqual(await contentsOf(sourceName));

    const again = await runCommand('restore', [directory, '--database', targetName], { MONGODB_URI: uri });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^restore failed: the database "oncoboard_test_\w+" is not empty .*pass --force/);
  });

  describe.skipIf(process.env.MONGODB_URI)('on the embedded database', () => {
    const embeddedBin = loadConfig().database.embeddedBin;

    it('back up through the running server’s database, which keeps working; restore waits for the server to stop', async () => {
      const dataDir = await freshDir();
      const server = await Database.open({ dataDir, embeddedBin });
      let directory: string;
      try {
        await server.models.auditEntries.create({ action: 'create', entity: 'session', entityId: '1', summary: 'sesión 1 programada' });
        const backup = await runCommand('backup', ['--to', path.join(dataDir, 'backups')], { MONGODB_URI: undefined, DATA_DIR: dataDir });
        expect(backup.code).toBe(0);
        directory = backup.stdout.trim().split('\n').at(-1)!;
        // Its socket is still there: the server's driver can open new connections to its database.
        expect(existsSync(path.join(dataDir, 'mongodb.sock'))).toBe(true);
        const socketUri = `mongodb://${encodeURIComponent(path.join(dataDir, 'mongodb.sock'))}/`;
        expect(await withConnection(undefined, ({ db }) => db!.collection('auditentries').countDocuments(), socketUri)).toBe(1);

        const refused = await runCommand('restore', [directory, '--force'], { MONGODB_URI: undefined, DATA_DIR: dataDir });
        expect(refused.code).toBe(1);
        expect(refused.stderr).toMatch(/in use by another process.*stop it first/);
        expect(await server.models.auditEntries.countDocuments()).toBe(1);
      } finally {
        await server.close();
      }

      const newDataDir = await freshDir();
      const restore = await runCommand('restore', [directory], { MONGODB_URI: undefined, DATA_DIR: newDataDir });
      expect(restore.code).toBe(0);
      const restored = await Database.open({ dataDir: newDataDir, embeddedBin });
      try {
        expect((await restored.models.auditEntries.findOne().lean())?.summary).toBe('sesión 1 programada');
      } finally {
        await restored.close();
      }
    });
  });
});
