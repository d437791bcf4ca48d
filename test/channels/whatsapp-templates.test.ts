/**
 * The WhatsApp templates a clinic submits for approval (locales/pt-BR/messages.ts `whatsappTemplates`, README):
 * bodies WhatsApp can approve, and parameters that fill them into the very text the message has when sent as text.
 */
import { describe, expect, it } from 'vitest';
import { ptBR } from '../../locales/pt-BR/messages';
import * as pt from '../../locales/pt-BR/conversation';
import { reminderTemplate } from '../../machines/booking/lines';
import type { PatientAppointment } from '../../machines/booking/world';
import { MESSAGE_TEMPLATE_NAMES, type MessageTemplate } from '../../src/core/model';
import { waitlistOfferMessage } from '../../src/core/waitlist/messages';

function filled(body: string, template: MessageTemplate): string {
  return body.replace(/\{\{(\d+)\}\}/g, (_, n: string) => template.parameters[Number(n) - 1] ?? `<{{${n}}} missing>`);
}

const CLOSING = ' Se precisar desmarcar ou remarcar, é só responder esta mensagem.';

const appointment: PatientAppointment = {
  id: 'a1',
  status: 'requested',
  version: 1,
  provider_id: 'p1',
  provider_name: 'Dra. Ana Souza',
  specialty: 'Cardiologia',
  appointment_type_id: 't1',
  appointment_type_name: 'Consulta',
  location_id: 'l1',
  location_name: 'Unidade Centro',
  location_address: 'Av. Afonso Pena, 1000',
  timezone: 'America/Sao_Paulo',
  date: '2026-11-26',
  start_time: '09:00',
  start_at: '2026-11-26T12:00:00.000Z',
  end_at: '2026-11-26T12:30:00.000Z',
};
// the eve, 10:00 in São Paulo
const eve = { now: '2026-11-25T13:00:00.000Z', timezone: 'America/Sao_Paulo' };

describe('WhatsApp template bodies', () => {
  it.each(MESSAGE_TEMPLATE_NAMES)('%s: parameters {{1}}…{{n}} in order, none at either end or beside another, under 1,024 characters', (name) => {
    const body = ptBR.whatsappTemplates[name];
    const numbers = [...body.matchAll(/\{\{(\d+)\}\}/g)].map((m) => Number(m[1]));
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    expect(body).not.toMatch(/^\s*\{\{|\}\}\s*$/);
    // two parameters are never side by side ("{{1}} {{2}}", "{{1}}{{2}}")
    expect(body).not.toMatch(/\}\}\s*\{\{/);
    expect(body.length).toBeLessThan(1024);
    expect(body).not.toMatch(/[\n\t]| {5}/);
  });
});

describe('reminder parameters', () => {
  it("fill the template into the reminder's text, then how to answer", () => {
    const template = reminderTemplate({ target: appointment, firstName: 'Maria', ...eve })!;
    expect(template).toEqual({
      name: 'appointment_reminder',
      parameters: [
        'Maria',
        'sua consulta de Cardiologia com Dra. Ana Souza',
        'amanhã, quinta, 26/11, às 09:00',
        'na Unidade Centro (Av. Afonso Pena, 1000)',
        'Você confirma sua presença?',
      ],
    });
    const text = pt.appointmentReminder('Maria', appointment, '2026-11-25', '2026-11-26', false);
    expect(filled(ptBR.whatsappTemplates.appointment_reminder, template)).toBe(text + CLOSING);
  });

  it('of a confirmed appointment, with no name on file, and of a "retorno" with no address', () => {
    const confirmed = { ...appointment, status: 'confirmed', appointment_type_name: 'Retorno', location_address: null };
    const template = reminderTemplate({ target: confirmed, firstName: '', ...eve })!;
    expect(template.parameters).toEqual([
      'paciente',
      'seu retorno de Cardiologia com Dra. Ana Souza',
      'amanhã, quinta, 26/11, às 09:00',
      'na Unidade Centro',
      'Sua presença já está confirmada. Até lá!',
    ]);
    const text = pt.appointmentReminder('', confirmed, '2026-11-25', '2026-11-26', true);
    expect(filled(ptBR.whatsappTemplates.appointment_reminder, template)).toBe(text.replace(/^Olá!/, 'Olá, paciente!') + CLOSING);
  });

  it("tells tomorrow by the appointment's own location, not the clinic's default zone", () => {
    // 20:00 UTC: still Wednesday 25/11 in São Paulo, already Thursday 26/11 in Tokyo, where the appointment is on Friday
    const tokyo = { ...appointment, timezone: 'Asia/Tokyo', date: '2026-11-27' };
    // (the clinic's default zone, São Paulo, is not what the template reads)
    const template = reminderTemplate({ target: tokyo, firstName: 'Maria', now: '2026-11-25T20:00:00.000Z' })!;
    expect(template.parameters[2]).toBe('amanhã, sexta, 27/11, às 09:00');
    expect(filled(ptBR.whatsappTemplates.appointment_reminder, template)).toBe(
      pt.appointmentReminder('Maria', tokyo, '2026-11-26', '2026-11-27', false) + CLOSING,
    );
  });

  it('none without an appointment in play', () => {
    expect(reminderTemplate({ target: null, firstName: 'Maria', ...eve })).toBeNull();
  });
});

describe('waitlist offer parameters', () => {
  const offer = { providerName: 'Dra. Ana Souza', locationName: 'Unidade Centro', timezone: 'America/Sao_Paulo', startTime: '2026-12-01T12:00:00.000Z' };

  it('fill the template into the offer as sent', () => {
    const { text, template } = waitlistOfferMessage({ ...offer, patientName: 'João Santos' });
    expect(template).toEqual({ name: 'waitlist_offer', parameters: ['João', 'na terça-feira, 01/12', '09:00', 'Dra. Ana Souza', 'Unidade Centro'] });
    expect(filled(ptBR.whatsappTemplates.waitlist_offer, template)).toBe(text);
  });

  it('name a patient known only by their phone "paciente", and a provider without a name as the text does', () => {
    const { text, template } = waitlistOfferMessage({ ...offer, providerName: null, patientName: '+5531977776666' });
    expect(text).toMatch(/^Olá! Abriu um horário na terça-feira, 01\/12, às 09:00, com um de nossos profissionais \(Unidade Centro\)\./);
    expect(template.parameters[0]).toBe('paciente');
    expect(filled(ptBR.whatsappTemplates.waitlist_offer, template)).toBe(text.replace(/^Olá!/, 'Olá, paciente!'));
  });
});
