// The simulator's time and its agenda. One model for both clocks: "manual" time moves only when
// advance()/settle() move it; "real" time is the wall clock plus whatever advance() added, with a
// timer armed for the next task. Tasks that fall due at the same instant run as one step:
// state changes first (in the order they were scheduled), then, in the next step, every
// delivery due at that instant as one batch, which is the order a simulator may
// change (`batchOrder`), e.g. to deliver them in reverse.

export type TaskKind = "change" | "delivery";

export interface Task {
  at: number;
  seq: number;
  kind: TaskKind;
  run: () => void | Promise<void>;
}

/** Far more than any simulated scenario needs; a loop that schedules itself forever stops here. */
const MAX_STEPS = 10_000;

export class Clock {
  private manualNow: number;
  private offset = 0;
  private seq = 0;
  private tasks: Task[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  // Steps never overlap: advance(), settle() and the real-clock timer queue on this chain.
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly mode: "manual" | "real",
    private readonly batchOrder: (batch: Task[]) => Task[],
  ) {
    this.manualNow = Date.now();
  }

  now(): number {
    return this.mode === "manual" ? this.manualNow : Date.now() + this.offset;
  }

  iso(): string {
    return new Date(this.now()).toISOString();
  }

  /** Runs `run` `delayMs` after now; returns a function that cancels it. */
  schedule(delayMs: number, kind: TaskKind, run: () => void | Promise<void>): () => void {
    const task: Task = { at: this.now() + Math.max(0, delayMs), seq: this.seq++, kind, run };
    this.tasks.push(task);
    this.arm();
    return () => {
      this.tasks = this.tasks.filter((t) => t !== task);
    };
  }

  get pending(): number {
    return this.tasks.length;
  }

  /** How long until the next task falls due (0 when one is due now), or undefined when none is scheduled. */
  get nextIn(): number | undefined {
    const at = this.nextAt();
    return at === undefined ? undefined : Math.max(0, at - this.now());
  }

  advance(ms: number): Promise<void> {
    if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0) return Promise.reject(new RangeError("advance(ms): ms must be a finite number >= 0"));
    return this.exclusive(async () => {
      const target = this.now() + ms;
      for (let steps = 0; this.nextAt() !== undefined && this.nextAt()! <= target; steps++) {
        if (steps >= MAX_STEPS) throw new Error(`advance(): still busy after ${MAX_STEPS} steps`);
        await this.step();
      }
      this.moveTo(target);
    });
  }

  settle(): Promise<void> {
    return this.exclusive(async () => {
      for (let steps = 0; this.tasks.length > 0; steps++) {
        if (steps >= MAX_STEPS) throw new Error(`settle(): still busy after ${MAX_STEPS} steps`);
        await this.step();
      }
    });
  }

  /** Drops every task; the time stays where it is (it never goes back). */
  clear(): void {
    this.tasks = [];
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private nextAt(): number | undefined {
    let min: number | undefined;
    for (const t of this.tasks) if (min === undefined || t.at < min) min = t.at;
    return min;
  }

  private moveTo(at: number): void {
    if (at <= this.now()) return;
    if (this.mode === "manual") this.manualNow = at;
    else this.offset += at - this.now();
  }

  private async step(): Promise<void> {
    const at = this.nextAt();
    if (at === undefined) return;
    this.moveTo(at);
    const due = this.tasks.filter((t) => t.at === at).sort((a, b) => a.seq - b.seq);
    const changes = due.filter((t) => t.kind === "change");
    // Changes first: the deliveries they cause join this instant's batch.
    const batch = changes.length > 0 ? changes : this.batchOrder(due);
    this.tasks = this.tasks.filter((t) => !batch.includes(t));
    for (const task of batch) await task.run();
  }

  private exclusive(work: () => Promise<void>): Promise<void> {
    // Re-armed afterwards: moving the time changes when the next task falls due.
    const run = this.chain.then(work).finally(() => this.arm());
    this.chain = run.catch(() => undefined);
    return run;
  }

  private arm(): void {
    if (this.mode !== "real") return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    const at = this.nextAt();
    if (at === undefined) return;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        // A failing task must not become an unhandled rejection in the host's process.
        void this.advance(0).catch(() => undefined);
      },
      Math.max(0, at - this.now()),
    );
    // The simulator never keeps a process alive on its own.
    (this.timer as { unref?: () => void }).unref?.();
  }
}
