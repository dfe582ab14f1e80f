import type { Models } from '../db/models';
import type { Actor } from './actor';

/** Appends "who changed what" for every write of organisational or clinical data. */
export class AuditLog {
  constructor(private readonly models: Pick<Models, 'auditEntries'>) {}

  async record(actor: Actor | undefined, action: string, entity: string, entityId: string, summary: string, changes: Record<string, unknown> = {}): Promise<void> {
    await this.models.auditEntries.create({ actorId: actor?.id, action, entity, entityId, summary, changes });
  }

  history(entity: string, entityId: string) {
    return this.models.auditEntries.find({ entity, entityId }).sort({ at: 1 }).lean().exec();
  }
}
