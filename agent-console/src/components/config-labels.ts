// The names of inbox config fields in the admin's language. The form is generated from each channel's
// JSON Schema, whose keys are English (`fromAddress`); a schema `title` wins in English, then the names
// here, then words made from the key itself. A key a new channel brings and these lists lack shows in
// English words ("Pairing phone"), never as the raw key.
import type { Lang } from '../i18n.tsx';

// Only where words made from the key would read badly ("Imap", "Secure", "Send interval ms").
const en: Record<string, string> = {
  imap: 'Incoming mail (IMAP)',
  smtp: 'Outgoing mail (SMTP)',
  host: 'Server',
  secure: 'Encrypted connection (TLS)',
  user: 'User name',
  mailbox: 'Folder',
  fromAddress: 'Sender address',
  fromName: 'Sender name',
  webPageUrl: 'Web page address',
  pollSeconds: 'Check every (seconds)',
  allowInvalidCertificates: 'Accept invalid certificates',
  webhookUrl: 'Webhook URL',
  pairingPhone: 'Phone to link',
  sendIntervalMs: 'Pause between sends (ms)',
  phoneNumberId: 'Phone number ID',
  graphBaseUrl: 'Graph API URL',
  websiteUrl: 'Website',
};

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

/** `imap` → `Incoming mail (IMAP)`, `fooBar` → `Foo bar`; the translation when there is one. */
export function configLabel(key: string, lang: Lang, title?: string): string {
  const own = lang === 'es' ? es[key] : lang === 'ar' ? ar[key] : undefined;
  if (own) return own;
  if (title) return title;
  if (en[key]) return en[key];
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
