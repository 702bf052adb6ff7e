// The names of inbox config fields in the admin's language. The form is generated from each channel's
// JSON Schema, whose keys are English (`fromAddress`); English labels are made from the key itself, and
// Spanish and Arabic come from here. A key a new channel brings and this list lacks shows in English.
import type { Lang } from '../i18n.tsx';

const es: Record<string, string> = {
  imap: 'Entrada (IMAP)',
  smtp: 'Salida (SMTP)',
  host: 'Servidor',
  port: 'Puerto',
  secure: 'Conexión cifrada (TLS)',
  user: 'Usuario',
  password: 'Contraseña',
  mailbox: 'Carpeta',
  fromAddress: 'Dirección del remitente',
  fromName: 'Nombre del remitente',
  signature: 'Firma',
  webPageUrl: 'Dirección de la página web',
  pollSeconds: 'Revisar cada (segundos)',
  allowInvalidCertificates: 'Aceptar certificados no válidos',
  webhookUrl: 'URL del webhook',
  pairingPhone: 'Teléfono para vincular',
  sendIntervalMs: 'Pausa entre envíos (ms)',
  importHistory: 'Importar el historial',
  phoneNumberId: 'ID del número de teléfono',
  accessToken: 'Token de acceso',
  appSecret: 'Secreto de la aplicación',
  verifyToken: 'Token de verificación',
  graphBaseUrl: 'URL de la API Graph',
  websiteUrl: 'Sitio web',
  color: 'Color',
  greeting: 'Saludo',
  language: 'Idioma',
};

const ar: Record<string, string> = {
  imap: 'الوارد (IMAP)',
  smtp: 'الصادر (SMTP)',
  host: 'الخادم',
  port: 'المنفذ',
  secure: 'اتصال مشفر (TLS)',
  user: 'المستخدم',
  password: 'كلمة المرور',
  mailbox: 'المجلد',
  fromAddress: 'عنوان المرسل',
  fromName: 'اسم المرسل',
  signature: 'التوقيع',
  webPageUrl: 'عنوان صفحة الويب',
  pollSeconds: 'الفحص كل (ثانية)',
  allowInvalidCertificates: 'قبول الشهادات غير الصالحة',
  webhookUrl: 'عنوان Webhook',
  pairingPhone: 'هاتف الربط',
  sendIntervalMs: 'الفاصل بين الرسائل (مللي ثانية)',
  importHistory: 'استيراد السجل',
  phoneNumberId: 'معرّف رقم الهاتف',
  accessToken: 'رمز الوصول',
  appSecret: 'سر التطبيق',
  verifyToken: 'رمز التحقق',
  graphBaseUrl: 'عنوان Graph API',
  websiteUrl: 'الموقع الإلكتروني',
  color: 'اللون',
  greeting: 'التحية',
  language: 'اللغة',
};

/** `fromAddress` → `From address` in English, else the translation when there is one. */
export function configLabel(key: string, lang: Lang): string {
  const own = lang === 'es' ? es[key] : lang === 'ar' ? ar[key] : undefined;
  if (own) return own;
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
