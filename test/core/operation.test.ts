// The operation engine driven by a toy job resource of its own: its read is an injected
// function, its clock vitest's fake timers. No vendor data.
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { createOperation, type OperationEvents, type OperationStrategy } from "../../src/core/operation.js";

interface Job {
  id: string;
  status: "queued" | "running" | "done" | "broken";
  version: number;
  note?: string;
}
type JobEvent = { job: Job };

class JobBrokenError extends Error {}
class JobWaitTimeout extends Error {
  constructor(readonly last: Job | undefined) {
    super("still waiting");
  }
}

// A server whose job moves when the test says so; every read is timed.
function toyServer(first: Job) {
  let job = first;
  const reads: number[] = [];
  return {
    reads,
    set: (next: Partial<Job>) => (job = { ...job, version: job.version + 1, ...next }),
    read: vi.fn(async (id: string) => {
      reads.push(Date.now());
      if (id !== job.id) throw new Error(`no job ${id}`);
      return job;
    }),
    current: () => job,
  };
}

function toyEvents() {
  const listeners = new Set<(event: JobEvent, meta: { duplicate: boolean }) => void>();
  const source: OperationEvents<JobEvent> = {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { source, emit: (job: Job, duplicate = false) => listeners.forEach((l) => l({ job }, { duplicate })), listeners };
}

function strategy(server: ReturnType<typeof toyServer>, extra: Partial<OperationStrategy<Job, { jobId?: string }, JobEvent, string, string>> = {}) {
  const base: OperationStrategy<Job, { jobId?: string }, JobEvent, string, string> = {
    id: (job) => job.id,
    read: server.read,
    isFinal: (job) => job.status === "done" || job.status === "broken",
    failure: (job) => job.status === "broken" && new JobBrokenError(job.note ?? "broken"),
    progressed: (previous, next) => previous?.status !== next.status,
    stale: (last, next) => next.version < last.version,
    timeout: (last) => new JobWaitTimeout(last),
    token: (last) => (last ? { jobId: last.id } : {}),
    polling: { initialDelayMs: 100, maxDelayMs: 400, factor: 2 },
    matches: (event, last) => event.job.id === last.id && event.job,
  };
  return { ...base, ...extra };
}

const queued: Job = { id: "j1", status: "queued", version: 1 };

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
  // The lower end of the jitter: each wait is half its step.
  vi.spyOn(Math, "random").mockReturnValue(0);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("the operation engine with a toy job", () => {
  test("polls with exponential backoff, capped, jittered between half and all of each step", async () => {
    const server = toyServer(queued);
    const operation = createOperation(strategy(server), server.read("j1"));
    server.reads.length = 0;
    const done = operation.wait();
    await vi.advanceTimersByTimeAsync(600);
    // Steps 100, 200, 400, 400 (the cap), halved by the jitter: 50, 100, 200, 200.
    expect(server.reads).toEqual([50, 150, 350, 550]);
    server.set({ status: "done" });
    await vi.advanceTimersByTimeAsync(200);
    await expect(done).resolves.toMatchObject({ status: "done" });
    const after = server.reads.length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(server.reads).toHaveLength(after);
  });

  test("wakes early on an event about its job, and ignores duplicates and other jobs", async () => {
    const server = toyServer(queued);
    const events = toyEvents();
    const operation = createOperation(
      strategy(server, { events: events.source, polling: { initialDelayMs: 60_000, maxDelayMs: 60_000, factor: 1 } }),
      server.read("j1"),
    );
    const done = operation.wait();
    await vi.advanceTimersByTimeAsync(0);
    events.emit({ id: "j1", status: "done", version: 5 }, true);
    events.emit({ id: "other", status: "done", version: 5 });
    await vi.advanceTimersByTimeAsync(0);
    expect(operation.lastKnown?.status).toBe("queued");
    events.emit({ id: "j1", status: "done", version: 5 });
    await expect(done).resolves.toMatchObject({ status: "done", version: 5 });
    expect(Date.now()).toBe(0);
    // The handle stops listening once the job ended.
    expect(events.listeners.size).toBe(0);
  });

  test("an event that does not end the job makes it read now rather than at its next poll", async () => {
    const server = toyServer(queued);
    const events = toyEvents();
    const operation = createOperation(
      strategy(server, { events: events.source, polling: { initialDelayMs: 60_000, maxDelayMs: 60_000, factor: 1 } }),
      server.read("j1"),
    );
    void operation.wait().catch(() => undefined);
    await vi.advanceTimersByTimeAsync(1_000);
    server.reads.length = 0;
    server.set({ status: "running" });
    events.emit(server.current());
    await vi.advanceTimersByTimeAsync(0);
    expect(server.reads).toEqual([1_000]);
  });

  test("reports progress only when the strategy says the job changed, and never goes back to an older version", async () => {
    const server = toyServer(queued);
    const events = toyEvents();
    const operation = createOperation(strategy(server, { events: events.source }), server.read("j1"));
    const seen: string[] = [];
    operation.onProgress((job, previous) => seen.push(`${previous?.status ?? "-"}>${job.status}`));
    const done = operation.wait();
    await vi.advanceTimersByTimeAsync(200);
    server.set({ note: "same status, new version" });
    await vi.advanceTimersByTimeAsync(400);
    server.set({ status: "running" });
    await vi.advanceTimersByTimeAsync(400);
    events.emit({ id: "j1", status: "queued", version: 1 }); // late, older: ignored
    await vi.advanceTimersByTimeAsync(0);
    expect(operation.lastKnown?.status).toBe("running");
    server.set({ status: "done" });
    await vi.advanceTimersByTimeAsync(400);
    await done;
    expect(seen).toEqual(["->queued", "queued>running", "running>done"]);
  });

  test("rejects with the strategy's failure when the job ends badly", async () => {
    const server = toyServer(queued);
    const operation = createOperation(strategy(server), server.read("j1"));
    const done = operation.wait();
    server.set({ status: "broken", note: "disk full" });
    const outcome = expect(done).rejects.toThrow(new JobBrokenError("disk full"));
    await vi.advanceTimersByTimeAsync(100);
    await outcome;
  });

  test("a wait that times out rejects with the strategy's timeout error and leaves the job followed", async () => {
    const server = toyServer(queued);
    const operation = createOperation(strategy(server), server.read("j1"));
    const first = operation.wait({ timeoutMs: 120 });
    const outcome = expect(first).rejects.toBeInstanceOf(JobWaitTimeout);
    await vi.advanceTimersByTimeAsync(120);
    await outcome;
    await expect(first.catch((e: JobWaitTimeout) => e.last?.status)).resolves.toBe("queued");
    const second = operation.wait();
    server.set({ status: "done" });
    await vi.advanceTimersByTimeAsync(100);
    await expect(second).resolves.toMatchObject({ status: "done" });
  });

  test("stops polling when its last waiter aborts, and stops waiting only", async () => {
    const server = toyServer(queued);
    const operation = createOperation(strategy(server), server.read("j1"));
    const controller = new AbortController();
    const waiting = operation.wait({ signal: controller.signal });
    await vi.advanceTimersByTimeAsync(60);
    controller.abort(new Error("gave up"));
    await expect(waiting).rejects.toThrow("gave up");
    const reads = server.reads.length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(server.reads).toHaveLength(reads);
  });

  test("serialises to the strategy's token, from which another handle resumes the same job", async () => {
    const server = toyServer(queued);
    const operation = createOperation(strategy(server), server.read("j1"));
    await operation.submitted();
    const token = JSON.parse(JSON.stringify(operation)) as { jobId: string };
    expect(token).toEqual({ jobId: "j1" });
    const resumed = createOperation(strategy(server), server.read(token.jobId));
    server.set({ status: "done" });
    const done = resumed.wait();
    await vi.advanceTimersByTimeAsync(50);
    await expect(done).resolves.toMatchObject({ id: "j1", status: "done" });
  });

  test("is awaitable, and cancel asks the server then reads the job at once", async () => {
    const server = toyServer(queued);
    const cancel = vi.fn(async (id: string, reason?: string) => {
      server.set({ status: "broken", note: `cancelled ${id}: ${reason}` });
      return "accepted";
    });
    const operation = createOperation(strategy(server, { cancel }), server.read("j1"));
    const awaited = expect(operation).rejects.toThrow("cancelled j1: no longer needed");
    await expect(operation.cancel("no longer needed")).resolves.toBe("accepted");
    await awaited;
    expect(Date.now()).toBe(0);
  });

  test("cancel on a resource whose strategy cannot cancel says so, and sends nothing", async () => {
    const server = toyServer(queued);
    const operation = createOperation(strategy(server), server.read("j1"));
    await expect(operation.cancel()).rejects.toMatchObject({ name: "ConfigurationError", option: "strategy.cancel" });
    expect(server.read).toHaveBeenCalledTimes(1);
  });

  test("a start that fails rejects every waiter with its error", async () => {
    const server = toyServer(queued);
    const operation = createOperation(strategy(server), server.read("missing"));
    await expect(operation.wait()).rejects.toThrow("no job missing");
    expect(operation.toJSON()).toEqual({});
  });
});

describe("a resource that cannot be read: followed by its events only", () => {
  /** The toy strategy without `read`: the job ends only when an event says so. */
  function eventsOnly(events: ReturnType<typeof toyEvents>, extra: Partial<OperationStrategy<Job, { jobId?: string }, JobEvent, string, string>> = {}) {
    const rest: Partial<OperationStrategy<Job, { jobId?: string }, JobEvent, string, string>> = strategy(toyServer(queued), {
      events: events.source,
      ...extra,
    });
    delete rest.read;
    delete rest.polling;
    return rest as OperationStrategy<Job, { jobId?: string }, JobEvent, string, string>;
  }

  test("resolves from an event, without a timer of its own meanwhile", async () => {
    const events = toyEvents();
    const operation = createOperation(eventsOnly(events), Promise.resolve(queued));
    const done = operation.wait();
    await vi.advanceTimersByTimeAsync(0);
    // Waiting costs no timer: nothing polls.
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(24 * 3_600_000);
    expect(operation.lastKnown?.status).toBe("queued");
    events.emit({ id: "j1", status: "running", version: 2 });
    expect(operation.lastKnown?.status).toBe("running");
    events.emit({ id: "j1", status: "done", version: 3 });
    await expect(done).resolves.toMatchObject({ status: "done", version: 3 });
    expect(events.listeners.size).toBe(0);
  });

  test("rejects with the strategy's failure on a failure event; a duplicate is ignored", async () => {
    const events = toyEvents();
    const operation = createOperation(eventsOnly(events), Promise.resolve(queued));
    const done = operation.wait();
    await vi.advanceTimersByTimeAsync(0);
    events.emit({ id: "j1", status: "broken", version: 2, note: "disk full" }, true);
    expect(operation.lastKnown?.status).toBe("queued");
    events.emit({ id: "j1", status: "broken", version: 2, note: "disk full" });
    await expect(done).rejects.toBeInstanceOf(JobBrokenError);
    await expect(operation).rejects.toThrow("disk full");
  });

  test("wait({ timeoutMs }) rejects with the strategy's timeout when no event came, and leaves no timer", async () => {
    const events = toyEvents();
    const operation = createOperation(eventsOnly(events), Promise.resolve(queued));
    const done = operation.wait({ timeoutMs: 15 * 60_000 });
    const verdict = expect(done).rejects.toBeInstanceOf(JobWaitTimeout);
    await vi.advanceTimersByTimeAsync(15 * 60_000 - 1);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await verdict;
    await expect(done).rejects.toMatchObject({ last: { id: "j1", status: "queued" } });
    expect(vi.getTimerCount()).toBe(0);
    // The operation goes on: a later event still ends it.
    events.emit({ id: "j1", status: "done", version: 2 });
    await expect(operation.wait()).resolves.toMatchObject({ status: "done" });
    expect(vi.getTimerCount()).toBe(0);
  });

  test("settled by an event before the deadline: the deadline's timer is cleared", async () => {
    const events = toyEvents();
    const operation = createOperation(eventsOnly(events), Promise.resolve(queued));
    const done = operation.wait({ timeoutMs: 60_000 });
    await vi.advanceTimersByTimeAsync(0);
    events.emit({ id: "j1", status: "done", version: 2 });
    await expect(done).resolves.toMatchObject({ status: "done" });
    expect(vi.getTimerCount()).toBe(0);
  });

  test("cancel stays unsupported without a cancel; with one, it is asked and nothing is read", async () => {
    const events = toyEvents();
    const operation = createOperation(eventsOnly(events), Promise.resolve(queued));
    await expect(operation.cancel()).rejects.toMatchObject({ name: "ConfigurationError", option: "strategy.cancel" });
    const cancel = vi.fn(async () => "asked");
    const cancellable = createOperation(eventsOnly(events, { cancel }), Promise.resolve(queued));
    await expect(cancellable.cancel("stop")).resolves.toBe("asked");
    expect(cancel).toHaveBeenCalledWith("j1", "stop");
    expect(cancellable.lastKnown?.status).toBe("queued");
  });
});
