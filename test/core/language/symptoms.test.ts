import { describe, expect, it } from 'vitest';
import { clinicSpecialty, isBodyWord, namesRedFlag, readSymptom } from '../../../src/core/language/symptoms';
import { SYMPTOM_TABLE } from '../../../locales/pt-BR/symptoms';

const DEMO_SPECIALTIES = ['Cardiologia', 'Clínica Geral', 'Dermatologia', 'Ginecologia', 'Oftalmologia', 'Ortopedia', 'Pediatria'];

describe('symptom table', () => {
  it.each([
    ['to com dor no joelho', 'Ortopedia', 'dor no joelho'],
    ['tô com dor no joelho', 'Ortopedia', 'dor no joelho'],
    ['meu joelio ta doendo', 'Ortopedia', 'dor no joelho'],
    ['to c dor nas costa', 'Ortopedia', 'dor nas costas'],
    ['preciso ver essas manchas na pele', 'Dermatologia', 'manchas na pele'],
    ['meu filho ta com febre', 'Pediatria', 'crianças'],
    ['minha filha está com tosse', 'Pediatria', 'crianças'],
    ['to com febre', 'Clínica Geral', 'febre'],
    ['to gripado', 'Clínica Geral', 'gripe ou resfriado'],
    ['dor no peito quando corro', 'Cardiologia', 'dor no peito'],
    ['queria um check-up', 'Clínica Geral', 'um check-up'],
    ['queria fazer um checkup', 'Clínica Geral', 'um check-up'],
    ['minha vista ta embaçada', 'Oftalmologia', 'problemas de visão'],
    ['hora de fazer o preventivo', 'Ginecologia', 'exame preventivo'],
    ['tenho pressão alta', 'Cardiologia', 'pressão alta'],
  ])('%s → %s', (message, specialty, label) => {
    const entry = readSymptom(message);
    expect(entry?.specialty).toBe(specialty);
    expect(entry?.label).toBe(label);
  });

  it.each(['quero marcar cardio amanha', 'dor de dente', 'oi, tudo bem?', '', 'sim'])('%s: no symptom', (message) => {
    expect(readSymptom(message)).toBeNull();
  });

  it('matches whole words only ("pintas" yes, "pintar" no)', () => {
    expect(readSymptom('apareceram umas pintas')?.specialty).toBe('Dermatologia');
    expect(readSymptom('vou pintar a casa')).toBeNull();
  });

  it.each([
    'dor no peito quando corro',
    'to com falta de ar',
    'minha mae desmaiou ontem',
    'sangramento forte',
    'ele ficou com a boca torta',
    'acho que foi um AVC',
  ])('%s: a red flag', (message) => {
    expect(namesRedFlag(message)).toBe(true);
    expect(readSymptom(message)?.urgent).toBe(true);
  });

  it.each(['dor no joelho', 'meu filho ta com febre', 'queria um check-up', 'manchas na pele'])('%s: no red flag', (message) => {
    expect(namesRedFlag(message)).toBe(false);
  });

  it('a symptom negated just before is not read ("não tenho dor no peito")', () => {
    expect(namesRedFlag('nao tenho dor no peito, so queria um check-up')).toBe(false);
    expect(readSymptom('nao tenho dor no peito, so queria um check-up')?.label).toBe('um check-up');
    expect(readSymptom('não tenho dor no joelho')).toBeNull();
    expect(readSymptom('não sei o que é, mas tô com dor no joelho')?.label).toBe('dor no joelho');
    expect(namesRedFlag('dor no peito, nao no braço')).toBe(true);
  });

  it('a red flag wins over another symptom in the same message', () => {
    expect(readSymptom('to com dor de cabeça e falta de ar')?.label).toBe('falta de ar');
  });

  it("uses the clinic's spelling, and offers nothing the clinic lacks", () => {
    expect(clinicSpecialty(readSymptom('queria um check-up')!, ['clinica geral'])).toBe('clinica geral');
    expect(clinicSpecialty(readSymptom('to com dor no joelho')!, DEMO_SPECIALTIES)).toBe('Ortopedia');
    expect(clinicSpecialty(readSymptom('boca torta e fala enrolada')!, DEMO_SPECIALTIES)).toBeNull();
    expect(clinicSpecialty(readSymptom('to com dor no joelho')!, ['Cardiologia'])).toBeNull();
  });

  it.each([
    ['meu filho ta com falta de ar', 'falta de ar', 'Clínica Geral', true],
    ['minha filha desmaiou', 'desmaio', 'Clínica Geral', true],
    ['meu filho ta com dor no peito', 'dor no peito', 'Cardiologia', true],
    ['a criança torceu o tornozelo', 'torção ou fratura', 'Ortopedia', false],
    ['meu bebê ta com manchas na pele', 'crianças', undefined, false],
  ])('a child named with the symptom: %s → Pediatria (else %s)', (message, label, otherwise, urgent) => {
    const entry = readSymptom(message)!;
    expect(entry.specialty).toBe('Pediatria');
    expect(entry.label).toBe(label);
    expect(entry.otherwise).toBe(otherwise);
    expect(!!entry.urgent).toBe(urgent);
    expect(namesRedFlag(message)).toBe(urgent);
    expect(clinicSpecialty(entry, DEMO_SPECIALTIES)).toBe('Pediatria');
  });

  it("a child's symptom goes to the adults' specialty at a clinic without Pediatria", () => {
    expect(clinicSpecialty(readSymptom('meu filho ta com falta de ar')!, ['Cardiologia', 'Clínica Geral'])).toBe('Clínica Geral');
    expect(clinicSpecialty(readSymptom('meu filho ta com febre')!, ['Cardiologia', 'Clínica Geral'])).toBeNull();
  });

  it('a child negated just before is not read ("não é meu filho")', () => {
    expect(readSymptom('nao e meu filho, eu que to com falta de ar')?.specialty).toBe('Clínica Geral');
  });

  it('body words the lexicon reads as a specialty are not a specialty asked', () => {
    expect(isBodyWord('pele')).toBe(true);
    expect(isBodyWord('Coração')).toBe(true);
    expect(isBodyWord('dermato')).toBe(false);
  });

  it('every phrase is lower case without accents, and every entry has a label and a specialty', () => {
    for (const e of SYMPTOM_TABLE) {
      expect(e.label.length).toBeGreaterThan(0);
      expect(e.specialty.length).toBeGreaterThan(0);
      for (const p of [...e.phrases, ...(e.with ?? [])]) expect(p).toMatch(/^[a-z0-9 ]+$/);
    }
  });
});
