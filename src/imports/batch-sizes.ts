/** The smallest and largest batch of an import whose batches are sized to a time. */
const BATCH_RANGE = { min: 25, max: 2_000 } as const;

/**
 * The size of an import's next batch: fixed, or (aiming at `ms` per unit of
 * work) the size the last batches' pace says fits, so another unit of work
 * waits at most about that long behind the import, however loaded the machine.
 */
export class BatchSizes {
  next: number;

  constructor(
    first: number,
    private readonly ms: number,
  ) {
    this.next = first;
  }

  took(size: number, ms: number): void {
    if (!this.ms || size < this.next) return;
    const fits = (size * this.ms) / Math.max(ms, 1);
    // Halfway to what fits: one slow batch (a pause of the collector) does not swing the size.
    this.next = Math.round(Math.min(BATCH_RANGE.max, Math.max(BATCH_RANGE.min, (this.next + fits) / 2)));
  }
}
