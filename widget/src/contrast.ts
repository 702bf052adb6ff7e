// WCAG AA for the inbox's brand colour: text drawn on it is white or black, whichever contrasts more.
const lum = (hex: string) => {
  const n = Number.parseInt(hex.slice(1), 16);
  const c = [n >> 16, (n >> 8) & 255, n & 255].map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
};

export const safeColor = (c: string | null | undefined) => (c && /^#[0-9a-f]{6}$/i.test(c) ? c : '#1d4ed8');

/** Text on `bg`: white or black, whichever contrasts more — at least 4.58:1 for any colour (AA). */
export const onColor = (bg: string) => (lum(bg) < 0.179 ? '#fff' : '#000');
