/**
 * What the voice pipeline asks back when a voice note cannot be acted on as it is (POST /voice's
 * clarification answers). The questions about a missing fact are the conversation's own.
 */
import type { MissingField, VoiceClarificationReason } from '../../src/core/language/types';
import type { DayPeriod } from '../../src/core/model';
import { askAppointmentType, askDate, askSpecialtyOrProvider } from './conversation';

/** `period`: the part of the day the note asked ("remarcar pra tarde"), kept in the date question as the conversation keeps it */
export function voiceQuestion(reason: VoiceClarificationReason, missing: MissingField | null, moving: boolean, period: DayPeriod | null = null): string {
  switch (reason) {
    case 'empty_transcript':
      return 'Não consegui ouvir o seu áudio. Pode gravar de novo ou escrever a sua mensagem?';
    case 'too_long':
      return 'O seu áudio ficou longo demais para eu entender. Pode resumir em uma mensagem curta o que você precisa?';
    case 'not_understood':
      return 'Desculpe, não entendi o que você precisa. Você quer marcar, remarcar ou desmarcar uma consulta?';
    case 'missing_information':
      if (missing === 'date') return askDate(moving, period);
      if (missing === 'appointment_type') return askAppointmentType();
      return askSpecialtyOrProvider();
  }
}
