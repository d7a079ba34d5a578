export type Changes = Record<string, { from: unknown; to: unknown }>;

const comparable = (value: unknown): unknown =>
  value instanceof Date ? value.toISOString() : Array.isArray(value) || (value && typeof value === 'object') ? JSON.stringify(value) : (value ?? null);
const plain = (value: unknown): unknown => (value instanceof Date ? value.toISOString() : (value ?? null));

/**
 * Applies the fields of a PATCH body that differ, and returns what changed
 * (`{ field: { from, to } }`) for the timeline. Undefined means "left alone".
 */
export function applyChanges<T extends object>(target: T, patch: Partial<T>): Changes {
  const changes: Changes = {};
  for (const [key, value] of Object.entries(patch) as Array<[keyof T & string, unknown]>) {
    if (value === undefined) continue;
    const before = target[key];
    if (comparable(before) === comparable(value)) continue;
    changes[key] = { from: plain(before), to: plain(value) };
    target[key] = value as T[keyof T & string];
  }
  return changes;
}
