import { BadRequestException } from '@nestjs/common';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

export type Reference = [field: string, entity: EntityTarget<ObjectLiteral>, id: string | null | undefined];

/** Refuses with 400 naming the field when a body refers to a row that does not exist. */
export async function assertReferences(manager: EntityManager, references: Reference[]): Promise<void> {
  const missing: string[] = [];
  for (const [field, entity, id] of references) {
    if (id && !(await manager.existsBy(entity, { id }))) missing.push(`${field} refers to no existing record (${id})`);
  }
  if (missing.length) throw new BadRequestException(missing);
}
