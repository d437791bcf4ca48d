import { and, asc, eq, sql } from 'drizzle-orm';
import type { AppDatabase } from '../database';
import { locations, rooms } from '../schema';
import { readRows, runAtomic, type AtomicStep } from '../atomic';
import { q } from '../raw-sql';
import { afterPosition, pageOrder, toPage } from './paging';
import { lookupById, preparedQuery } from './prepared';
import { replyAfterInsert } from './tenants';
import { rowWrittenAt, waitlistRecheckStep } from './standing-offers';
import type { LocationRepo } from '../../core/ports';
import type { Location, Room } from '../../core/model';
import { inList } from './in-list';

type LocationRow = typeof locations.$inferSelect;

/** In the order a create answers with (the core's Location), so that every answer lists the same keys alike. */
function withRooms(row: LocationRow, roomList: Room[]): Location {
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    timezone: row.timezone,
    rooms: roomList,
    travel_minutes: row.travel_minutes,
    is_active: row.is_active,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
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
      .where(and(inList(rooms.location_id, locationIds), eq(rooms.is_active, true)))
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
    async offersToCome(tenantId, locationId, after) {
      const rows = await readRows(
        db,
        q`SELECT id, start_time, end_time FROM waitlist_offers WHERE location_id = ${locationId} AND tenant_id = ${tenantId} AND start_time > ${after}`,
      );
      return rows.map((r) => ({ id: String(r.id), start_time: String(r.start_time), end_time: String(r.end_time) }));
    },
    async appointmentDays(tenantId, locationId) {
      const rows = await readRows(
        db,
        q`SELECT DISTINCT substr(start_time, 1, 10) AS day FROM appointments WHERE tenant_id = ${tenantId} AND location_id = ${locationId} ORDER BY day`,
      );
      return rows.map((r) => String(r.day));
    },
    async existingIds(tenantId, ids) {
      if (ids.length === 0) return new Set();
      const rows = await db
        .select({ id: locations.id })
        .from(locations)
        .where(and(eq(locations.tenant_id, tenantId), inList(locations.id, ids)));
      return new Set(rows.map((r) => r.id));
    },
    // Room ids in `roomList` must already be known to belong to this location (the service checks).
    // The standing waitlist offers of its times that the change leaves untakeable (it was deactivated,
    // or its new zone puts them outside the provider's hours) go back to the queue in the same step.
    async update(tenantId, id, changes, roomList, relocalised) {
      const at = changes.updated_at;
      const written = rowWrittenAt('locations', tenantId, id, at);
      // A new zone: the location still has the zone the local fields were computed from, the offers read
      // to recompute are all the offers of times to come there, and the appointments there all start on
      // the days whose offsets were read (else nothing is written, and the service reads again).
      const asRead = relocalised
        ? sql`(EXISTS (SELECT 1 FROM locations l WHERE l.id = ${id} AND l.tenant_id = ${tenantId} AND l.timezone = ${relocalised.previousZone})
            AND NOT EXISTS (SELECT 1 FROM waitlist_offers f WHERE f.location_id = ${id} AND f.tenant_id = ${tenantId}
              AND f.start_time > ${at} AND f.id NOT IN (SELECT value FROM json_each(${JSON.stringify(relocalised.offers.map((o) => o.id))})))
            AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.tenant_id = ${tenantId} AND a.location_id = ${id}
              AND substr(a.start_time, 1, 10) NOT IN (SELECT value FROM json_each(${JSON.stringify(relocalised.appointments.days)}))))`
        : undefined;
      const statements: AtomicStep[] = [];
      // The local fields are written first, guarded on the same condition as the location's row just after
      // them (which they do not change): so they are written exactly when the new zone is. (Guarded on the
      // row's new updated_at instead, a refused change made within the millisecond of the row's last one
      // would write them for a zone the location does not get.)
      if (relocalised && relocalised.offers.length > 0) {
        // offers written before their local fields were stored keep them unknown
        statements.push({
          run: sql`UPDATE waitlist_offers AS f
            SET local_date = CASE WHEN f.local_date IS NULL THEN NULL ELSE v.date END,
              local_start = CASE WHEN f.local_start IS NULL THEN NULL ELSE v.start END,
              local_end = CASE WHEN f.local_end IS NULL THEN NULL ELSE v.end END
            FROM (SELECT json_extract(j.value, '$.id') AS id, json_extract(j.value, '$.date') AS date,
                json_extract(j.value, '$.start') AS start, json_extract(j.value, '$.end') AS "end"
              FROM json_each(${JSON.stringify(relocalised.offers)}) j) AS v
            WHERE f.id = v.id AND f.location_id = ${id} AND f.tenant_id = ${tenantId} AND ${asRead}`,
        });
      }
      if (relocalised && relocalised.appointments.runs.length > 0) {
        // Each appointment's local date (past ones too): the UTC date of its start moved by its run's
        // offset (SQLite's date() with a '<seconds> seconds' modifier, exact to the millisecond, as
        // core/time computes it). Only the dates that change are written; the instants stay. Before the
        // standing offers' re-check, whose daily limit counts by these dates.
        const runs = relocalised.appointments.runs.map((r) => [r.from, r.until, `${Math.round(r.offsetMinutes * 60_000) / 1000} seconds`]);
        statements.push({
          run: sql`UPDATE appointments AS a SET local_date = date(a.start_time, r.shift)
            FROM (SELECT json_extract(j.value, '$[0]') AS from_time, json_extract(j.value, '$[1]') AS until_time,
                json_extract(j.value, '$[2]') AS shift
              FROM json_each(${JSON.stringify(runs)}) j) AS r
            WHERE a.tenant_id = ${tenantId} AND a.location_id = ${id} AND a.start_time >= r.from_time AND a.start_time < r.until_time
              AND a.local_date <> date(a.start_time, r.shift) AND ${asRead}`,
        });
      }
      // The rooms, like the local fields, before the location's row and only when it is written: the
      // location is this tenant's, and a new zone's condition holds (a refused change leaves them as they were).
      if (roomList) {
        const locationIsWritten = sql`EXISTS (SELECT 1 FROM locations l WHERE l.id = ${id} AND l.tenant_id = ${tenantId})${asRead ? sql` AND ${asRead}` : sql``}`;
        statements.push(
          { run: db.update(rooms).set({ is_active: false }).where(and(eq(rooms.location_id, id), eq(rooms.tenant_id, tenantId), locationIsWritten)) },
          ...roomList.map((room, position) => ({
            run: sql`INSERT INTO rooms (id, tenant_id, location_id, name, is_active, position)
              SELECT ${room.id}, ${tenantId}, ${id}, ${room.name}, 1, ${position} WHERE ${locationIsWritten}
              ON CONFLICT (id) DO UPDATE SET name = excluded.name, position = excluded.position, is_active = 1`,
          })),
        );
      }
      const locationStep = statements.length;
      statements.push({ run: db.update(locations).set(changes).where(and(eq(locations.tenant_id, tenantId), eq(locations.id, id), asRead)) });
      statements.push(waitlistRecheckStep(tenantId, { locationId: id }, at, written));
      const changed = (await runAtomic(db, statements))[locationStep];
      if (!changed) return null;
      return get(tenantId, id);
    },
  };
}
