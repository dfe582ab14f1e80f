import type { Models } from '../db/models';
import type { DateRangeQuery } from '../../shared/attendance';
import { DEFAULT_TIME_ZONE } from '../../shared/mexico';
import { takesPart } from '../../shared/participation';
import { heldStatuses } from '../../shared/sessions';
import { calendarRangeToUtc } from '../../shared/time';
import type { SessionDoc } from './sessionService';

/**
 * Sessions held (ended, with or without approved minutes) that started within the range of
 * Mexico City calendar days; with a centre, those it hosted or was invited to. Oldest first.
 */
export async function heldSessionsIn(sessions: Models['sessions'], range: DateRangeQuery): Promise<SessionDoc[]> {
  const { from, until } = calendarRangeToUtc(range, DEFAULT_TIME_ZONE);
  const found = await sessions
    .find({ status: { $in: heldStatuses }, startsAt: { $gte: from, $lt: until } })
    .sort({ startsAt: 1 })
    .lean<SessionDoc[]>();
  if (!range.centerId) return found;
  return found.filter((session) => takesPart(session, range.centerId));
}
