import { describe, expect, it } from 'vitest';
import { phoneOfAddress } from '../../src/channels/sender';

describe('phoneOfAddress: the phone behind a channel address', () => {
  it.each([
    ['+5531999990001', 'Twilio SMS'],
    ['whatsapp:+5531999990001', 'WhatsApp through Twilio'],
    ['5531999990001', 'Cloud API wa_id'],
    ['5531999990001@c.us', 'whatsapp-web.js chat id'],
    ['5531999990001@s.whatsapp.net', 'WhatsApp JID'],
  ])('%s (%s) is +5531999990001', (address) => {
    expect(phoneOfAddress(address)).toBe('+5531999990001');
  });

  it('a Brazilian mobile WhatsApp names without its ninth digit is the number with it', () => {
    expect(phoneOfAddress('553199990001@c.us')).toBe('+5531999990001');
    expect(phoneOfAddress('551187654321')).toBe('+5511987654321');
  });

  it('a landline, which never had a ninth digit, keeps its eight', () => {
    expect(phoneOfAddress('553133334444')).toBe('+553133334444');
  });

  it('a foreign number stays as it is', () => {
    expect(phoneOfAddress('351912345678@c.us')).toBe('+351912345678');
  });

  it.each([
    ['120363025246125486@g.us', 'a group'],
    ['status@broadcast', 'status updates'],
    ['84982311746711@lid', 'a WhatsApp LID, not a phone'],
    ['12345', 'a short code'],
    ['', 'nothing'],
    ['+55 31 9999', 'too short'],
  ])('%s (%s) names no phone', (address) => {
    expect(phoneOfAddress(address)).toBeNull();
  });
});
