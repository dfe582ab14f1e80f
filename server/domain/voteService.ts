import type { Types } from 'mongoose';
import { voteChoices, type VoteChoice, type VoteDto } from '../../shared/votes';
import type { Models } from '../db/models';
import type { Vote } from '../db/models/vote';
import { authorize, type Actor } from './actor';
import type { AuditLog } from './auditLog';
import { requireCaseOfSession } from './caseOfSession';
import { idOf } from './documents';
import { AppError, notFound } from './errors';

type VoteDoc = Vote & { _id: Types.ObjectId };

function toDto(doc: VoteDoc): VoteDto {
  const counts = Object.fromEntries(voteChoices.map((choice) => [choice, doc.ballots.filter((ballot) => ballot.choice === choice).length])) as Record<VoteChoice, number>;
  return {
    caseId: idOf(doc.caseId),
    question: doc.question,
    open: doc.open,
    counts,
    dissenters: doc.ballots.filter((ballot) => ballot.choice === 'dissent').map((ballot) => ballot.name),
    voterIds: doc.ballots.map((ballot) => idOf(ballot.userId)),
  };
}

/** Votes among the experts present: called and closed by the coordinator, one ballot per expert. */
export class VoteService {
  constructor(
    private readonly models: Pick<Models, 'votes' | 'cases'>,
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async get(sessionId: string, caseId: string): Promise<VoteDto | null> {
    await this.caseOf(sessionId, caseId);
    const doc = await this.models.votes.findById(caseId).lean<VoteDoc>();
    return doc ? toDto(doc) : null;
  }

  async open(actor: Actor, sessionId: string, caseId: string, question: string): Promise<VoteDto> {
    authorize(actor, 'votes.call');
    await this.caseOf(sessionId, caseId);
    if (await this.models.votes.exists({ _id: caseId })) throw new AppError('conflict', 'this case was already put to a vote');
    const created = await this.models.votes.create({ _id: caseId, sessionId, caseId, question, openedBy: actor.id });
    await this.audit.record(actor, 'open', 'vote', caseId, 'votación abierta', { question });
    return toDto(created.toObject<VoteDoc>());
  }

  /** Called from the room only: being in it is what makes the expert present. */
  async cast(actor: Actor, sessionId: string, caseId: string, choice: VoteChoice): Promise<VoteDto> {
    authorize(actor, 'votes.cast');
    await this.caseOf(sessionId, caseId);
    const ballot = { userId: actor.id, name: actor.name, choice, at: this.now() };
    // One atomic write: the ballot goes in only while the vote is open and this voter has none.
    const doc = await this.models.votes
      .findOneAndUpdate({ _id: caseId, open: true, 'ballots.userId': { $ne: actor.id } }, { $push: { ballots: ballot } }, { returnDocument: 'after' })
      .lean<VoteDoc>();
    if (!doc) {
      const vote = await this.models.votes.findById(caseId).lean<VoteDoc>();
      if (!vote) throw notFound('vote');
      throw new AppError('conflict', vote.open ? 'you have already voted' : 'the vote is closed');
    }
    await this.audit.record(actor, 'cast', 'vote', caseId, 'voto emitido', { choice });
    return toDto(doc);
  }

  async close(actor: Actor, sessionId: string, caseId: string): Promise<VoteDto> {
    authorize(actor, 'votes.call');
    await this.caseOf(sessionId, caseId);
    const doc = await this.models.votes.findOneAndUpdate({ _id: caseId }, { $set: { open: false } }, { returnDocument: 'after' }).lean<VoteDoc>();
    if (!doc) throw notFound('vote');
    await this.audit.record(actor, 'close', 'vote', caseId, 'votación cerrada', { ballots: doc.ballots.length });
    return toDto(doc);
  }

  private caseOf(sessionId: string, caseId: string): Promise<void> {
    return requireCaseOfSession(this.models.cases, sessionId, caseId);
  }
}
