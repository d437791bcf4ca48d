import { describe, expect, it } from 'vitest';
import { buildLlmMessages, MAX_MESSAGE_CHARS, renderCatalog } from '../../locales/pt-BR/llm-prompt';
import type { LlmRequest } from '../../src/core/language/types';

const empty: LlmRequest['catalog'] = { specialties: [], providerNames: [], appointmentTypes: [], locations: [] };

describe('the pt-BR LLM prompt', () => {
  it('is a system prompt and the message as the user turn', () => {
    const messages = buildLlmMessages({ message: 'cancelar', localNow: '2026-03-01T08:00 (domingo)', timezone: 'America/Manaus', catalog: empty });
    expect(messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(messages[0]!.content).toContain('2026-03-01T08:00 (domingo)');
    expect(messages[0]!.content).toContain('America/Manaus');
    expect(messages[1]!.content).toBe('cancelar');
  });

  it('cuts a very long message', () => {
    const [, user] = buildLlmMessages({ message: 'a'.repeat(20_000), localNow: '2026-03-01T08:00 (domingo)', timezone: 'America/Sao_Paulo', catalog: empty });
    expect(user!.content).toHaveLength(MAX_MESSAGE_CHARS);
  });

  it('renders the catalogue, saying "none" for an empty list', () => {
    const text = renderCatalog({
      specialties: ['Dermatologia'],
      providerNames: [],
      appointmentTypes: [{ id: 't', name: 'Retorno', synonyms: [], specialty: 'Dermatologia', duration_minutes: 20 }],
      locations: [{ id: 'l', name: 'Savassi', address: null, timezone: 'America/Sao_Paulo' }],
    });
    expect(text).toContain('Specialties:\n- Dermatologia');
    expect(text).toContain('Providers: none');
    expect(text).toContain('- Retorno [Dermatologia]');
    expect(text).toContain('Locations:\n- Savassi');
  });
});
