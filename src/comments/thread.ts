/** What placing a message in its thread needs. */
export interface Threaded {
  id: string;
  parentId: string | null;
  postedAt: Date | string;
}

export interface ThreadPlace<T> {
  item: T;
  /** 0 for a message that answers none in the thread. */
  depth: number;
  /** The message it answers, when that is in the thread. */
  parent: T | null;
}

const time = (value: Date | string): number => (typeof value === 'string' ? Date.parse(value) : value.getTime());

/**
 * The thread as a tree, flattened for reading: each reply right under the
 * message it answers (after that message's earlier replies), siblings in the
 * order they were posted. A reply whose parent is not in the thread stands
 * as a message of its own. Cycles, which the API cannot make, cannot loop.
 */
export function threadOrder<T extends Threaded>(items: readonly T[]): Array<ThreadPlace<T>> {
  const byId = new Map(items.map((item) => [item.id, item]));
  const children = new Map<string | null, T[]>();
  for (const item of items) {
    const parentKey = item.parentId && byId.has(item.parentId) && item.parentId !== item.id ? item.parentId : null;
    children.set(parentKey, [...(children.get(parentKey) ?? []), item]);
  }
  for (const siblings of children.values()) siblings.sort((a, b) => time(a.postedAt) - time(b.postedAt) || (a.id < b.id ? -1 : 1));
  const placed: Array<ThreadPlace<T>> = [];
  const seen = new Set<string>();
  const visit = (parent: T | null, depth: number) => {
    for (const item of children.get(parent?.id ?? null) ?? []) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      placed.push({ item, depth, parent });
      visit(item, depth + 1);
    }
  };
  visit(null, 0);
  // Members of a parent cycle are reachable from no root: list them last, flat.
  for (const item of items) if (!seen.has(item.id)) placed.push({ item, depth: 0, parent: null });
  return placed;
}
