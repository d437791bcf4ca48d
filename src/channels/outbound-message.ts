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

/**
 * A text as a WhatsApp template parameter: Meta refuses parameters with a newline or a tab, or more than four
 * spaces in a row (error 132018), so line breaks and tabs (with the blanks around them) become one space and
 * longer runs of spaces are cut to four. `maxChars`: a longer one is cut there, ending in '…' (Twilio's Content
 * variables hold at most 255 characters).
 */
export function templateParameterText(text: string, maxChars = Infinity): string {
  const flat = text
    .replace(/[ \u00a0]*[\r\n\t\v\f]+[\s]*/g, ' ')
    .replace(/ {5,}/g, '    ')
    .trim();
  return flat.length <= maxChars ? flat : `${flat.slice(0, maxChars - 1).trimEnd()}…`;
}
