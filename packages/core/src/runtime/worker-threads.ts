/** A worker thread started from source text: the bootstrap's counting worker and the reader's second half are. */
export interface EvalWorker {
  on(event: string, listener: (value: unknown) => void): void;
  unref(): void;
  terminate(): unknown;
}
export type EvalWorkerConstructor = new (code: string, options: { eval: true; workerData: unknown }) => EvalWorker;

/**
 * Node's worker threads when the machine has two cores or more, reached at run time without
 * importing a Node built-in (koe's readers and statistics run in browsers too, where this is null).
 */
export function workerThreads(): EvalWorkerConstructor | null {
  const p = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const threads = p?.getBuiltinModule?.("node:worker_threads") as { Worker?: EvalWorkerConstructor } | undefined;
  const os = p?.getBuiltinModule?.("node:os") as { availableParallelism?: () => number } | undefined;
  return threads?.Worker && (os?.availableParallelism?.() ?? 1) >= 2 ? threads.Worker : null;
}
