import { Router, type Request } from 'express';
import { z } from 'zod';
import { certificateCodeSchema, correctAttendanceRequestSchema, dateRangeQuerySchema } from '../../shared/attendance';
import { objectIdSchema } from '../../shared/ids';
import type { AttendanceExport } from '../domain/attendanceExport';
import type { AttendanceService } from '../domain/attendanceService';
import type { CertificateService } from '../domain/certificateService';
import type { ReportService } from '../domain/reportService';
import { renderCertificatePdf } from '../pdf/certificatePdf';
import { actorOf } from './authentication';
import { idParams } from './directoryRoutes';
import { sendDocument } from './sendFile';
import { parse } from './validate';

const holderParams = z.object({ id: objectIdSchema, userId: objectIdSchema });
const codeParams = z.object({ code: certificateCodeSchema });

/** The public page where anyone checks a certificate's code. */
const verifyUrl = (req: Request, code: string) => `${req.protocol}://${req.get('host')}/verificar/${code}`;

/** Attendance ledgers and their corrections, CSV exports, certificates and the network's reports. */
export function attendanceRoutes(deps: { attendance: AttendanceService; exports: AttendanceExport; certificates: CertificateService; reports: ReportService }): Router {
  const { attendance, exports, certificates, reports } = deps;
  const router = Router();
  router.get('/sessions/:id/attendance', async (req, res) => {
    res.json({ attendance: await attendance.ledger(actorOf(req), parse(idParams, req.params).id) });
  });
  router.post('/sessions/:id/attendance/corrections', async (req, res) => {
    const { id } = parse(idParams, req.params);
    res.status(201).json({ entry: await attendance.correct(actorOf(req), id, parse(correctAttendanceRequestSchema, req.body)) });
  });
  router.get('/sessions/:id/attendance.csv', async (req, res) => {
    const { filename, csv } = await exports.session(actorOf(req), parse(idParams, req.params).id);
    sendDocument(res, 'text/csv; charset=utf-8', filename, csv);
  });
  router.get('/attendance.csv', async (req, res) => {
    const { filename, csv } = await exports.range(actorOf(req), parse(dateRangeQuerySchema, req.query));
    sendDocument(res, 'text/csv; charset=utf-8', filename, csv);
  });
  router.get('/sessions/:id/certificates/:userId', async (req, res) => {
    const { id, userId } = parse(holderParams, req.params);
    const certificate = await certificates.issue(actorOf(req), id, userId);
    sendDocument(res, 'application/pdf', `Constancia ${certificate.code}.pdf`, await renderCertificatePdf(certificate, verifyUrl(req, certificate.code)));
  });
  router.get('/me/certificates', async (req, res) => {
    res.json({ certificates: await certificates.mine(actorOf(req)) });
  });
  // Public: whoever holds a printed certificate may check it without an account.
  router.get('/certificates/:code', async (req, res) => {
    res.json({ certificate: await certificates.verify(parse(codeParams, req.params).code) });
  });
  router.get('/reports', async (req, res) => {
    actorOf(req);
    res.json({ report: await reports.figures(parse(dateRangeQuerySchema, req.query)) });
  });
  return router;
}
