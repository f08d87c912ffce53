import type { PGLiteSocketServer } from "@electric-sql/pglite-socket";

// pglite-socket 0.2.17 serves many client connections from one PGlite by queueing their protocol
// messages one at a time. It keeps one client's messages together only inside an explicit
// transaction. But node-postgres sends every parameterised query as Parse, Bind, Describe,
// Execute, Sync, and the unnamed prepared statement and portal are per session: another client's
// Parse arriving between them replaces the first one's statement, so a Bind meets the wrong query
// ("bind message supplies 5 parameters, but prepared statement requires 3", or worse, one
// request's values bound into another's query). This keeps a client's extended-protocol messages
// together up to its Sync, as PostgreSQL itself would. It replaces two methods of the server's
// queue, so the package version is pinned exactly; lib/database/embedded.test.ts proves it.

type Queued = {
  handlerId: number;
  message: Uint8Array;
  onData(data: Uint8Array): void;
  resolve(n: number): void;
  reject(e: Error): void;
};

interface QueueInternals {
  queue: Queued[];
  processing: boolean;
  lastHandlerId: number | null;
  db: {
    isInTransaction(): boolean;
    runExclusive<T>(fn: () => Promise<T>): Promise<T>;
    execProtocolRawStream(message: Uint8Array, options: { onRawData(data: Uint8Array): void }): Promise<unknown>;
  };
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
}

/** Extended-protocol messages that leave a batch open until the client's Sync: Parse, Bind, Describe, Execute, Close, Flush. */
const IN_BATCH = new Set([..."PBDECH"].map((letter) => letter.charCodeAt(0)));

export function keepClientBatchesTogether(server: PGLiteSocketServer): void {
  const queue = (server as unknown as { queryQueue: QueueInternals }).queryQueue;
  if (!queue || !Array.isArray(queue.queue) || typeof queue.processQueue !== "function") {
    throw new Error("pglite-socket's query queue has changed: review lib/database/pglite-queue.ts");
  }
  /** The client in the middle of a batch, whose messages must run next. */
  let batchOwner: number | null = null;

  queue.processQueue = async function processQueue(this: QueueInternals) {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const owner = batchOwner ?? (this.db.isInTransaction() ? this.lastHandlerId : null);
        const index = owner === null ? 0 : this.queue.findIndex((q) => q.handlerId === owner);
        if (index === -1) break; // wait for the owner's next message
        const query = this.queue.splice(index, 1)[0]!;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(query.message, {
              onRawData: (data) => {
                bytes += data.length;
                query.onData(data);
              },
            }),
          );
        } catch (error) {
          batchOwner = null;
          query.reject(error as Error);
          continue;
        }
        const type = query.message[0];
        batchOwner = type !== undefined && IN_BATCH.has(type) ? query.handlerId : null;
        this.lastHandlerId = query.handlerId;
        query.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };

  const clear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId: number) => {
    if (batchOwner === handlerId) batchOwner = null;
    clear(handlerId);
    void queue.processQueue();
  };
}
