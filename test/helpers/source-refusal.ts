import { SourceError } from '../../src/imports/sources/source.js';

/** What a source's refusal says (code, field, values, message); fails when the read succeeds or throws anything but a SourceError. */
export function sourceRefusal(promise: Promise<unknown>): Promise<{ code: string; field: string; values: Record<string, string | number>; message: string }> {
  return promise.then(
    () => {
      throw new Error('read, not refused');
    },
    (error: unknown) => {
      if (!(error instanceof SourceError)) throw error;
      return { code: error.code, field: error.field, values: error.values, message: error.message };
    },
  );
}
