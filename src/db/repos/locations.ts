import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { AppDatabase } from '../database';
import { locations, rooms } from '../schema';
import { runAtomic, type AtomicStep } from '../atomic';
import { afterPosition, pageOrder, toPage } from './paging';
import { lookupById, preparedQuery } from './prepared';
import { replyAfterInsert } from './tenants';
import { rowWrittenAt, waitlistRecheckStep } from './standing-offers';
import type { LocationRepo } from '../../core/ports';
import type { Location, Room } from '../../core/model';

type LocationRow = typeof locations.$inferSelect;

function withRooms(row: LocationRow, roomList: Room[]): Location {
  const { tenant_id: _tenant, ...rest } = row;
  return { ...rest, rooms: roomList };
}

export function locationRepo(db: AppDatabase): LocationRepo {
  const byId = lookupById<LocationRow>(db, locations);
  const roomsOf = preparedQuery<Room>(() =>
    db
      .select({ id: rooms.id, name: rooms.name })
      .from(rooms)
      .where(and(eq(rooms.location_id, sql.placeholder('location')), eq(rooms.is_active, true)))
      .orderBy(asc(rooms.position)),
  );

  async function activeRooms(locationIds: string[]): Promise<Map<string, Room[]>> {
    const byLocation = new Map<string, Room[]>();
    if (locationIds.length === 0) return byLocation;
    const rows = await db
      .select({ id: rooms.id, name: rooms.name, location_id: rooms.location_id })
      .from(rooms)
      .where(and(inArray(rooms.location_id, locationIds), eq(rooms.is_active, true)))
      .orderBy(asc(rooms.position));
    for (const r of rows) {
      const list = byLocation.get(r.location_id) ?? [];
      list.push({ id: r.id, name: r.name });
      byLocation.set(r.location_id, list);
    }
    return byLocation;
  }

  async function get(tenantId: string, id: string): Promise<Location | null> {
    const row = await byId(tenantId, id);
    if (!row) return null;
    return withRooms(row, await roomsOf({ location: row.id }));
  }

  return {
    async insert(tenantId, location, reply) {
      const { rooms: roomList, ...fields } = location;
      await runAtomic(db, [
        { run: db.insert(locations).values({ ...fields, tenant_id: tenantId }) },
        ...roomList.map((room, position) => ({
          run: db.insert(rooms).values({ ...room, tenant_id: tenantId, location_id: location.id, position }),
        })),
        ...replyAfterInsert(tenantId, reply, 'locations', location.id),
      ]);
    },
    get,
    async list(tenantId, filter, page) {
      const rows = await db
        .select()
        .from(locations)
        .where(
          and(
            eq(locations.tenant_id, tenantId),
            filter.includeInactive ? undefined : eq(locations.is_active, true),
            afterPosition(locations.created_at, locations.id, page),
          ),
        )
        .orderBy(...pageOrder(locations.created_at, locations.id))
        .limit(page.limit + 1);
      const roomMap = await activeRooms(rows.map((r) => r.id));
      return toPage(
        rows.map((r) => withRooms(r, roomMap.get(r.id) ?? [])),
        page,
      );
    },
    async existingIds(tenantId, ids) {
      if (ids.length === 0) return new Set();
      const rows = await db
        .select({ id: locations.id })
        .from(locations)
        .where(and(eq(locations.tenant_id, tenantId), inArray(locations.id, ids)));
      return new Set(rows.map((r) => r.id));
    },
    // Room ids in `roomList` must already be known to belong to this location (the service checks).
    // The standing waitlist offers of its times that the change leaves untakeable (it was deactivated)
    // go back to the queue in the same step.
    async update(tenantId, id, changes, roomList) {
      const where = and(eq(locations.tenant_id, tenantId), eq(locations.id, id));
      const statements: AtomicStep[] = [{ run: db.update(locations).set(changes).where(where) }];
      if (roomList) {
        statements.push(
          { run: db.update(rooms).set({ is_active: false }).where(and(eq(rooms.location_id, id), eq(rooms.tenant_id, tenantId))) },
          ...roomList.map((room, position) => ({
            run: db
              .insert(rooms)
              .values({ ...room, tenant_id: tenantId, location_id: id, position, is_active: true })
              .onConflictDoUpdate({ target: rooms.id, set: { name: room.name, position, is_active: true } }),
          })),
        );
      }
      statements.push(
        waitlistRecheckStep(
          tenantId,
          { locationId: id },
          changes.updated_at,
          rowWrittenAt('locations', tenantId, id, changes.updated_at),
        ),
      );
      const [changed] = await runAtomic(db, statements);
      if (!changed) return null;
      return get(tenantId, id);
    },
  };
}
