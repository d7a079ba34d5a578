import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { badRequest, fieldProblem, type Problem } from '../common/problem.js';

/**
 * A feature's answer to "which of these ids name a row of mine?", so another
 * feature checks a reference without importing the owner's entity (the users
 * feature's `people`, say).
 */
export interface Referable {
  existing(manager: EntityManager, ids: string[]): Promise<Set<string>>;
}

export type Reference = [field: string, target: EntityTarget<ObjectLiteral> | Referable, id: string | null | undefined];

const isReferable = (target: Reference[1]): target is Referable => typeof target === 'object' && 'existing' in target;

/** Refuses with 400 naming the field when a body refers to a row that does not exist. */
export async function assertReferences(manager: EntityManager, references: Reference[]): Promise<void> {
  const missing: Problem[] = [];
  for (const [field, target, id] of references) {
    if (!id) continue;
    const exists = isReferable(target) ? (await target.existing(manager, [id])).has(id) : await manager.existsBy(target, { id });
    if (!exists) missing.push(missingReference(field, id));
  }
  if (missing.length) throw badRequest(...missing);
}

/** The ids among these (unset ones skipped) that name none of the owner's rows, each once. */
export async function missingAmong(manager: EntityManager, target: Referable, ids: Array<string | null | undefined>): Promise<string[]> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (!wanted.length) return [];
  const found = await target.existing(manager, wanted);
  return wanted.filter((id) => !found.has(id));
}

/** A field that names a record that does not exist. */
export function missingReference(field: string, id: string): Problem {
  return fieldProblem(field, 'reference.missing', `${field} refers to no existing record (${id})`, { id });
}

/** A field naming a record the incident does not hold: "postId refers to no post of incident INC-2026-0001". */
export const notInIncident = (field: string, thing: 'comment' | 'post' | 'legal_notice', ref: string, message: string): Problem =>
  fieldProblem(field, 'reference.notInIncident', message, { thing, ref });
