/**
 * A waitlist request for a part of the day no one asked for works on the days asked, through the real app on the demo
 * clinic over a real SQLite file: said, with the part of the day they do work, and no entry written (one could never be
 * offered a time); the day said is kept, the times of its other parts shown and joining for them asked (never "Para
 * quando?" again), and a day that is served is joined as usual.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createClinicApp, type ClinicApp } from './clinic-app';

let clinic: ClinicApp;
afterEach(() => clinic?.close());

function entries(c: ClinicApp, patientId: string) {
  return c.sqlite
    .prepare('SELECT status, specialty, provider_id, date_from, date_to, periods FROM waitlist_entries WHERE patient_id = ? ORDER BY created_at, id')
    .all(patientId) as Array<{ status: string; specialty: string | null; provider_id: string | null; date_from: string | null; date_to: string | null; periods: string }>;
}

describe('the waitlist for a part of the day no one works on the days asked', () => {
  it('"lista de espera de dermato amanhã de manhã" (dermatology only in the afternoon on Thursdays): said, that day\'s afternoon times, nothing written', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    const res = await clinic.say(p.id, 'me coloca na lista de espera de dermato amanhã de manhã');
    expect(res.body.state).toBe('offering');
    expect(res.body.reply).toContain('Não há atendimento de Dermatologia de manhã na quinta, 26/11, só à tarde.');
    expect(res.body.reply).toContain('Tenho estes horários de Dermatologia amanhã (qui, 26/11):');
    expect(res.body.reply).not.toContain('Para quando você prefere?');
    expect(res.body.reply).not.toContain('Pronto!');
    expect(entries(clinic, p.id)).toEqual([]);
    expect((await clinic.api('GET', `/waitlist?patient_id=${p.id}`)).body.data).toEqual([]);

    // "nenhum": joining for the afternoon that day asked, not written; a no writes nothing
    const none = await clinic.say(p.id, 'nenhum');
    expect(none.body.state).toBe('waitlist_offered');
    expect(none.body.reply).toContain('Quer entrar na lista de espera de Dermatologia para amanhã (qui, 26/11), à tarde?');
    expect(entries(clinic, p.id)).toEqual([]);
    await clinic.say(p.id, 'nao');
    expect(entries(clinic, p.id)).toEqual([]);
  });

  it('"lista de espera da dra ana amanha a tarde" (she works only mornings on Thursdays): the day read, her morning times, "nenhum" asks to join for it, "sim" writes it', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    const res = await clinic.say(p.id, 'lista de espera da dra ana amanha a tarde');
    expect(res.body.state).toBe('offering');
    expect(res.body.reply).toContain('Dra. Ana Souza não atende à tarde na quinta, 26/11, só de manhã.');
    expect(res.body.reply).toContain('Tenho estes horários com Dra. Ana Souza amanhã (qui, 26/11):');
    expect(res.body.reply).not.toContain('Para quando você prefere?');
    expect(entries(clinic, p.id)).toEqual([]);
    const none = await clinic.say(p.id, 'nenhum');
    expect(none.body.reply).not.toContain('não entendi');
    expect(none.body.reply).toContain('Quer entrar na lista de espera da Dra. Ana Souza para amanhã (qui, 26/11), de manhã?');
    expect(entries(clinic, p.id)).toEqual([]);
    const yes = await clinic.say(p.id, 'sim');
    expect(yes.body.reply).toContain('Pronto! Você está na lista de espera da Dra. Ana Souza para amanhã (qui, 26/11)');
    expect(entries(clinic, p.id)).toEqual([expect.objectContaining({ status: 'waiting', date_from: '2026-11-26', date_to: '2026-11-26' })]);
  });

  it('a provider on a day they work only in the other part ("da dra ana sexta de tarde"): said with her, nothing written', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    const res = await clinic.say(p.id, 'me coloca na lista de espera da dra ana sexta de tarde');
    expect(res.body.reply).toContain('Dra. Ana Souza não atende à tarde na sexta, 27/11, só de manhã.');
    expect(entries(clinic, p.id)).toEqual([]);
  });

  it('a day the provider never works ("do dr rui pra domingo"; regression, already refused before): said, nothing written', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    const res = await clinic.say(p.id, 'me coloca na lista de espera do dr rui pra domingo');
    expect(res.body.state).toBe('collecting');
    expect(res.body.reply).toContain('Não há atendimento com Dr. Rui Alves no domingo, 29/11.');
    expect(entries(clinic, p.id)).toEqual([]);
  });

  it('a part of the day someone works on the day asked is joined as before (no free time: straight to the entry)', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    const res = await clinic.say(p.id, 'me coloca na lista de espera de cardio pra sexta de manha');
    expect(res.body.state).toBe('offering');
    await clinic.say(p.id, 'nenhum');
    expect(entries(clinic, p.id)).toEqual([expect.objectContaining({ status: 'waiting', date_from: '2026-11-27', periods: '["manha"]' })]);
  });

  it('"do dr carlos amanhã à noite" (he never works evenings): said, his other times shown as such, and after "nenhum" the entry for them asked, not written', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    const res = await clinic.say(p.id, 'lista de espera do dr carlos amanha a noite');
    expect(res.body.reply).toContain('Dr. Carlos Mendes não atende à noite, só de manhã e à tarde.');
    // these times are not what was asked: no "for what you asked", no promise to join on "nenhum"
    expect(res.body.reply).not.toContain('para o que você pediu');
    expect(res.body.reply).not.toContain('coloco você na lista de espera');
    const none = await clinic.say(p.id, 'nenhum');
    expect(none.body.state).toBe('waitlist_offered');
    expect(none.body.reply).toContain('Quer entrar na lista de espera do Dr. Carlos Mendes para amanhã (qui, 26/11), de manhã ou à tarde?');
    expect(entries(clinic, p.id)).toEqual([]);
    // a no writes nothing
    await clinic.say(p.id, 'nao');
    expect(entries(clinic, p.id)).toEqual([]);
  });

  it('the same with a yes: the entry for the day he works is written only then', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    await clinic.say(p.id, 'me coloca na lista de espera do dr carlos amanha a noite');
    await clinic.say(p.id, 'nenhum');
    expect(entries(clinic, p.id)).toEqual([]);
    const yes = await clinic.say(p.id, 'sim');
    expect(yes.body.reply).toContain('Pronto! Você está na lista de espera do Dr. Carlos Mendes para amanhã (qui, 26/11), na posição 1.');
    expect(entries(clinic, p.id)).toEqual([expect.objectContaining({ status: 'waiting', date_from: '2026-11-26', periods: '[]' })]);
  });

  it('"clinico geral domingo a noite": a day no one works is said too, and no joining is asked for it', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    const res = await clinic.say(p.id, 'lista de espera clinico geral domingo a noite');
    expect(res.body.state).toBe('collecting');
    expect(res.body.reply).toContain('Não há atendimento de Clínica Geral à noite, só de manhã e à tarde.');
    expect(res.body.reply).toContain('Não há atendimento de Clínica Geral no domingo, 29/11. Para quando você prefere?');
    expect(res.body.reply).not.toContain('Quer entrar na lista de espera');
    expect(entries(clinic, p.id)).toEqual([]);
  });

  it('"pode ser de tarde" to joining for the parts he works: the afternoon\'s free times first, then the entry for the afternoon', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0];
    await clinic.say(p.id, 'lista de espera do dr carlos amanha a noite');
    await clinic.say(p.id, 'nenhum');
    const afternoon = await clinic.say(p.id, 'na verdade pode ser de tarde');
    expect(afternoon.body.state).toBe('offering');
    expect(afternoon.body.reply).toContain('Tenho estes horários com Dr. Carlos Mendes amanhã (qui, 26/11) à tarde');
    expect(entries(clinic, p.id)).toEqual([]);
    await clinic.say(p.id, 'nenhum');
    expect(entries(clinic, p.id)).toEqual([expect.objectContaining({ status: 'waiting', date_from: '2026-11-26', periods: '["tarde"]' })]);
  });
});
