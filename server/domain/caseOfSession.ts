import type { Models } from '../db/models';
import { idOf } from './documents';
import { AppError, notFound } from './errors';

/** Refuses a case that does not exist, or that belongs to another session than the room's. */
export async function requireCaseOfSession(cases: Models['cases'], sessionId: string, caseId: string): Promise<void> {
  const found = await cases.findById(caseId, { sessionId: 1 }).lean();
  if (!found) throw notFound('case');
  if (idOf(found.sessionId) !== sessionId) throw new AppError('invalid_input', 'caseId: the case belongs to another session', 'caseId');
}
