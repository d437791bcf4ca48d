/**
 * Who sent a channel's message: the phone number behind the address each channel gives, as the
 * patients table stores it (E.164).
 *
 * - Twilio: `+5531987654321`, or `whatsapp:+5531987654321` for WhatsApp through Twilio.
 * - WhatsApp Cloud API: the digits alone (`5531987654321`).
 * - whatsapp-web.js: `5531987654321@c.us` (or `@s.whatsapp.net`).
 *
 * WhatsApp still names many Brazilian mobiles registered before the ninth digit was added (2012–2016)
 * without it: `553187654321` is the mobile +55 31 98765-4321. Such a number is not valid as it is
 * written (a mobile's local number has nine digits), so the one with the 9 is the patient's.
 */
import { tryNormalizePhone } from '../core/reference/phone';

const ADDRESS_PREFIX = /^(?:whatsapp|sms|tel):/i;
const WHATSAPP_ID_SUFFIX = /@(?:c\.us|s\.whatsapp\.net)$/i;
/** 55, a two-digit area code, and an eight-digit mobile number (mobiles begin with 6 to 9) */
const BRAZILIAN_MOBILE_WITHOUT_NINE = /^55([1-9]\d)([6-9]\d{7})$/;

/** The E.164 phone of a channel address, or null when it names no phone number (a group, a LID, a short code). */
export function phoneOfAddress(address: string): string | null {
  const bare = address.trim().replace(ADDRESS_PREFIX, '').replace(WHATSAPP_ID_SUFFIX, '');
  if (!/^\+?\d{8,15}$/.test(bare)) return null;
  const digits = bare.replace(/^\+/, '');
  const phone = tryNormalizePhone(`+${digits}`);
  if (phone !== null) return phone;
  const old = BRAZILIAN_MOBILE_WITHOUT_NINE.exec(digits);
  return old ? tryNormalizePhone(`+55${old[1]}9${old[2]}`) : null;
}
