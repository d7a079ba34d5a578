import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { badRequest, fieldProblem } from './problem.js';

export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' })
  @IsOptional() @IsString() @MaxLength(1000)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface SortKey {
  /** The query-builder expression, e.g. `i.openedAt`. */
  column: string;
  /** The entity property it reads, e.g. `openedAt`. */
  key: string;
  order: 'ASC' | 'DESC';
}

type CursorValue = string | number | { d: string };

export function encodeCursor(values: unknown[]): string {
  const encoded: CursorValue[] = values.map((value) => (value instanceof Date ? { d: value.toISOString() } : (value as string | number)));
  return Buffer.from(JSON.stringify(encoded)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): unknown[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorValue[];
    if (!Array.isArray(values) || values.length !== arity) throw new Error('arity');
    return values.map((value) => {
      if (typeof value === 'string' || typeof value === 'number') return value;
      const date = new Date(value.d);
      if (typeof value.d !== 'string' || Number.isNaN(date.getTime())) throw new Error('date');
      return date;
    });
  } catch {
    throw invalidCursor();
  }
}

/** Keyset pagination: stable under inserts, one indexed range read per page. */
export async function paginate<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  query: PageQuery,
  keys: SortKey[],
): Promise<Page<E>> {
  const limit = query.limit ?? 20;
  if (query.cursor) {
    const values = decodeCursor(query.cursor, keys.length);
    const order = keys[0]!.order;
    if (keys.some((key) => key.order !== order)) throw new Error('keyset pagination needs every sort key in one direction');
    // A row value is one range of an index on the sort keys, on both databases; the same test spelled out with OR is a filter read from the first row.
    qb.andWhere(
      `(${keys.map((key) => key.column).join(', ')}) ${order === 'ASC' ? '>' : '<'} (${keys.map((_, i) => `:cursor${i}`).join(', ')})`,
      Object.fromEntries(values.map((value, i) => [`cursor${i}`, value])),
    );
  }
  keys.forEach((key, i) => (i === 0 ? qb.orderBy(key.column, key.order) : qb.addOrderBy(key.column, key.order)));
  const rows = await qb.take(limit + 1).getMany();
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor(keys.map((key) => (last as Record<string, unknown>)[key.key])) : null,
  };
}

export async function mapPage<E, V>(page: Page<E>, map: (item: E) => V | Promise<V>): Promise<Page<V>> {
  return { items: await Promise.all(page.items.map(map)), nextCursor: page.nextCursor };
}

/** 400 for a cursor this API did not make (or made for another query). */
export const invalidCursor = () => badRequest(fieldProblem('cursor', 'cursor.invalid', 'cursor is invalid'));
