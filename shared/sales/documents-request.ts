// What an accepted customer is asked to send (seed 002, step 6.2): a photo of their CI and a signed request
// letter with the declaration, the service, the installation address, reference phones and the signature.
// The campaign may word it otherwise; {{name}} and {{product}} are filled in. Browser-safe.
import { defaultLetterClauses } from './document-review.ts';

const declaration = defaultLetterClauses.find((c) => c.key === 'declaration')?.text ?? '';

export const defaultDocumentsText = [
  'Hola {{name}}, gracias por aceptar {{product}}.',
  'Para formalizar su solicitud, envíenos por este medio:',
  '1) Una fotografía de su C.I., anverso y reverso.',
  '2) Una carta de solicitud firmada que diga:',
  `«${declaration}»`,
  'y que indique el servicio solicitado, la dirección del lugar de instalación, sus números de teléfono y celular de referencia, con su firma.',
].join('\n');

export function fillDocumentsText(text: string, values: { name: string; product: string }): string {
  return text.replaceAll('{{name}}', values.name).replaceAll('{{product}}', values.product);
}
