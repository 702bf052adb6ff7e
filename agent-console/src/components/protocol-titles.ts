// The seeded protocols' names and step titles in Spanish and Arabic. Templates keep one title per step
// (English, as seeded from DOMAIN.md; an admin may retype it): a title found here is shown in the agent's
// language, a title an admin wrote is shown as written.
import type { Lang } from '../i18n.tsx';

const t: Record<string, [es: string, ar: string]> = {
  Chat: ['Chat', 'الدردشة'],
  'E-mail': ['Correo electrónico', 'البريد الإلكتروني'],
  'Social networks': ['Redes sociales', 'الشبكات الاجتماعية'],
  'Web page': ['Página web', 'صفحة الويب'],
  Apps: ['Aplicaciones', 'التطبيقات'],
  'In person': ['Presencial', 'حضورياً'],
  'Call centre': ['Centro de llamadas', 'مركز الاتصال'],
  // Chat
  'Check equipment before starting (agent online)': [
    'Verificar el equipo antes de iniciar (agente en línea)',
    'فحص المعدات قبل البدء (الوكيل متصل)',
  ],
  'Greeting and welcome': ['Saludo y bienvenida', 'التحية والترحيب'],
  'Identify the customer': ['Identificar al cliente', 'التعرف على العميل'],
  'The agent introduces themself': ['El agente se presenta', 'يعرّف الوكيل بنفسه'],
  'Receive the request': ['Recibir la solicitud', 'استلام الطلب'],
  'Answer with correct spelling': ['Responder con ortografía correcta', 'الرد بإملاء صحيح'],
  'Be clear and direct': ['Ser claro y directo', 'الوضوح والمباشرة'],
  'Closure check': ['Verificación de cierre', 'التحقق قبل الإغلاق'],
  'Farewell, thanking for using the service': [
    'Despedida, agradeciendo el uso del servicio',
    'الوداع مع الشكر على استخدام الخدمة',
  ],
  'Satisfaction survey': ['Encuesta de satisfacción', 'استبيان الرضا'],
  // E-mail
  'Identify the mail as a request (PQR)': [
    'Identificar el correo como solicitud (PQR)',
    'تصنيف البريد كطلب (PQR)',
  ],
  'Acknowledge with the reference number': [
    'Acusar recibo con el número de referencia',
    'الإقرار بالاستلام مع الرقم المرجعي',
  ],
  'Verify the request': ['Verificar la solicitud', 'التحقق من الطلب'],
  'Identify the advisor who will answer': [
    'Identificar al asesor que responderá',
    'تحديد المستشار الذي سيجيب',
  ],
  'Give the information clearly': ['Dar la información con claridad', 'تقديم المعلومات بوضوح'],
  'Follow up on conformity': ['Hacer seguimiento de la conformidad', 'متابعة رضا العميل'],
  'Invite the user to the web page': ['Invitar al usuario a la página web', 'دعوة المستخدم إلى صفحة الويب'],
  'Satisfaction survey (signed link)': [
    'Encuesta de satisfacción (enlace firmado)',
    'استبيان الرضا (رابط موقّع)',
  ],
  // Social networks
  'Present the proposal and the platform': ['Presentar la propuesta y la plataforma', 'عرض المقترح والمنصة'],
  'Receive the requests': ['Recibir las solicitudes', 'استلام الطلبات'],
  'Answer each request individually': [
    'Responder cada solicitud de forma individual',
    'الرد على كل طلب على حدة',
  ],
  'Thank the visit and invite to the web page': [
    'Agradecer la visita e invitar a la página web',
    'الشكر على الزيارة والدعوة إلى صفحة الويب',
  ],
  'Satisfaction survey (reply 1–5)': ['Encuesta de satisfacción (responder 1–5)', 'استبيان الرضا (الرد 1–5)'],
  // Web page
  'Site search': ['Búsqueda en el sitio', 'البحث في الموقع'],
  'Search options': ['Opciones de búsqueda', 'خيارات البحث'],
  'Option list': ['Lista de opciones', 'قائمة الخيارات'],
  'Data registration': ['Registro de datos', 'تسجيل البيانات'],
  'Fast information presentation': ['Presentación rápida de la información', 'عرض سريع للمعلومات'],
  'Satisfaction question about the information': [
    'Pregunta de satisfacción sobre la información',
    'سؤال الرضا عن المعلومات',
  ],
  'Dissatisfaction options': ['Opciones ante la insatisfacción', 'خيارات عدم الرضا'],
  'Hand-off to a virtual agent (chat)': [
    'Derivación a un agente virtual (chat)',
    'التحويل إلى وكيل افتراضي (دردشة)',
  ],
  // Apps
  'Greet and show the request button': ['Saludar y mostrar el botón de solicitud', 'التحية وإظهار زر الطلب'],
  'Give specific solutions': ['Dar soluciones específicas', 'تقديم حلول محددة'],
  'Close with customer satisfaction': ['Cerrar con la satisfacción del cliente', 'الإغلاق برضا العميل'],
  // In person
  'Inform the service channels': ['Informar los canales de atención', 'التعريف بقنوات الخدمة'],
  'Welcome and introduce the advisor': ['Dar la bienvenida y presentar al asesor', 'الترحيب وتقديم المستشار'],
  'Formal address, full attention': ['Trato formal, atención plena', 'مخاطبة رسمية واهتمام كامل'],
  Listen: ['Escuchar', 'الاستماع'],
  Analyse: ['Analizar', 'التحليل'],
  'Answer or route to the right person': [
    'Responder o derivar a la persona indicada',
    'الرد أو التحويل إلى الشخص المناسب',
  ],
  'Offer other channels': ['Ofrecer otros canales', 'عرض قنوات أخرى'],
  'Ensure satisfaction': ['Asegurar la satisfacción', 'ضمان الرضا'],
  Farewell: ['Despedida', 'الوداع'],
  // Call centre
  'Offer the service channels': ['Ofrecer los canales de atención', 'عرض قنوات الخدمة'],
  'Answer with a greeting and introduce yourself': [
    'Contestar con un saludo y presentarse',
    'الرد بالتحية والتعريف بالنفس',
  ],
  'Speak clearly': ['Hablar con claridad', 'التحدث بوضوح'],
  'Questions to validate identity': ['Preguntas para validar la identidad', 'أسئلة للتحقق من الهوية'],
  'Tell the waiting time while consulting': [
    'Indicar el tiempo de espera mientras se consulta',
    'إبلاغ وقت الانتظار أثناء الاستشارة',
  ],
  'Clear, concise answers': ['Respuestas claras y concisas', 'إجابات واضحة وموجزة'],
  'Offer the web page': ['Ofrecer la página web', 'عرض صفحة الويب'],
  'Thank for the channel used': ['Agradecer por el canal utilizado', 'الشكر على القناة المستخدمة'],
};

export function protocolText(title: string, lang: Lang): string {
  const own = t[title];
  if (!own || lang === 'en') return title;
  return lang === 'es' ? own[0] : own[1];
}
