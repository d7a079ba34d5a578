/**
 * What the process still waits for while it stops, each step by name, for
 * the shutdown deadline's message (main.ts): a stop that outlasts
 * SHUTDOWN_TIMEOUT says what held it before it exits.
 */
const steps = new Map<symbol, () => string>();

/** Runs `work` as a named step of the shutdown; `what` is read when the deadline passes (say, the jobs still running then). */
export async function stoppingStep<T>(what: string | (() => string), work: Promise<T>): Promise<T> {
  const key = Symbol();
  steps.set(key, typeof what === 'string' ? () => what : what);
  try {
    return await work;
  } finally {
    steps.delete(key);
  }
}

/** The steps still running, and what Node still holds open (sockets, timers, files), counted by kind. */
export function stillStopping(): { steps: string[]; resources: Record<string, number> } {
  const resources: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) resources[kind] = (resources[kind] ?? 0) + 1;
  return { steps: [...steps.values()].map((what) => what()), resources };
}

/**
 * The shutdown deadline: once SIGTERM or SIGINT arrives (Nest closes the
 * application on it), the process has `timeoutMs` to stop; past it, `report`
 * is called with what it still waits for and the process exits with code 1.
 * The timer does not keep the process alive.
 */
export function armShutdownDeadline(timeoutMs: number, report: (held: ReturnType<typeof stillStopping>) => void): void {
  const arm = (): void => {
    setTimeout(() => {
      report(stillStopping());
      process.exit(1);
    }, timeoutMs).unref();
  };
  process.once('SIGTERM', arm);
  process.once('SIGINT', arm);
}
