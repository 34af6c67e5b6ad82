import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs work in one database transaction. SQLite has one writer and TypeORM shares one connection for
 * better-sqlite3, so transactions there are queued in-process; PostgreSQL runs them concurrently.
 */
@Injectable()
export class UnitOfWork {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataSource: DataSource) {}

  get isSqlite(): boolean {
    return this.dataSource.options.type === 'better-sqlite3';
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.isSqlite) return this.dataSource.transaction(work);
    const next = this.tail.then(() => this.dataSource.transaction(work));
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** Work on SQLite that reads then writes must also be queued, even outside a transaction. */
  serialised<T>(work: () => Promise<T>): Promise<T> {
    if (!this.isSqlite) return work();
    const next = this.tail.then(work);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string }; message?: string };
  const code = err.driverError?.code ?? err.code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /UNIQUE constraint failed/.test(err.message ?? '')
  );
}
