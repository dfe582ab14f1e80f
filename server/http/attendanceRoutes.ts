import type { Request } from 'express';
import type { AttendanceExport } from '../domain/attendanceExport';
import type { AttendanceService } from '../domain/attendanceService';
import type { CertificateService } from '../domain/certificateService';
import type { ReportService } from '../domain/reportService';
import { renderCertificatePdf } from '../pdf/certificatePdf';
import type { RouteHandlers } from './apiRoutes';
import { sendDocument } from './sendFile';

/** The public page where anyone checks a certificate's code. */
const verifyUrl = (req: Request, code: string) => `${req.protocol}://${req.get('host')}/verificar/${code}`;

/** Attendance ledgers and their corrections, CSV exports, certificates and the network's reports. */
export const attendanceRoutes = (deps: { attendance: AttendanceService; exports: AttendanceExport; certificates: CertificateService; reports: ReportService }) => {
  const { attendance, exports, certificates, reports } = deps;
  return {
    'GET /sessions/:id/attendance': async ({ params }, { actor }) => ({ attendance: await attendance.ledger(actor, params.id) }),
    'POST /sessions/:id/attendance/corrections': async ({ params, body }, { actor }) => ({ entry: await attendance.correct(actor, params.id, body) }),
    'GET /sessions/:id/attendance.csv': async ({ params }, { actor, res }) => {
      const { filename, csv } = await exports.session(actor, params.id);
      sendDocument(res, 'text/csv; charset=utf-8', filename, csv);
    },
    'GET /attendance.csv': async ({ query }, { actor, res }) => {
      const { filename, csv } = await exports.range(actor, query);
      sendDocument(res, 'text/csv; charset=utf-8', filename, csv);
    },
    'GET /sessions/:id/certificates/:userId': async ({ params }, { actor, req, res }) => {
      const certificate = await certificates.issue(actor, params.id, params.userId);
      sendDocument(res, 'application/pdf', `Constancia ${certificate.code}.pdf`, await renderCertificatePdf(certificate, verifyUrl(req, certificate.code)));
    },
    'GET /me/certificates': async (_input, { actor }) => ({ certificates: await certificates.mine(actor) }),
    'GET /certificates/:code': async ({ params }) => ({ certificate: await certificates.verify(params.code) }),
    'GET /reports': async ({ query }) => ({ report: await reports.figures(query) }),
  } satisfies Partial<RouteHandlers>;
};
