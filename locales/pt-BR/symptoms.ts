/**
 * Symptoms and reasons for a visit → the specialty that usually sees them: a routing suggestion the
 * conversation makes and asks about before booking, never a diagnosis. Read by
 * src/core/language/symptoms.ts; the specialty is matched to the clinic's own specialties at run time,
 * so an entry whose specialty the clinic lacks is never offered.
 *
 * Phrases are lower case without accents (the message is folded before matching) and match on word
 * boundaries. The first entry that matches wins: red flags first, then children, then the rest.
 * `label` is how the reply names what the patient said ("Para dor no joelho, quem atende é Ortopedia.").
 */
export interface SymptomEntry {
  label: string;
  /** the specialty as the lexicon names it */
  specialty: string;
  /** any of these phrases */
  phrases: readonly string[];
  /** and, when given, any of these as well ("febre" with "filho") */
  with?: readonly string[];
  /** a red flag: where to go in an emergency is said too (once) */
  urgent?: boolean;
  /** the specialty proposed instead when the clinic lacks `specialty` (a child's symptom: the adults' one) */
  otherwise?: string;
}

/**
 * Words the lexicon reads as a specialty that name a part of the body, not the specialty asked for
 * ("manchas na pele"): beside a symptom the specialty is still proposed, not taken.
 */
export const BODY_WORDS: readonly string[] = ['pele', 'coracao', 'olho', 'olhos', 'vista'];

/**
 * Words that say the patient is a child ("meu filho", "a bebê"): beside any symptom of the table, the
 * specialty that sees children is proposed (when the clinic has it), red flags included.
 */
export const CHILD_WORDS: readonly string[] = ['filho', 'filha', 'filhos', 'filhinho', 'filhinha', 'bebe', 'nenem', 'crianca', 'criancas', 'menino', 'menina', 'neto', 'neta'];

/** The specialty that sees children, as the lexicon names it. */
export const CHILD_SPECIALTY = 'Pediatria';

export const SYMPTOM_TABLE: readonly SymptomEntry[] = [
  // red flags
  {
    label: 'dor no peito',
    specialty: 'Cardiologia',
    urgent: true,
    phrases: ['dor no peito', 'dor nu peito', 'dores no peito', 'dor toracica', 'aperto no peito', 'pontada no peito', 'dor no coracao', 'peito doendo', 'peito doi'],
  },
  {
    label: 'falta de ar',
    specialty: 'Clínica Geral',
    urgent: true,
    phrases: ['falta de ar', 'falta ar', 'faltando ar', 'sem ar', 'dificuldade para respirar', 'dificuldade pra respirar', 'dificuldade de respirar', 'nao consigo respirar', 'respirando mal'],
  },
  {
    label: 'desmaio',
    specialty: 'Clínica Geral',
    urgent: true,
    phrases: ['desmaio', 'desmaios', 'desmaiei', 'desmaiou', 'desmaiando', 'desmaiar', 'apaguei', 'perdi os sentidos'],
  },
  {
    label: 'sangramento forte',
    specialty: 'Clínica Geral',
    urgent: true,
    phrases: ['sangramento forte', 'sangramento intenso', 'sangrando muito', 'sangra muito', 'muito sangue', 'hemorragia', 'nao para de sangrar'],
  },
  {
    label: 'sinais de AVC',
    specialty: 'Neurologia',
    urgent: true,
    phrases: ['boca torta', 'rosto torto', 'fala enrolada', 'falando enrolado', 'lingua enrolada', 'avc', 'derrame', 'um lado do corpo', 'lado do corpo dormente', 'perdi a forca do braco'],
  },
  // children
  {
    label: 'crianças',
    specialty: 'Pediatria',
    phrases: ['febre', 'tosse', 'tossindo', 'gripe', 'gripado', 'gripada', 'resfriado', 'resfriada', 'vomito', 'vomitando', 'diarreia', 'dor de ouvido', 'dor de barriga', 'catapora', 'manchas', 'vacina', 'nao come', 'doente', 'dodoi'],
    with: CHILD_WORDS,
  },
  // bones and joints
  { label: 'dor no joelho', specialty: 'Ortopedia', phrases: ['joelho', 'joelhos', 'joelio', 'joelo'] },
  { label: 'dor nas costas', specialty: 'Ortopedia', phrases: ['dor nas costas', 'dor nas costa', 'dor na costa', 'dor na coluna', 'coluna', 'lombar', 'hernia de disco', 'torcicolo'] },
  { label: 'dor no ombro', specialty: 'Ortopedia', phrases: ['ombro', 'ombros'] },
  { label: 'torção ou fratura', specialty: 'Ortopedia', phrases: ['torci', 'torcao', 'torceu', 'tornozelo', 'fratura', 'fraturei', 'quebrei', 'quebrou o braco', 'quebrou a perna', 'entorse'] },
  // skin
  { label: 'manchas na pele', specialty: 'Dermatologia', phrases: ['mancha', 'manchas', 'manchinha', 'manchinhas', 'pinta', 'pintas', 'sinal na pele', 'verruga', 'verrugas'] },
  { label: 'acne', specialty: 'Dermatologia', phrases: ['acne', 'espinha', 'espinhas', 'cravos'] },
  { label: 'coceira na pele', specialty: 'Dermatologia', phrases: ['coceira', 'cocando', 'alergia na pele', 'micose', 'frieira', 'urticaria'] },
  { label: 'queda de cabelo', specialty: 'Dermatologia', phrases: ['queda de cabelo', 'cabelo caindo', 'caspa'] },
  // eyes
  { label: 'problemas de visão', specialty: 'Oftalmologia', phrases: ['vista embacada', 'visao embacada', 'embacada', 'embacado', 'embacando', 'embacadas', 'vista cansada', 'enxergo mal', 'nao enxergo', 'enxergando mal', 'dor nos olhos', 'dor no olho', 'olho vermelho', 'olhos vermelhos', 'grau dos oculos', 'trocar os oculos', 'oculos'] },
  // heart (not urgent)
  { label: 'pressão alta', specialty: 'Cardiologia', phrases: ['pressao alta', 'hipertensao', 'pressao subindo'] },
  { label: 'palpitação', specialty: 'Cardiologia', phrases: ['palpitacao', 'palpitacoes', 'coracao acelerado', 'coracao disparado', 'arritmia'] },
  // women's health
  { label: 'exame preventivo', specialty: 'Ginecologia', phrases: ['preventivo', 'papanicolau', 'papa nicolau'] },
  { label: 'menstruação', specialty: 'Ginecologia', phrases: ['menstruacao', 'colica menstrual', 'menstruacao atrasada', 'corrimento'] },
  // general
  { label: 'um check-up', specialty: 'Clínica Geral', phrases: ['check up', 'checkup', 'chekup', 'chek up', 'exames de rotina', 'exame de rotina', 'exames gerais'] },
  { label: 'febre', specialty: 'Clínica Geral', phrases: ['febre', 'febril'] },
  { label: 'gripe ou resfriado', specialty: 'Clínica Geral', phrases: ['gripe', 'gripado', 'gripada', 'resfriado', 'resfriada', 'tosse', 'tossindo'] },
  { label: 'dor de garganta', specialty: 'Clínica Geral', phrases: ['dor de garganta', 'garganta inflamada'] },
  { label: 'dor de cabeça', specialty: 'Clínica Geral', phrases: ['dor de cabeca', 'enxaqueca'] },
  { label: 'dor de barriga', specialty: 'Clínica Geral', phrases: ['dor de barriga', 'dor de estomago', 'diarreia', 'enjoo', 'vomito', 'vomitando'] },
];
