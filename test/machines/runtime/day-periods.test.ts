/**
 * Days offered each with its own part of the day ("sexta de tarde ou sábado de manhã"), through the real app on a real
 * SQLite file: the header names each day's part, and a part of today already over is said and left out.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createClinicApp, type ClinicApp } from './clinic-app';

let clinic: ClinicApp;
afterEach(() => clinic?.close());

// Dr. Rui Alves (Dermatologia) works at the Unidade Centro on weekday afternoons and Saturday mornings
describe('conversation: "sexta de tarde ou sábado de manhã"', () => {
  it('on the Wednesday before, the header names each day with its own part', async () => {
    clinic = await createClinicApp({ now: '2026-11-25T12:00:00.000Z' });
    const offer = await clinic.say(clinic.patients[0].id, 'queria marcar dermato sexta de tarde ou sábado de manhã');
    expect(offer.body.state).toBe('offering');
    expect(offer.body.reply).toMatch(/^Olá, Maria! Tenho estes horários de Dermatologia na sexta, 27\/11, à tarde ou no sábado, 28\/11, de manhã:\n/);
  });

  it('with nothing on either, the days asked are said each with its own part before the nearest times', async () => {
    // Dr. Carlos Mendes (Ortopedia) works weekday mornings, and afternoons on Tuesdays and Thursdays only
    clinic = await createClinicApp({ now: '2026-11-25T12:00:00.000Z' });
    const offer = await clinic.say(clinic.patients[0].id, 'queria marcar ortopedia sexta de tarde ou sábado de manhã');
    expect(offer.body.reply).toMatch(/^Olá, Maria! Não encontrei horários de Ortopedia na sexta, 27\/11, à tarde ou no sábado, 28\/11, de manhã\. Os mais próximos são/);
  });

  it('on that Friday morning: "hoje (sex, 27/11) à tarde ou amanhã (sáb, 28/11) de manhã"', async () => {
    clinic = await createClinicApp({ now: '2026-11-27T12:00:00.000Z' });
    const offer = await clinic.say(clinic.patients[0].id, 'queria marcar dermato sexta de tarde ou sabado de manha');
    expect(offer.body.reply).toMatch(/^Olá, Maria! Tenho estes horários de Dermatologia hoje \(sex, 27\/11\) à tarde ou amanhã \(sáb, 28\/11\) de manhã:\n/);
    expect(offer.body.options[0]).toMatchObject({ date: '2026-11-27', start_time: '13:00' });
  });

  it('on that Friday at 19:00: the afternoon is said to be over, and Saturday morning is offered', async () => {
    clinic = await createClinicApp({ now: '2026-11-27T22:00:00.000Z' });
    const offer = await clinic.say(clinic.patients[0].id, 'queria marcar dermato sexta de tarde ou sábado de manhã');
    expect(offer.body.state).toBe('offering');
    expect(offer.body.reply).toMatch(
      /^Olá, Maria! A tarde de hoje já passou, então não consigo marcar nela\. Tenho estes horários de Dermatologia amanhã \(sáb, 28\/11\) de manhã:\n/,
    );
    expect(offer.body.options.map((o: any) => [o.date, o.start_time])).toEqual([
      ['2026-11-28', '08:00'],
      ['2026-11-28', '08:30'],
      ['2026-11-28', '09:00'],
    ]);
  });
});
