// The quality procedure QP-14 (seed 004, Arabic original; DOMAIN.md §5) as data: the five evaluation
// criteria and the three error grades with the procedure's own definitions, in Spanish, English and Arabic
// (the Arabic is the seed's wording). An account starts from these and edits them (PUT /quality/settings).
// Zod-free and Node-free: the console's evaluation form imports it to show the definitions beside the
// transcript.

export type Lang = 'es' | 'en' | 'ar';
export type Texts = Record<Lang, string>;

export const errorGrades = ['major', 'minor', 'd_minor'] as const;
export type ErrorGrade = (typeof errorGrades)[number];

export type Criterion = { key: string; weight: number; label: Texts; definition: Texts };
export type Grade = { key: ErrorGrade; points: number; label: Texts; definition: Texts };

/** Each criterion is scored 0..CRITERION_MAX (0: not at all, CRITERION_MAX: fully). */
export const CRITERION_MAX = 5;

export const defaultCriteria: Criterion[] = [
  {
    key: 'problem_solved',
    weight: 30,
    label: { es: 'Problema resuelto', en: 'Problem solved', ar: 'حل المشكلة' },
    definition: {
      es: 'Resolver el problema del cliente por completo, de modo que no tenga que volver a llamar.',
      en: "Solving the customer's problem completely, so that they do not have to call again.",
      ar: 'هي حل مشكلة الزبون بشكل كامل بحيث لا يضطر لمعاودة الاتصال.',
    },
  },
  {
    key: 'courtesy',
    weight: 20,
    label: { es: 'Cortesía', en: 'Courtesy', ar: 'اللباقة' },
    definition: {
      es: 'Usar expresiones amables y formales que den al cliente una primera impresión positiva de que trata con una empresa profesional.',
      en: 'Using kind and formal phrases that give the customer a positive first impression of dealing with a professional company.',
      ar: 'استخدام العبارات اللطيفة والرسمية التي تعطي انطباعا أوليا إيجابيا لدى الزبون بأنه يتعامل مع شركة محترفة.',
    },
  },
  {
    key: 'empathy',
    weight: 15,
    label: { es: 'Empatía', en: 'Empathy', ar: 'التعاطف' },
    definition: {
      es: 'Mostrar empatía con el abonado e interés por él y por su problema.',
      en: 'Showing empathy with the subscriber and interest in them and their problem.',
      ar: 'هو إظهار التعاطف مع المشترك وإظهار الاهتمام به وبمشكلته.',
    },
  },
  {
    key: 'personal_touch',
    weight: 10,
    label: { es: 'Toque personal', en: 'Personal touch', ar: 'اللمسة الشخصية' },
    definition: {
      es: 'La capacidad del agente de tratar al abonado de una manera creativa, libre de rutina.',
      en: 'The agent’s ability to deal with the subscriber in an inventive way, free of routine.',
      ar: 'هي قدرة الموظف على التعامل مع المشترك بطريقة مبتكرة خالية من الروتين.',
    },
  },
  {
    key: 'competence',
    weight: 25,
    label: { es: 'Competencia', en: 'Competence', ar: 'الكفاءة' },
    definition: {
      es: 'La capacidad de dar la información o resolver el problema del abonado de forma correcta y completa, en un tiempo acorde con el tipo de contacto.',
      en: "The ability to give the information or solve the subscriber's problem correctly and completely, in a time that fits the kind of contact.",
      ar: 'هي القدرة والكفاءة على إعطاء المعلومة أو حل مشكلة المشترك بوقت يتناسب مع نوع المكالمة بشكل صحيح وكامل.',
    },
  },
];

