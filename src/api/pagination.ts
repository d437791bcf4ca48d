/**
 * Opaque, tamper-evident list cursors: the position of the last row, bound to the tenant, the list and
 * its filters, signed with HMAC-SHA256. A forged cursor, or one taken from another list, is a 422.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ValidationError } from '../core/errors';
import type { ListPosition, Page, PageRequest } from '../core/model';

export interface CursorCodec {
  /** the page to read, from `limit` and `cursor` of a list query */
  request(scope: string, query: { limit: number; cursor?: string }): Promise<PageRequest>;
  /** the response body of a list */
  respond<T>(scope: string, page: Page<T>): Promise<{ data: T[]; next_cursor: string | null }>;
}

const invalid = () => ValidationError.field('cursor', 'invalid cursor: pass the next_cursor of the same list unchanged');

export function createCursorCodec(secret: () => Promise<string>): CursorCodec {
  const sign = async (scope: string, payload: string) =>
    createHmac('sha256', await secret()).update(`${scope}\n${payload}`).digest('base64url');

  return {
    async request(scope, query) {
      if (query.cursor === undefined) return { limit: query.limit };
      const [payload, mac] = query.cursor.split('.');
      if (!payload || !mac) throw invalid();
      const expected = Buffer.from(await sign(scope, payload));
      const given = Buffer.from(mac);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid();
      try {
        const [created_at, id] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as [string, string];
        if (typeof created_at !== 'string' || typeof id !== 'string') throw invalid();
        return { limit: query.limit, after: { created_at, id } };
      } catch {
        throw invalid();
      }
    },
    async respond(scope, page) {
      if (!page.next) return { data: page.items, next_cursor: null };
      const position: ListPosition = page.next;
      const payload = Buffer.from(JSON.stringify([position.created_at, position.id])).toString('base64url');
      return { data: page.items, next_cursor: `${payload}.${await sign(scope, payload)}` };
    },
  };
}

/** The scope a cursor is bound to: tenant, list and the filters that shape it. */
export function listScope(tenantId: string, list: string, filters: Record<string, unknown> = {}): string {
  return `${tenantId}|${list}|${JSON.stringify(filters)}`;
}
