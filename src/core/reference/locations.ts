import { ConcurrentChangeError, ConflictError, NotFoundError, ValidationError } from '../errors';
import { changesAnything } from '../changes';
import type { Location, PageRequest, Room } from '../model';
import type { ListFilter, RenderReply } from '../ports';
import type { CoreDeps } from '../deps';
import { canonicalTimeZone, DEFAULT_TIMEZONE, isValidTimeZone, localSpan, offsetRunsOverDays } from '../time';

export interface LocationCreate {
  name: string;
  address?: string | null;
  timezone?: string;
  rooms?: Array<{ name: string }>;
  travel_minutes?: Record<string, number>;
}

export interface LocationUpdate {
  name?: string;
  address?: string | null;
  timezone?: string;
  /** the new room list: entries with an `id` keep (and may rename) that room, others are new */
  rooms?: Array<{ id?: string; name: string }>;
  travel_minutes?: Record<string, number>;
  is_active?: boolean;
}

/** Tries of a change of zone whose offers changed underneath it before it gives up (409). */
const MAX_ATTEMPTS = 3;

/** Minutes assumed between two locations whose travel time nobody entered. */
export const DEFAULT_TRAVEL_MINUTES = 30;

export function makeLocationService({ repos, clock, ids }: CoreDeps) {
  const { locations } = repos;

  /** The zone in its IANA spelling; a zone that is not one is a 422. */
  function checkTimezone<Z extends string | undefined>(zone: Z): Z {
    if (zone === undefined) return zone;
    if (!isValidTimeZone(zone)) throw ValidationError.field('timezone', `unknown IANA time zone '${zone}'`);
    return canonicalTimeZone(zone) as Z;
  }

  async function checkTravel(tenantId: string, selfId: string, travel: Record<string, number> | undefined) {
    if (!travel) return;
    const others = Object.keys(travel);
    if (others.includes(selfId)) throw ValidationError.field('travel_minutes', 'must not name the location itself');
    const known = await locations.existingIds(tenantId, others);
    const unknown = others.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw ValidationError.field('travel_minutes', `unknown location id ${unknown.join(', ')}`);
    }
  }

  async function get(tenantId: string, id: string): Promise<Location> {
    const location = await locations.get(tenantId, id);
    if (!location) throw new NotFoundError('Location');
    return location;
  }

  return {
    get,

    /** `reply`: the response to store with the new record under the request's Idempotency-Key (ports: RenderReply) */
    async create(tenantId: string, input: LocationCreate, reply?: RenderReply<Location>): Promise<Location> {
      input = { ...input, timezone: checkTimezone(input.timezone) };
      const id = ids.uuid();
      await checkTravel(tenantId, id, input.travel_minutes);
      const now = clock.now().toISOString();
      const location: Location = {
        id,
        name: input.name,
        address: input.address ?? null,
        timezone: input.timezone ?? DEFAULT_TIMEZONE,
        rooms: (input.rooms ?? []).map((r) => ({ id: ids.uuid(), name: r.name })),
        travel_minutes: input.travel_minutes ?? {},
        is_active: true,
        created_at: now,
        updated_at: now,
      };
      await locations.insert(tenantId, location, reply?.(location));
      return location;
    },

    list: (tenantId: string, filter: ListFilter, page: PageRequest) => locations.list(tenantId, filter, page),

    async update(tenantId: string, id: string, input: LocationUpdate): Promise<Location> {
      const current = await get(tenantId, id);
      if (input.timezone !== undefined) input = { ...input, timezone: checkTimezone(input.timezone) };
      await checkTravel(tenantId, id, input.travel_minutes);
      let roomList: Room[] | undefined;
      if (input.rooms) {
        const own = new Set(current.rooms.map((r) => r.id));
        const stranger = input.rooms.find((r) => r.id !== undefined && !own.has(r.id));
        if (stranger) throw ValidationError.field('rooms', `room ${stranger.id} is not a room of this location`);
        // one room given twice would be one row: which name it keeps is no answer to give silently
        const twice = input.rooms.find((r, i) => r.id !== undefined && input.rooms!.findIndex((o) => o.id === r.id) !== i);
        if (twice) throw ValidationError.field('rooms', `room ${twice.id} is named twice`);
        roomList = input.rooms.map((r) => ({ id: r.id ?? ids.uuid(), name: r.name }));
      }
      const { rooms: _rooms, ...fields } = input;
      if (!changesAnything(current, { ...fields, rooms: roomList })) return current;
      const zone = input.timezone;
      if (zone === undefined) {
        const updated = await locations.update(tenantId, id, { ...fields, updated_at: clock.now().toISOString() }, roomList);
        if (!updated) throw new NotFoundError('Location');
        return updated;
      }
      // A zone given (new, or the same one, which another request may be changing meanwhile): a waitlist
      // offer is of an instant, so its local date and clock times are computed in that zone and written
      // with the change, whose re-check of the standing offers then compares them with the provider's
      // hours. So is an appointment's local date (what the daily limit counts and the lists' dates
      // filter), for all of them, past ones too: from the zone's offsets over the days they start on,
      // computed here, the write gives each its date in SQL, however many there are. Should the zone,
      // the offers or those days change in between, the write is refused and they are read again.
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const previous = attempt === 0 ? current : await get(tenantId, id);
        const at = clock.now().toISOString();
        const offers = (await locations.offersToCome(tenantId, id, at)).map((o) => {
          const { date, start, end } = localSpan(new Date(o.start_time), new Date(o.end_time), zone);
          return { id: o.id, date, start, end };
        });
        const days = await locations.appointmentDays(tenantId, id);
        const appointments = { days, runs: offsetRunsOverDays(days, zone) };
        const updated = await locations.update(tenantId, id, { ...fields, updated_at: at }, roomList, {
          previousZone: previous.timezone,
          offers,
          appointments,
        });
        if (updated) return updated;
      }
      await get(tenantId, id);
      throw new ConcurrentChangeError('The location is being changed by another request; try again');
    },

    /** Already inactive: nothing to do, so a retried DELETE keeps the first one's `updated_at`. */
    async deactivate(tenantId: string, id: string): Promise<void> {
      if (!(await get(tenantId, id)).is_active) return;
      const updated = await locations.update(tenantId, id, { is_active: false, updated_at: clock.now().toISOString() });
      if (!updated) throw new NotFoundError('Location');
    },
  };
}

export type LocationService = ReturnType<typeof makeLocationService>;