/** Points each graded error takes off the 0–100 score: the procedure names the grades, the figures are ours to start from. */
export const defaultGrades: Grade[] = [
  {
    key: 'major',
    points: 30,
    label: { es: 'Mayor', en: 'Major', ar: 'Major' },
    definition: {
      es: 'Todo error que cause al abonado un costo o un esfuerzo innecesario, o que le dé de forma errónea una información esencial.',
      en: 'Any error that causes the subscriber an unnecessary cost or effort, or gives them essential information wrongly.',
      ar: 'أي خطأ يسبب تكلفة أو جهد غير لازم للمشترك أو اعطاء معلومة أساسية للمشترك بشكل خاطئ.',
    },
  },
  {
    key: 'minor',
    points: 10,
    label: { es: 'Menor', en: 'Minor', ar: 'Minor' },
    definition: {
      es: 'No dar al abonado un tiempo estimado para activar un servicio o terminar un problema del proveedor, o cualquier falta de información que pueda hacer que el abonado vuelva a llamar.',
      en: 'Not giving the subscriber an expected time to activate a service or end a problem on the provider’s side, or any missing information that may make the subscriber call again.',
      ar: 'عدم إعطاء المشترك وقت متوقع لتفعيل خدمة أو إنهاء مشكلة تتعلق بالمزود أو أي نقص في المعلومة ممكن أن يؤدي لإعادة الاتصال من المشترك.',
    },
  },
  {
    key: 'd_minor',
    points: 3,
    label: { es: 'D-menor', en: 'D-minor', ar: 'D-minor' },
    definition: {
      es: 'Todo error del agente en la manera de transmitir la información.',
      en: 'Any error the agent makes in the way the information is delivered.',
      ar: 'أي خطأ يرتكب من قبل الموظف بطريقة توصيل المعلومة.',
    },
  },
];

export type Sampling = {
  /** Resolved conversations drawn per agent and week (beside the low-rated and breached ones). */
  perAgent: number;
  /** Every conversation rated at most this (1–5) is queued; null: ratings pick nothing. */
  lowRatingAtMost: number | null;
  /** Every conversation with a breached service-level target is queued. */
  breached: boolean;
};

export const defaultSampling: Sampling = { perAgent: 3, lowRatingAtMost: 2, breached: true };

/**
 * How the monthly KPI weighs its parts (relative weights): the average evaluation score, the customers'
 * satisfaction (survey ratings) and the first responses on time. A part an agent has no figure for in the
 * month is left out and the others share its weight.
 */
export type KpiWeights = { evaluations: number; satisfaction: number; firstResponse: number };

export const defaultKpiWeights: KpiWeights = { evaluations: 60, satisfaction: 25, firstResponse: 15 };

export type ScoreBreakdown = {
  /** The weighted criteria on 0–100 before deductions. */
  criteria: number;
  /** Points taken off by the graded errors, by grade. */
  deductions: Partial<Record<ErrorGrade, number>>;
  /** max(0, criteria − Σ deductions), one decimal. */
  score: number;
};

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The evaluation's score: each criterion's mark (0..CRITERION_MAX) as a share of its maximum, weighted by
 * the criterion's weight, on 0–100 — Σ(wᵢ·sᵢ/MAX) / Σwᵢ × 100 — minus the points of every graded error,
 * never below 0. One decimal. Shared so that the console can preview what the hub will store.
 */
export function scoreOf(
  criteria: readonly Pick<Criterion, 'key' | 'weight'>[],
  grades: readonly Pick<Grade, 'key' | 'points'>[],
  marks: Record<string, number>,
  errors: readonly { grade: ErrorGrade }[],
): ScoreBreakdown {
  const total = criteria.reduce((s, c) => s + c.weight, 0);
  const earned = criteria.reduce((s, c) => s + c.weight * ((marks[c.key] ?? 0) / CRITERION_MAX), 0);
  const base = total > 0 ? (100 * earned) / total : 0;
  const deductions: Partial<Record<ErrorGrade, number>> = {};
  for (const e of errors) {
    const points = grades.find((g) => g.key === e.grade)?.points ?? 0;
    deductions[e.grade] = (deductions[e.grade] ?? 0) + points;
  }
  const off = Object.values(deductions).reduce((s, n) => s + (n ?? 0), 0);
  return { criteria: round1(base), deductions, score: round1(Math.max(0, base - off)) };
}
