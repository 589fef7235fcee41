/**
 * Changes made to a trace (feedback, expectations, tags, …) while it still waits to reach
 * the MLflow server. The server would answer "trace not found", so each change waits here
 * and runs once the trace's spans and info are stored, in the order it was made. A change
 * whose trace never arrives, or that fails itself, is counted, reported once and rejected
 * to its caller: nothing is lost silently.
 */
interface FollowUp {
  run(): Promise<void>;
  fail(error: unknown): void;
}

interface Early {
  /** True while the trace still waits in the export queue, before this exporter has it. */
  stillQueued: () => boolean;
  list: FollowUp[];
}

/** Why a change did not reach the server. */
export class UndeliveredChangeError extends Error {
  override name = "UndeliveredChangeError";
}

export class TraceFollowUps {
  /** Traces handed to the exporter and not yet stored; a list once a change waits for one. */
  private readonly inDelivery = new Map<string, FollowUp[] | undefined>();
  private readonly early = new Map<string, Early>();
  private readonly running = new Set<Promise<void>>();
  /** Changes that could not be made: their trace was not exported, or the call itself failed. */
  undelivered = 0;

  constructor(
    private readonly server: string,
    private readonly onLost: (traceId: string, error: unknown) => void,
  ) {}

  /** `work` after the trace is stored, or undefined when the trace is not waiting for export. */
  add<T>(traceId: string, work: () => Promise<T>, stillQueued: () => boolean): Promise<T> | undefined {
    const list = this.listFor(traceId, stillQueued);
    if (list === undefined) return undefined;
    return new Promise<T>((resolve, reject) => {
      list.push({
        run: () =>
          work().then(resolve, (error: unknown) => {
            this.lost(traceId, error);
            reject(error);
          }),
        fail: (error) => {
          this.lost(traceId, error);
          reject(error);
        },
      });
    });
  }

  /**
   * Resolves once the trace is stored or could not be (nothing is counted: no change waits),
   * after the changes made to it before; undefined when the trace is not waiting for export.
   */
  settled(traceId: string, stillQueued: () => boolean): Promise<void> | undefined {
    const list = this.listFor(traceId, stillQueued);
    if (list === undefined) return undefined;
    return new Promise<void>((resolve) => list.push({ run: async () => resolve(), fail: () => resolve() }));
  }

  /** Traces handed to the exporter and not yet stored. */
  pendingTraceIds(): string[] {
    return [...this.inDelivery.keys()];
  }

  /** The list of changes waiting for the trace, made on first use; undefined when the trace is not waiting. */
  private listFor(traceId: string, stillQueued: () => boolean): FollowUp[] | undefined {
    if (this.inDelivery.has(traceId)) {
      const list = this.inDelivery.get(traceId) ?? [];
      this.inDelivery.set(traceId, list);
      return list;
    }
    const early = this.early.get(traceId);
    if (early !== undefined) return early.list;
    if (!stillQueued()) return undefined;
    const list: FollowUp[] = [];
    this.early.set(traceId, { stillQueued, list });
    return list;
  }

  /** The exporter took the trace: changes made from now wait for its delivery. */
  accept(traceId: string): void {
    if (this.inDelivery.has(traceId)) return; // taken already: the exporter accepts before its encoder has loaded
    const early = this.early.get(traceId);
    this.early.delete(traceId);
    this.inDelivery.set(traceId, early?.list.length ? early.list : undefined);
  }

  /** The trace is stored: its changes run now, one after another. */
  delivered(traceId: string): void {
    const list = this.inDelivery.get(traceId);
    this.inDelivery.delete(traceId);
    if (list === undefined || list.length === 0) return;
    const done = (async () => {
      for (const followUp of list) await followUp.run();
    })();
    this.running.add(done);
    void done.finally(() => this.running.delete(done));
  }

  /** The trace could not be exported: its changes cannot be made. */
  failed(traceId: string, cause: unknown): void {
    const list = this.inDelivery.get(traceId) ?? this.early.get(traceId)?.list;
    this.inDelivery.delete(traceId);
    this.early.delete(traceId);
    if (list === undefined) return;
    const error = new UndeliveredChangeError(
      `trace ${traceId} did not reach the MLflow tracking server at ${this.server}, so a change made to it while it waited for export (feedback, expectation or tag) was not made: ${describe(cause)}`,
      { cause },
    );
    for (const followUp of list) followUp.fail(error);
  }

  /** Waits for the changes under way; changes whose trace left the export queue without reaching this exporter fail. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
    for (const [traceId, early] of [...this.early]) {
      if (!early.stillQueued()) this.failed(traceId, "the trace left the export queue without being exported (dropped, or the destination changed)");
    }
  }

  /** The exporter shut down: every change still waiting fails. */
  close(): void {
    for (const traceId of [...this.inDelivery.keys(), ...this.early.keys()]) this.failed(traceId, "the exporter was shut down first");
  }

  private lost(traceId: string, error: unknown): void {
    this.undelivered++;
    this.onLost(traceId, error);
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
