import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { mongo, Types } from 'mongoose';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { Database } from '../../server/db/database';
import { CHUNK_BYTES, chunkId, FileStore } from '../../server/db/fileStore';
import { SCHEMA_VERSION } from '../../server/db/migrations';
import { AuthService } from '../../server/domain/authService';
import { LiveSession } from '../../server/domain/liveSession';
import { opinionsOf } from '../../server/domain/opinionService';
import { PresenceLedger } from '../../server/domain/presenceLedger';

const dbName = `oncoboard_test_${randomBytes(6).toString('hex')}`;
const filesDbName = `${dbName}_files`;
const open = (name = dbName) => Database.open({ uri: inject('mongoUri'), dataDir: '', dbName: name });
afterAll(async () => {
  for (const name of [dbName, filesDbName]) {
    const db = await open(name);
    await db.connection.dropDatabase();
    await db.close();
  }
});

describe('a database written by an earlier version', () => {
  it('has its presence, corrections, chat and sign-ins moved to the current layout at start, once, losing none', async () => {
    const sessionId = new Types.ObjectId();
    const userId = new Types.ObjectId();
    const centerId = new Types.ObjectId();
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 2, 16, minute));
    const line = (peerId: string, kind: 'join' | 'leave', minute: number) => ({ sessionId, userId, centerId, peerId, displayName: 'Dra. Ruiz', kind, at: at(minute) });

    // The previous layout: one document per line, sessions without an attendance revision.
    const first = await open();
    const raw = first.connection.db!;
    await raw.collection('presenceevents').insertMany([line('a', 'join', 0), line('a', 'leave', 30), line('b', 'join', 32), line('b', 'leave', 80)]);
    await raw
      .collection('attendancecorrections')
      .insertOne({ sessionId, userId, credited: true, minutesPresent: 90, reason: 'Siguió por teléfono', by: userId, byName: 'Coordinadora', at: at(95) });
    await raw.collection('sessions').insertOne({
      _id: sessionId,
      number: 7,
      kind: 'training',
      title: 'Hora dorada',
      startsAt: at(0),
      timeZone: 'America/Mexico_City',
      durationMinutes: 90,
      hostCenterId: centerId,
      invitedCenterIds: [],
      status: 'ended',
      agenda: [],
      version: 0,
      createdBy: userId,
    });
    await raw.collection('chatmessages').insertMany([
      { sessionId, userId, centerId, displayName: 'Dra. Ruiz', text: 'Buenos días', at: at(1) },
      { sessionId, userId, centerId, displayName: 'Dra. Ruiz', text: 'Se escucha bien', at: at(2) },
    ]);
    const user = await first.models.users.create({ name: 'Dra. Ruiz', email: 'ruiz@oncoboard.mx', roles: ['coordinator'], centerId, passwordHash: 'x' });
    const hash = (token: string) => createHash('sha256').update(token).digest('hex');
    await raw.collection('authsessions').createIndex({ tokenHash: 1 }, { unique: true, name: 'tokenHash_1' });
    await raw.collection('authsessions').insertMany([
      { tokenHash: hash('vigente'), userId: user._id, expiresAt: new Date(Date.now() + 3_600_000) },
      { tokenHash: hash('vencido'), userId: user._id, expiresAt: new Date(Date.now() - 3_600_000) },
    ]);
    const caseId = new Types.ObjectId();
    for (const [collection, owner] of [
      ['votes', 'caseId'],
      ['recommendations', 'caseId'],
      ['minutes', 'sessionId'],
    ] as const) {
      await raw.collection(collection).createIndex({ [owner]: 1 }, { unique: true, name: `${owner}_1` });
    }
    await raw.collection('votes').insertOne({ sessionId, caseId, question: '¿Se continúa?', open: false, ballots: [], openedBy: userId });
    await raw.collection('recommendations').insertOne({ sessionId, caseId, text: 'Continuar el protocolo', status: 'confirmed', version: 2, proposedBy: userId });
    await raw.collection('minutes').insertOne({ sessionId, status: 'approved', text: 'MINUTA', version: 1, editedBy: userId, corrections: [] });
    await raw.collection('opinions').insertMany([
      {
        sessionId,
        caseId,
        authorId: userId,
        authorName: 'Dra. Ruiz',
        centerId,
        specialty: 'Patología',
        category: 'diagnosis',
        stance: 'agree',
        text: 'Revisar el inmunofenotipo',
        published: true,
        updatedAt: at(20),
      },
      {
        sessionId,
        caseId,
        authorId: centerId,
        authorName: 'Dr. Ortiz',
        centerId,
        specialty: 'Radioterapia',
        category: 'treatment',
        stance: 'dissent',
        text: 'Borrador',
        published: false,
        updatedAt: at(21),
      },
    ]);
    await raw.collection('migrations').deleteOne({ _id: 'schema' as never });
    await first.close();

    const second = await open();
    try {
      const record = await new PresenceLedger(second.models).read(String(sessionId));
      expect(record.marks.map((mark) => [mark.peerId, mark.kind, mark.at])).toEqual([
        ['a', 'join', at(0)],
        ['a', 'leave', at(30)],
        ['b', 'join', at(32)],
        ['b', 'leave', at(80)],
      ]);
      expect(record.corrections).toEqual([expect.objectContaining({ credited: true, minutesPresent: 90, reason: 'Siguió por teléfono' })]);
      expect((await second.models.sessions.findById(sessionId).lean())?.attendanceRevision).toBe(0);
      expect((await new LiveSession(second.models).chat(String(sessionId))).map((line) => line.text)).toEqual(['Buenos días', 'Se escucha bien']);
      const auth = new AuthService(second.models);
      expect(await auth.actorFor('vigente')).toMatchObject({ name: 'Dra. Ruiz' });
      expect(await auth.actorFor('vencido')).toBeUndefined();
      expect(await second.models.authSessions.countDocuments()).toBe(1);
      const collections = (await second.connection.db!.listCollections().toArray()).map((collection) => collection.name);
      for (const old of ['presenceevents', 'attendancecorrections', 'chatmessages', 'opinions']) expect(collections).not.toContain(old);
      expect(await second.models.votes.findById(caseId).lean()).toMatchObject({ question: '¿Se continúa?' });
      expect(await second.models.recommendations.findById(caseId).lean()).toMatchObject({ text: 'Continuar el protocolo', status: 'confirmed' });
      expect(await second.models.minutes.findById(sessionId).lean()).toMatchObject({ text: 'MINUTA', status: 'approved' });
      const opinions = opinionsOf(await second.models.caseOpinions.findById(caseId).lean());
      expect(opinions.map((opinion) => [opinion.authorName, opinion.text, opinion.published])).toEqual([
        ['Dra. Ruiz', 'Revisar el inmunofenotipo', true],
        ['Dr. Ortiz', 'Borrador', false],
      ]);
      for (const model of [second.models.votes, second.models.recommendations, second.models.minutes]) expect(await model.countDocuments()).toBe(1);
      expect((await second.connection.db!.collection('migrations').findOne({ _id: 'schema' as never }))?.version).toBe(SCHEMA_VERSION);
    } finally {
      await second.close();
    }

    const third = await open();
    try {
      expect((await new PresenceLedger(third.models).read(String(sessionId))).marks).toHaveLength(4);
    } finally {
      await third.close();
    }
  });

  it('has case files the driver wrote to GridFS read back whole and in parts, their chunks keyed by file and number', async () => {
    const bytes = randomBytes(CHUNK_BYTES * 2 + 1000);
    const first = await open(filesDbName);
    const bucket = new mongo.GridFSBucket(first.connection.db!, { bucketName: 'attachments' });
    const upload = bucket.openUploadStream('tac.pdf');
    await pipeline(Readable.from([bytes]), upload);
    await first.connection.db!.collection('migrations').deleteOne({ _id: 'schema' as never });
    await first.close();

    const second = await open(filesDbName);
    try {
      const files = new FileStore(second.connection);
      const read = async (range?: { start: number; end: number }) => Buffer.concat(await files.read(upload.id, range).toArray());
      expect((await read()).equals(bytes)).toBe(true);
      expect((await read({ start: CHUNK_BYTES - 10, end: CHUNK_BYTES + 9 })).equals(bytes.subarray(CHUNK_BYTES - 10, CHUNK_BYTES + 10))).toBe(true);
      const chunks = await second.connection
        .db!.collection('attachments.chunks')
        .find({}, { projection: { n: 1 } })
        .sort({ n: 1 })
        .toArray();
      expect(chunks.map((chunk) => String(chunk._id))).toEqual([0, 1, 2].map((n) => String(chunkId(upload.id, n))));
      await files.remove(upload.id);
      expect(await files.chunkCount()).toBe(0);
    } finally {
      await second.close();
    }
  });
});
