/**
 * Portuguese words the history import (npm run cli -- import appointments) understands in a clinic's
 * export: column headers and status values. Compared without case or accents; English names are in
 * src/cli/import.ts and src/core/no-show/import.ts.
 */
export const IMPORT_HEADERS_PT: Record<string, readonly string[]> = {
  patient_external_id: ['id_paciente', 'paciente_id', 'codigo_paciente', 'prontuario'],
  patient_phone: ['telefone', 'celular', 'whatsapp', 'fone'],
  patient_name: ['nome', 'nome_paciente', 'paciente'],
  birth_date: ['data_nascimento', 'nascimento', 'data_de_nascimento'],
  scheduled_at: ['agendado_em', 'data_agendamento', 'data_do_agendamento', 'marcado_em'],
  start_time: ['inicio', 'data_consulta', 'data_hora', 'horario', 'data_da_consulta'],
  end_time: ['fim', 'termino'],
  status: ['situacao', 'status_consulta'],
  provider: ['profissional', 'medico', 'medica'],
  appointment_type: ['tipo', 'tipo_atendimento', 'tipo_consulta'],
  location: ['unidade', 'local', 'clinica'],
  channel: ['canal', 'origem'],
  appointment_external_id: ['id_consulta', 'codigo_consulta', 'id_agendamento'],
};

export const IMPORT_STATUS_PT: Record<'completed' | 'no_show' | 'cancelled', readonly string[]> = {
  completed: ['realizado', 'realizada', 'compareceu', 'atendido', 'atendida', 'concluido', 'concluida', 'presente'],
  no_show: ['faltou', 'falta', 'ausente', 'nao compareceu', 'nao_compareceu'],
  cancelled: ['cancelado', 'cancelada', 'desmarcado', 'desmarcada'],
};
