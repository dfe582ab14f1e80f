/**
 * The bare counterparts of the reports page and of one session's attendance ledger: the same
 * database reads the app makes for them (ReportService.figures with AttendanceService.centersOf
 * once every summary is written; AttendanceService.ledger), in the same order and with the same
 * filters and projections, made with the driver in the bench's process — no HTTP, no sign-in
 * check, no validation, nothing computed from what comes back beyond the ids the next read needs.
 */
import type { mongo, Types } from 'mongoose';
import { chunkId } from '../server/db/chunkedList';
import type { Database } from '../server/db/database';
import { DEFAULT_TIME_ZONE } from '../shared/mexico';
import { certifyingKinds, heldStatuses, type SessionKind } from '../shared/sessions';
import { calendarRangeToUtc } from '../shared/time';

/** A model's collection as the driver sees it, without mongoose in between. */
function driverOf<Doc extends mongo.Document = mongo.Document>(db: Database, model: { collection: { collectionName: string } }): mongo.Collection<Doc> {
  return db.connection.db!.collection<Doc>(model.collection.collectionName);
}

/** The reports' reads over a range of Mexico City calendar days. */
export function bareReportReads(db: Database) {
  const { sessions, cases, recommendations, agreements, centers, attendanceSummaries } = db.models;
  return async (range: { from: string; to: string }): Promise<void> => {
    const { from, until } = calendarRangeToUtc(range, DEFAULT_TIME_ZONE);
    await driverOf(db, sessions)
      .find({ status: { $in: [...heldStatuses] }, startsAt: { $gte: from, $lt: until } })
      .sort({ startsAt: 1 })
      .toArray();
    await Promise.all([
      driverOf(db, cases)
        .find({}, { projection: { sessionId: 1, centerId: 1, createdAt: 1 } })
        .toArray(),
      driverOf(db, recommendations).find({ status: 'confirmed' }).toArray(),
      driverOf(db, agreements)
        .find({}, { projection: { sessionId: 1, status: 1, dueDate: 1, responsibleCenterId: 1 } })
        .toArray(),
      driverOf(db, centers)
        .find({}, { projection: { name: 1 } })
        .toArray(),
      driverOf(db, attendanceSummaries).find().toArray(),
    ]);
  };
}

/** The ledger's reads for one session: the session, its attendance record (and certificates), the people in it. */
export function bareLedgerReads(db: Database) {
  const { sessions, attendances, attendanceMarks, certificates, users } = db.models;
  /** The record and its further documents of marks, as the ledger keeps them (db/chunkedList.ts). */
  const attendanceOf = async (sessionId: Types.ObjectId): Promise<mongo.Document | null> => {
    const record = await driverOf(db, attendances).findOne({ _id: sessionId });
    const marks = driverOf<{ _id: string; marks: unknown[] }>(db, attendanceMarks);
    const later = await Promise.all(Array.from({ length: Number(record?.chunks ?? 0) }, (_, index) => marks.findOne({ _id: chunkId(String(sessionId), index + 1) })));
    return record && { ...record, marks: [record.marks, ...later.map((chunk) => chunk?.marks)].flat() };
  };
  return async (sessionId: Types.ObjectId): Promise<void> => {
    const session = await driverOf(db, sessions).findOne({ _id: sessionId });
    if (!session) throw new Error(`no session ${String(sessionId)}`);
    const [record] = await Promise.all([
      attendanceOf(sessionId),
      certifyingKinds.includes(session.kind as SessionKind)
        ? driverOf(db, certificates)
            .find({ sessionId: { $in: [sessionId] }, revokedAt: null }, { projection: { sessionId: 1, userId: 1, code: 1 } })
            .toArray()
        : [],
    ]);
    const lines = [...((record?.marks as { userId: Types.ObjectId }[]) ?? []), ...((record?.corrections as { userId: Types.ObjectId }[]) ?? [])];
    const userIds = [...new Map(lines.map((line) => [String(line.userId), line.userId])).values()];
    await driverOf(db, users)
      .find({ _id: { $in: userIds } }, { projection: { name: 1, centerId: 1 } })
      .toArray();
  };
}
