/**
 * What a channel adds to a conversation turn, over HTTP against the real server: the same turns (a
 * greeting, a booking request that searches slots, a pick, a "não" back to the options) sent as
 * Twilio's signed message webhook (`POST /channels/twilio`: signature check, the sender's phone → the
 * patient, the stored-reply check, the turn, TwiML) and, in the same run, as `POST /conversation`
 * (the baseline). 10 connections, each request a patient's next turn; the server's CPU per turn beside
 * each rate.
 */
import { createHmac } from 'node:crypto';
import autocannon from 'autocannon';
import { startServer, type RunningServer } from './lib/server';

const CYCLE = ['oi', 'quero marcar dermato semana que vem a tarde', '1', 'não'];
const CONNECTIONS = 10;
const TWILIO_TOKEN = 'bench-twilio-token';

interface Patient {
  id: string;
  phone: string;
}

/** autocannon POSTs, each body the next turn of the patients in rotation, with the server's CPU per answered request. */
async function turns(server: RunningServer, path: string, seconds: number, request: (patient: Patient, message: string, n: number) => { headers: Record<string, string>; body: string }, patients: Patient[]) {
  const step = new Map<number, number>();
  let next = 0;
  const fire = (duration: number) =>
    autocannon({
      url: `${server.url}${path}`,
      connections: CONNECTIONS,
      duration,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            const n = next++;
            const lane = n % patients.length;
            const i = step.get(lane) ?? 0;
            step.set(lane, i + 1);
            return { ...req, ...request(patients[lane]!, CYCLE[i % CYCLE.length]!, n) };
          },
        },
      ],
    });
  await fire(1); // warm-up
  const cpu0 = server.cpuMs();
  const result = await fire(seconds);
  const cpuMs = server.cpuMs() - cpu0;
  const answered = result.requests.total - result.non2xx;
  return {
    turns_per_sec: Math.round(result.requests.average),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    non2xx: result.non2xx,
    server_cpu_us_per_turn: answered > 0 ? Math.round((cpuMs * 1000) / answered) : null,
  };
}

export async function run(seconds = Number(process.env.BENCH_SECONDS ?? 5)) {
  const server = await startServer({ TWILIO_AUTH_TOKEN: TWILIO_TOKEN });
  try {
    if (!server.apiKey) throw new Error('the server printed no demo API key');
    const apiHeaders = { 'x-api-key': server.apiKey, 'content-type': 'application/json' };
    const all = ((await (await fetch(`${server.url}/v1/scheduling/patients`, { headers: apiHeaders })).json()) as { data: Array<{ id: string; phone: string | null }> }).data;
    const patients = all.filter((p): p is Patient => p.phone !== null);

    const conversation = await turns(
      server,
      '/v1/scheduling/conversation',
      seconds,
      (patient, message) => ({ headers: apiHeaders, body: JSON.stringify({ patient_id: patient.id, channel: 'whatsapp', message }) }),
      patients,
    );
    const url = `${server.url}/channels/twilio`;
    const twilio = await turns(
      server,
      '/channels/twilio',
      seconds,
      (patient, message, n) => {
        const params: Record<string, string> = { From: patient.phone, To: '+553130000000', Body: message, MessageSid: `SM${String(n).padStart(32, '0')}`, NumMedia: '0' };
        const signed = url + Object.keys(params).sort().map((name) => name + params[name]).join('');
        const signature = createHmac('sha1', TWILIO_TOKEN).update(signed).digest('base64');
        return {
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
          body: new URLSearchParams(params).toString(),
        };
      },
      patients,
    );
    return {
      name: 'channel_turns',
      conversation_api: conversation,
      twilio_webhook: twilio,
      twilio_to_conversation_ratio: Math.round((twilio.turns_per_sec / conversation.turns_per_sec) * 1000) / 1000,
    };
  } finally {
    await server.stop();
  }
}
