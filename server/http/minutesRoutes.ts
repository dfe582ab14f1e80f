import type { MinutesService } from '../domain/minutesService';
import { renderMinutesPdf } from '../pdf/minutesPdf';
import type { PdfJobs } from '../pdf/pdfJobs';
import type { RouteHandlers } from './apiRoutes';

export const minutesRoutes = (minutes: MinutesService, pdfJobs: PdfJobs) =>
  ({
    'POST /sessions/:id/end': async ({ params }, { actor }) => ({ minutes: await minutes.end(actor, params.id) }),
    'GET /sessions/:id/minutes': async ({ params }, { actor }) => ({ minutes: await minutes.get(actor, params.id) }),
    'PUT /sessions/:id/minutes': async ({ params, body }, { actor }) => ({ minutes: await minutes.save(actor, params.id, body.version, body.text) }),
    'POST /sessions/:id/minutes/approve': async ({ params, body }, { actor }) => ({ minutes: await minutes.approve(actor, params.id, body.version) }),
    'POST /sessions/:id/minutes/corrections': async ({ params, body }, { actor }) => ({
      minutes: await minutes.correct(actor, params.id, body.version, body.text, body.reason),
    }),
    'POST /sessions/:id/minutes/pdf': async ({ params }, { actor }) => {
      const source = await minutes.forExport(actor, params.id);
      const key = `minutes:${source.minutes.sessionId}:${source.minutes.version}`;
      const filename = `Minuta sesión ${source.session.number}.pdf`;
      return { job: await pdfJobs.start(actor.id, key, filename, (report) => renderMinutesPdf(source, report)) };
    },
  }) satisfies Partial<RouteHandlers>;
