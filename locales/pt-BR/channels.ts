/** What the channels (WhatsApp, SMS) answer themselves, when a message cannot go to the conversation as it is. */

/** A voice note, with no transcription service configured. */
export const AUDIO_NOT_AVAILABLE = 'Ainda não consigo ouvir áudios por aqui. Pode escrever sua mensagem, por favor?';

/** A voice note with no words in it (silence, noise). */
export const AUDIO_EMPTY = 'Não consegui entender o áudio. Pode repetir ou escrever sua mensagem?';

/** A recording longer than the transcriber takes, or in a format it cannot read. */
export const AUDIO_UNREADABLE = 'Não consegui ouvir esse áudio. Pode mandar um áudio mais curto ou escrever sua mensagem?';

/** A picture, a document, a sticker, a location… */
export const UNSUPPORTED_MESSAGE = 'Por aqui eu entendo mensagens de texto e áudios. Pode escrever o que precisa?';

/** A message longer than the conversation takes. */
export const MESSAGE_TOO_LONG = 'Sua mensagem ficou muito longa. Pode resumir em poucas linhas?';

/** The patient's record is inactive: the clinic has to see to it. */
export const PATIENT_INACTIVE = 'Não consigo atender seu cadastro por aqui. Por favor, fale com a clínica.';

/** Anything else that kept the turn from being answered. */
export const TURN_FAILED = 'Desculpe, tive um problema para responder agora. Pode tentar de novo em instantes?';
