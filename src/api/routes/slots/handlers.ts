import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env';
import { listScope } from '../../pagination';
import { ValidationError } from '../../../core/errors';
import type { ListPosition } from '../../../core/model';
import type { SlotPosition } from '../../../core/availability/service';
import type * as routes from './routes';

/**
 * A slot's place in the score order rides in the signed list cursor: `created_at` carries the start
 * instant, `id` carries score, provider, location and the cut the list is scored at (epoch ms; a
 * cursor issued before the cut was carried has none, and is scored at the current one).
 */
function toListPosition(p: SlotPosition): ListPosition {
  const id = `${p.score}|${p.provider_id}|${p.location_id}`;
  return { created_at: p.start_at, id: p.cut === undefined ? id : `${id}|${p.cut}` };
}

function toSlotPosition(p: ListPosition): SlotPosition {
  const [score, provider_id, location_id, cutText, ...rest] = p.id.split('|');
  const value = Number(score);
  const cut = cutText === undefined ? undefined : Number(cutText);
  if (
    rest.length > 0 ||
    !provider_id ||
    !location_id ||
    !Number.isFinite(value) ||
    (cut !== undefined && (cutText === '' || !Number.isSafeInteger(cut))) ||
    Number.isNaN(Date.parse(p.created_at))
  ) {
    throw ValidationError.field('cursor', 'invalid cursor: pass the next_cursor of the same list unchanged');
  }
  return { score: value, start_at: p.created_at, provider_id, location_id, ...(cut === undefined ? {} : { cut }) };
}

export const search: RouteHandler<typeof routes.search, AppEnv> = async (c) => {
  const { cursor, limit, ...query } = c.req.valid('query');
  // every parameter but the cursor and the page size shapes the list: a cursor is only valid with the same
  // ones, and the next page may ask for another limit (it continues after the cursor's slot either way)
  const scope = listScope(c.get('tenantId'), 'slots', query);
  const page = await c.get('cursors').request(scope, { limit, cursor });
  const result = await c.get('core').availability.searchSlots(
    c.get('tenantId'),
    { ...query, limit, after: page.after ? toSlotPosition(page.after) : undefined },
    { refuseUnknownSpecialty: true },
  );
  const body = await c.get('cursors').respond(scope, { items: result.items, next: result.next ? toListPosition(result.next) : null });
  return c.json(body, 200);
};
