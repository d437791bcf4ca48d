/**
 * The checks every outbound sender makes before it calls its channel (apart from outbound.ts, which
 * imports the senders, so that no sender imports it back).
 */
import type { OutboundMessage } from './outbound';

/** An E.164 phone number: '+', then up to 15 digits, the first not 0. */
const E164 = /^\+[1-9]\d{7,14}$/;

/** Why a message cannot be sent whatever the channel, or null when it can; the reason holds no phone and no text. */
export function unsendable(message: OutboundMessage): string | null {
  if (typeof message.to !== 'string' || !E164.test(message.to)) return 'the phone is not in E.164 form (+, the country code, the number)';
  if (typeof message.text !== 'string' || message.text.trim() === '') return 'no text';
  return null;
}
