export interface Progress {
  phase: 'backup' | 'verify' | 'restore';
  collection: string;
  documents: number;
  /** Of the uncompressed EJSON lines. */
  bytes: number;
  done: boolean;
}

export type OnProgress = (progress: Progress) => void;

const EVERY_MS = 1000;

/** Reports one collection's documents as they go, at most once a second, and once when it is done. */
export function collectionProgress(onProgress: OnProgress | undefined, phase: Progress['phase'], collection: string) {
  let reportedAt = Date.now();
  const report = (counts: { documents: number; bytes: number }, done: boolean) => onProgress?.({ phase, collection, documents: counts.documents, bytes: counts.bytes, done });
  return {
    step(counts: { documents: number; bytes: number }): void {
      if (Date.now() - reportedAt < EVERY_MS) return;
      reportedAt = Date.now();
      report(counts, false);
    },
    done(counts: { documents: number; bytes: number }): void {
      report(counts, true);
    },
  };
}
