import { Table, TableForeignKey, TableIndex, type QueryRunner, type TableColumnOptions, type TableForeignKeyOptions, type TableIndexOptions } from 'typeorm';

/**
 * Column builders shared by the migrations, so one migration runs on SQLite
 * and PostgreSQL alike: only the timestamp type differs between the two.
 */
export function schema(runner: QueryRunner) {
  const postgres = runner.connection.options.type === 'postgres';
  const col = {
    id: (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: true }),
    ref: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable }),
    varchar: (name: string, length: number, nullable = false, defaultValue?: string): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: nullable,
      ...(defaultValue === undefined ? {} : { default: `'${defaultValue}'` }),
    }),
    text: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
    int: (name: string, defaultValue?: number, nullable = false): TableColumnOptions => ({
      name,
      type: 'integer',
      isNullable: nullable,
      ...(defaultValue === undefined ? {} : { default: defaultValue }),
    }),
    bool: (name: string, defaultValue: boolean): TableColumnOptions => ({
      name,
      type: 'boolean',
      default: postgres ? String(defaultValue) : defaultValue ? 1 : 0,
    }),
    timestamp: (name: string, nullable = false): TableColumnOptions => ({ name, type: postgres ? 'timestamptz' : 'datetime', isNullable: nullable }),
  };
  const fk = (columnNames: string[], table: string, onDelete: TableForeignKeyOptions['onDelete'] = 'NO ACTION'): TableForeignKeyOptions => ({
    columnNames,
    referencedTableName: table,
    referencedColumnNames: ['id'],
    onDelete,
  });
  const index = (name: string, columnNames: string[], isUnique = false): TableIndexOptions => ({ name, columnNames, isUnique });
  const createTable = (name: string, columns: TableColumnOptions[], foreignKeys: TableForeignKeyOptions[] = [], indices: TableIndexOptions[] = []) =>
    runner.createTable(
      new Table({
        name,
        columns,
        foreignKeys: foreignKeys.map((key) => new TableForeignKey(key)),
        indices: indices.map((item) => new TableIndex(item)),
      }),
    );
  return { postgres, col, fk, index, createTable };
}
