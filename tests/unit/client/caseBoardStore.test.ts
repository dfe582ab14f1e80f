import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AckResult } from '../../../shared/ack';
import type { CaseOpinions, OpinionDto, RecommendationDto } from '../../../shared/opinions';
import type { VoteDto } from '../../../shared/votes';
import { RequestError } from '../../../client/services/socket';
import { useCaseBoardStore } from '../../../client/stores/caseBoard';
import { FakeSocket } from './fakeSocket';

const CASE = 'case-on-the-board';
const OTHER_CASE = 'another-case';

const opinion = (fields: Partial<OpinionDto> = {}): OpinionDto => ({
  id: 'opinion-1',
  caseId: CASE,
  sessionId: 'session-1',
  authorId: 'expert-1',
  authorName: 'Dra. Cirujana',
  centerId: 'center-1',
  specialty: 'Cirugía oncológica',
  category: 'treatment',
  stance: 'agree',
  text: 'Resección con márgenes amplios',
  published: true,
  updatedAt: '2026-11-30T16:00:00.000Z',
  ...fields,
});

const vote = (fields: Partial<VoteDto> = {}): VoteDto => ({
  caseId: CASE,
  question: '¿Cirugía de conservación de extremidad?',
  open: true,
  counts: { agree: 0, dissent: 0, abstain: 0 },
  dissenters: [],
  voterIds: [],
  ...fields,
});

const recommendation = (fields: Partial<RecommendationDto> = {}): RecommendationDto => ({
  caseId: CASE,
  sessionId: 'session-1',
  text: 'Quimioterapia neoadyuvante y cirugía',
  status: 'proposed',
  version: 1,
  proposedBy: 'coordinator-1',
  confirmedAt: null,
  quorum: null,
  ...fields,
});

let server: FakeSocket;
let board: ReturnType<typeof useCaseBoardStore>;

/** A board following `server`, with CASE up and nothing recorded on it yet. */
async function boardOnCase(): Promise<void> {
  server.answerWith('opinion:list', { opinions: [], mine: null }).answerWith('vote:get', null).answerWith('recommendation:get', null);
  board.follow(server.socket);
  board.show(CASE);
  await Promise.all([board.loadOpinions(), board.loadVote(), board.loadRecommendation()]);
}

beforeEach(() => {
  setActivePinia(createPinia());
  server = new FakeSocket();
  board = useCaseBoardStore();
});

describe('the case board', () => {
  it('shows an opinion another expert publishes on the case, once, however often it is edited', async () => {
    await boardOnCase();
    server.notify('opinion:published', opinion());
    server.notify('opinion:published', opinion({ stance: 'dissent', text: 'Mejor amputación' }));
    expect(board.opinions).toEqual([opinion({ stance: 'dissent', text: 'Mejor amputación' })]);
  });

  it('replaces the vote shown with each new state of it', async () => {
    await boardOnCase();
    server.notify('vote:state', vote());
    server.notify('vote:state', vote({ counts: { agree: 1, dissent: 1, abstain: 0 }, dissenters: ['Dr. Patólogo'], voterIds: ['expert-1', 'expert-2'] }));
    expect(board.vote).toMatchObject({ counts: { agree: 1, dissent: 1 }, dissenters: ['Dr. Patólogo'] });
    server.notify('recommendation:state', recommendation());
    expect(board.recommendation).toEqual(recommendation());
  });

  it('ignores news about another case', async () => {
    await boardOnCase();
    server.notify('opinion:published', opinion({ caseId: OTHER_CASE }));
    server.notify('vote:state', vote({ caseId: OTHER_CASE }));
    server.notify('recommendation:state', recommendation({ caseId: OTHER_CASE }));
    expect([board.opinions, board.vote, board.recommendation]).toEqual([[], null, null]);
  });

  it('drops an answer that comes after another case was put on the board', async () => {
    let answer!: (result: AckResult<CaseOpinions>) => void;
    server.answer('opinion:list', () => new Promise((resolve) => (answer = resolve)));
    board.follow(server.socket);
    board.show(OTHER_CASE);
    const loading = board.loadOpinions();
    board.show(CASE);
    answer({ ok: true, data: { opinions: [opinion({ caseId: OTHER_CASE })], mine: null } });
    expect(await loading).toBe(false);
    expect(board.opinions).toEqual([]);
  });

  it('takes the expert’s own changes from the answers: the draft stays theirs until published', async () => {
    await boardOnCase();
    server.answer('opinion:saveDraft', ({ text }) => ({ ok: true, data: opinion({ text, published: false }) }));
    await board.saveDraft({ category: 'treatment', stance: 'agree', text: 'Borrador' });
    expect(board.mine).toMatchObject({ text: 'Borrador', published: false });
    expect(board.opinions).toEqual([]);

    server.answerWith('opinion:publish', opinion({ text: 'Borrador' }));
    await board.publish();
    expect(board.mine).toMatchObject({ published: true });
    expect(board.opinions).toEqual([opinion({ text: 'Borrador' })]);
    expect(server.asked.at(-1)).toEqual({ event: 'opinion:publish', payload: { caseId: CASE } });
  });

  it('counts its own ballot from the answer, and confirms the recommendation as shown', async () => {
    await boardOnCase();
    server.notify('vote:state', vote());
    server.answerWith('vote:cast', vote({ counts: { agree: 1, dissent: 0, abstain: 0 }, voterIds: ['expert-1'] }));
    await board.castVote('agree');
    expect(board.vote?.voterIds).toEqual(['expert-1']);

    server.notify('recommendation:state', recommendation({ version: 3 }));
    server.answer('recommendation:confirm', ({ version }) => ({ ok: true, data: recommendation({ version, status: 'confirmed' }) }));
    await board.confirm(true);
    expect(server.asked.at(-1)).toEqual({ event: 'recommendation:confirm', payload: { caseId: CASE, version: 3, withoutQuorum: true } });
    expect(board.recommendation).toMatchObject({ status: 'confirmed', version: 3 });
  });

  it('leaves the board as it was when the server refuses', async () => {
    await boardOnCase();
    server.notify('vote:state', vote());
    server.refuse('vote:cast', { code: 'forbidden', message: 'only experts vote' });
    await expect(board.castVote('agree')).rejects.toBeInstanceOf(RequestError);
    server.refuse('opinion:publish', { code: 'invalid_input', message: 'text: must not be empty', field: 'text' });
    await expect(board.publish()).rejects.toMatchObject({ code: 'invalid_input', field: 'text' });
    expect(board.vote).toEqual(vote());
    expect([board.opinions, board.mine]).toEqual([[], null]);
  });

  it('stops listening, and forgets the case, once it stops following', async () => {
    await boardOnCase();
    board.unfollow();
    expect(server.listenerCount('opinion:published') + server.listenerCount('vote:state') + server.listenerCount('recommendation:state')).toBe(0);
    expect(board.caseId).toBeNull();
    await expect(board.loadVote()).rejects.toThrow();
  });
});
