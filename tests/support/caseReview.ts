import type { Database } from '../../server/db/database';
import { apiClient, createAccount, type TestAccount } from './accounts';

/** A children's hospital with the coordinator, presenter and expert of a case-review session. */
export async function createHospitalTeam(db: Database): Promise<{ center: string } & Record<'coordinator' | 'presenter' | 'expert', TestAccount>> {
  const [host] = await db.models.centers.create([{ code: 'HIMFG', name: 'Hospital Infantil de México', state: 'CDMX', kind: 'hospital' }]);
  const center = String(host!._id);
  return {
    center,
    coordinator: await createAccount(db, ['coordinator'], center, 'Dra. Hernández'),
    presenter: await createAccount(db, ['presenter'], center, 'Dr. Canul'),
    expert: await createAccount(db, ['expert'], center, 'Dra. Ramírez'),
  };
}

/** Submits a case to a session over the API, as its presenter does; returns the case's id. */
export async function submitCase(baseUrl: string, presenterCookie: string, sessionId: string, fields: Record<string, unknown>): Promise<string> {
  const created = await apiClient(baseUrl, presenterCookie)('POST', `/sessions/${sessionId}/cases`, fields);
  if (created.status !== 201) throw new Error(`the case was not submitted: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.case.id as string;
}
