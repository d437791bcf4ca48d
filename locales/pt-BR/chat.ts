/** What the terminal chat (`npm run chat`) prints around the conversation, in pt-BR. */

/** The first line: who the user is playing, and the two commands. */
export function chatBanner(clinic: string, patient: string): string {
  return `${clinic} — você é ${patient}. /reset recomeça, /sair termina.`;
}

export const CHAT_RESTARTED = '(conversa reiniciada)';
export const CHAT_PROMPT = 'você> ';
export const CHAT_BOT = 'bot> ';
