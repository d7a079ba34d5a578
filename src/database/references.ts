import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { badRequest, fieldProblem, type Problem } from '../common/problem.js';

export type Reference = [field: string, entity: EntityTarget<ObjectLiteral>, id: string | null | undefined];

/** Refuses with 400 naming the field when a body refers to a row that does not exist. */
export async function assertReferences(manager: EntityManager, references: Reference[]): Promise<void> {
  const missing: Problem[] = [];
  for (const [field, entity, id] of references) {
    if (id && !(await manager.existsBy(entity, { id }))) missing.push(missingReference(field, id));
  }
  if (missing.length) throw badRequest(...missing);
}

/** A field that names a record that does not exist. */
export function missingReference(field: string, id: string): Problem {
  return fieldProblem(field, 'reference.missing', `${field} refers to no existing record (${id})`, { id });
}

/** A field naming a record the incident does not hold: "postId refers to no post of incident INC-2026-0001". */
export const notInIncident = (field: string, thing: 'comment' | 'post' | 'legal_notice', ref: string, message: string): Problem =>
  fieldProblem(field, 'reference.notInIncident', message, { thing, ref });
