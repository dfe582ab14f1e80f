import { describe, expect, it } from 'vitest';
import { consumerResumes } from '../../../client/services/consumerResumes';
import { RequestError } from '../../../client/services/request';
import { problemFrom, stoppedMeanwhile } from '../../../client/services/roomProblem';
import { MAX_RESUMED_AT_ONCE } from '../../../shared/media';
import { FakeSocket } from './fakeSocket';

describe('resuming what the page receives', () => {
  it('asks once for those ready together, and tells a consumer whose sender left from a real failure', async () => {
    const server = new FakeSocket().answerWith('media:resumeConsumers', { missing: ['gone'] });
    const resume = consumerResumes(server.socket);
    const outcomes = await Promise.allSettled([resume('a'), resume('gone'), resume('b')]);

    expect(server.asked).toEqual([{ event: 'media:resumeConsumers', payload: { consumerIds: ['a', 'gone', 'b'] } }]);
    expect(outcomes.map(({ status }) => status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const gone = (outcomes[1] as PromiseRejectedResult).reason;
    expect(stoppedMeanwhile(gone)).toBe(true);
  });

  it('splits what is ready together into requests the server takes', async () => {
    const server = new FakeSocket().answerWith('media:resumeConsumers', { missing: [] });
    const resume = consumerResumes(server.socket);
    const ids = Array.from({ length: MAX_RESUMED_AT_ONCE + 2 }, (_, index) => `consumer-${index}`);
    await Promise.all(ids.map((consumerId) => resume(consumerId)));
    expect(server.asked.map(({ payload }) => (payload as { consumerIds: string[] }).consumerIds.length)).toEqual([MAX_RESUMED_AT_ONCE, 2]);
  });

  it('keeps showing a refusal that is not about the sender', async () => {
    const server = new FakeSocket().refuse('media:resumeConsumers', { code: 'forbidden', message: 'not in this room' });
    const refused = await consumerResumes(server.socket)('a').catch((error: unknown) => error);
    expect(stoppedMeanwhile(refused)).toBe(false);
    expect(problemFrom(refused)).toMatchObject({ key: 'errors.forbidden' });
    // The one refusal that is about the person's own place in the room is not hidden either.
    expect(stoppedMeanwhile(new RequestError('not_found', 'that participant is not in the room', 'peerId'))).toBe(false);
  });
});
