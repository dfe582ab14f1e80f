import type { ChatMessageDto } from '../../shared/floor';

/**
 * A live room's chat as a page entering is shown it: the latest lines, read from the record by the
 * first page to enter and then kept, each line added as it is said. A session's room lives on one
 * instance and every line of its chat is said through it, so the copy stays whole while the room
 * is open and each later page (a national session's hundreds of joins and reconnections) is shown
 * it without reading up to three documents of chat again; a room opened anew (after everyone left,
 * or on another instance after its own died) reads the record again.
 */
export class RoomChat {
  private kept?: ChatMessageDto[];
  private reading?: Promise<void>;
  /** Lines said while the record was being read: it may hold them already, or not. */
  private saidWhileReading: ChatMessageDto[] = [];

  constructor(private readonly keep: number) {}

  /** The latest lines, oldest first: read by `read` while none are kept (or the last read failed). */
  async lines(read: () => Promise<ChatMessageDto[]>): Promise<ChatMessageDto[]> {
    this.reading ??= read().then(
      (lines) => {
        const found = new Set(lines.map((line) => line.id));
        this.kept = [...lines, ...this.saidWhileReading.splice(0).filter((line) => !found.has(line.id))].slice(-this.keep);
      },
      (error: unknown) => {
        this.reading = undefined;
        this.saidWhileReading = [];
        throw error;
      },
    );
    await this.reading;
    return [...this.kept!];
  }

  /** A line just said and recorded joins what is kept; said before anyone entered, the first page reads it from the record. */
  said(line: ChatMessageDto): void {
    if (!this.kept) {
      if (this.reading) this.saidWhileReading.push(line);
      return;
    }
    this.kept.push(line);
    this.kept.splice(0, this.kept.length - this.keep);
  }
}
