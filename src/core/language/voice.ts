/**
 * Voice scheduling (CONTRACT.md "Conversation, language, voice"): a patient's voice note → its
 * transcript (through the Transcriber port) → the language layer, as if the patient had typed it.
 * A note that cannot be acted on as it is (silence, too long, not understood, a fact missing) gets a
 * clarification: what was understood so far and the pt-BR question to send back.
 *
 * The recording's format is decided by its bytes, not by the name or type the client declared:
 * WhatsApp voice notes (OGG/Opus), mp3, m4a (and other MP4 audio), wav and webm are taken.
 */
import { voiceQuestion } from '../../../locales/pt-BR/voice';

export { voiceQuestion };
import type { CoreDeps } from '../deps';
import { ServiceUnavailableError, TooLargeError, UnsupportedMediaTypeError, ValidationError } from '../errors';
import { MAX_MESSAGE_CHARS, type makeLanguageService } from './service';
import type { AudioClip, RecognisedAudio, Transcriber, Understanding, VoiceClarificationReason } from './types';

/** The largest recording taken: 10 MiB (a WhatsApp voice note of several minutes is well under 1). */
export const MAX_AUDIO_BYTES = 10 * 1024 * 1024;

/** Formats the transcription endpoints take, as file-type names them → the extension sent with the bytes. */
const AUDIO_FORMATS: Record<string, string> = {
  opus: 'ogg',
  ogg: 'ogg',
  oga: 'ogg',
  mp3: 'mp3',
  m4a: 'm4a',
  mp4: 'mp4',
  wav: 'wav',
  webm: 'webm',
};

export interface VoiceRequest {
  audio: AudioClip;
  patient_id: string;
  reference_time?: Date;
  location_id?: string;
}

export interface VoiceScheduling extends Understanding {
  type: 'scheduling';
  transcript: string;
}

export interface VoiceClarification {
  type: 'clarification';
  transcript: string;
  reason: VoiceClarificationReason;
  /** the pt-BR question to send the patient */
  question: string;
  /** what the transcript was understood as; null when there was nothing to read (silence, too long) */
  understood: Understanding | null;
}

export type VoiceAnswer = VoiceScheduling | VoiceClarification;

const TRANSCRIBER_MISSING =
  'Voice scheduling needs a transcription service: set OPENAI_API_KEY (and OPENAI_BASE_URL for a server other than ' +
  "OpenAI's, TRANSCRIPTION_MODEL for a model other than whisper-1) among the server's settings: the environment, then a " +
  "restart, on Node; the Worker's variables and secrets on Workers.";

let fileType: Promise<typeof import('file-type')> | undefined;

/**
 * The recording's format from its first bytes; null when it is not audio the transcribers take.
 * (file-type knows the containers' signatures, brands and codecs; it is loaded on the first note, so
 * a server that never gets one does not pay for it at start.)
 */
export async function recogniseAudio(bytes: Uint8Array): Promise<RecognisedAudio | null> {
  fileType ??= import('file-type');
  const type = await (await fileType).fileTypeFromBuffer(bytes);
  const extension = type ? AUDIO_FORMATS[type.ext] : undefined;
  return type && extension ? { bytes, extension, mediaType: type.mime } : null;
}

export function makeVoiceService(
  { repos }: CoreDeps,
  { language, transcriber }: { language: ReturnType<typeof makeLanguageService>; transcriber: Transcriber | null },
) {
  /** The recording as the transcribers take it; refuses an empty, oversized or unrecognised one. */
  async function recording(bytes: Uint8Array): Promise<RecognisedAudio> {
    if (bytes.length > MAX_AUDIO_BYTES) throw new TooLargeError(`audio: at most ${MAX_AUDIO_BYTES} bytes (10 MiB)`);
    if (bytes.length === 0) throw ValidationError.field('audio', 'the file is empty');
    const audio = await recogniseAudio(bytes);
    if (!audio) {
      throw new UnsupportedMediaTypeError('audio: not a recording in a supported format (OGG/Opus, mp3, m4a, wav or webm)');
    }
    return audio;
  }

  return {
    /** whether voice notes can be transcribed here (a transcriber is configured) */
    transcribes: transcriber !== null,

    /**
     * A voice note's words, trimmed (the channels then run them as a typed message). Refuses the
     * recording as `understand` does; without a transcriber, ServiceUnavailableError.
     */
    async transcribe(bytes: Uint8Array): Promise<string> {
      const audio = await recording(bytes);
      if (!transcriber) throw new ServiceUnavailableError(TRANSCRIBER_MISSING);
      return (await transcriber.transcribe(audio)).trim();
    },

    async understand(tenantId: string, request: VoiceRequest): Promise<VoiceAnswer> {
      const audio = await recording(request.audio.bytes);
      // the parties first: a transcription costs money and time
      const [patient, location] = await Promise.all([
        repos.patients.get(tenantId, request.patient_id),
        request.location_id === undefined ? Promise.resolve(null) : repos.locations.get(tenantId, request.location_id),
      ]);
      if (!patient) throw ValidationError.field('patient_id', 'unknown patient');
      if (request.location_id !== undefined && (!location || !location.is_active)) {
        throw ValidationError.field('location_id', location ? 'inactive location' : 'unknown location');
      }
      // only a request that is right in every other way is told the service is missing: a wrong one keeps its 4xx
      if (!transcriber) throw new ServiceUnavailableError(TRANSCRIBER_MISSING);

      const transcript = (await transcriber.transcribe(audio)).trim();
      const clarify = (reason: VoiceClarificationReason, understood: Understanding | null): VoiceClarification => ({
        type: 'clarification',
        transcript,
        reason,
        question: voiceQuestion(reason, understood?.missing[0] ?? null, understood?.intent === 'reschedule', understood?.entities.period ?? null),
        understood,
      });
      if (transcript.length === 0) return clarify('empty_transcript', null);
      if (transcript.length > MAX_MESSAGE_CHARS) return clarify('too_long', null);

      const understood = await language.understand(tenantId, {
        message: transcript,
        patient_id: request.patient_id,
        reference_time: request.reference_time,
        location_id: request.location_id,
        patientChecked: true,
      });
      if (understood.intent === 'unknown') return clarify('not_understood', understood);
      if (understood.missing.length > 0) return clarify('missing_information', understood);
      return { type: 'scheduling', transcript, ...understood };
    },
  };
}
