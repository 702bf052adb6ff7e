// Image attachments open in the page, not in a new tab: the sales procedure checks photos of ID cards
// this way, zooming in on the number and stepping through every image of the conversation. Files are
// fetched with the agent's token (the hub serves them only to who may see them), so plain <img src> to
// the API would be refused: images are loaded as blobs and shown from object URLs.
import {
  type CSSProperties,
  type KeyboardEvent,
  type MouseEvent,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useI18n } from '../i18n.tsx';
import type { Message } from '../types.ts';
import './agent-tools.css';

type Attachment = Message['attachments'][number];

/** The console keeps its session under this key (app.tsx); the API client has no binary download. */
function sessionToken(): string | null {
  try {
    return (
      (JSON.parse(localStorage.getItem('hub.session') ?? 'null') as { token?: string } | null)?.token ?? null
    );
  } catch {
    return null;
  }
}

/** An object URL for an authorised file, revoked when the component lets go of it. */
function useFileUrl(url: string): string | null {
  const [local, setLocal] = useState<string | null>(null);
  useEffect(() => {
    let made: string | null = null;
    let live = true;
    const token = sessionToken();
    fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} })
      .then((r) => (r.ok ? r.blob() : Promise.reject(new Error(String(r.status)))))
      .then((b) => {
        if (!live) return;
        made = URL.createObjectURL(b);
        setLocal(made);
      })
      .catch(() => {});
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [url]);
  return local;
}

/** An image from the API, loaded with the agent's token. */
export function AuthImage(props: { src: string; alt: string; style?: CSSProperties }) {
  const url = useFileUrl(props.src);
  return url ? (
    <img src={url} alt={props.alt} style={props.style} />
  ) : (
    <span className="muted">{props.alt}</span>
  );
}

const isImage = (a: Attachment) => a.mime.startsWith('image/');

/** A file in the timeline: an image shows as a thumbnail that opens the viewer; others download. */
export function AttachmentLink(props: {
  attachment: Attachment;
  onOpen(e: MouseEvent, a: Attachment): void;
}) {
  const a = props.attachment;
  return (
    <a href={a.url} target="_blank" rel="noreferrer" className="att" onClick={(e) => props.onOpen(e, a)}>
      {isImage(a) ? <AuthImage src={a.url} alt={a.name} /> : a.name}
    </a>
  );
}
type Zoom = number | 'fit';
/** Quarter turns clockwise: a CI photographed sideways is read upright. */
type Turn = 0 | 1 | 2 | 3;
// The console's dictionaries load with the first page; the viewer's one new word travels with it.
const rotateWord = { en: 'Rotate', es: 'Girar', ar: 'تدوير' } as const;
// Steps of 1.5×, from a quarter to eight times the natural size ("fit" counts as 100% to step from).
const zoomIn = (z: Zoom): Zoom => Math.min(8, (z === 'fit' ? 1 : z) * 1.5);
const zoomOut = (z: Zoom): Zoom => Math.max(0.25, (z === 'fit' ? 1 : z) / 1.5);

/**
 * The viewer for one conversation's images: `open` is an attachment link's click handler (a click with
 * Ctrl/Cmd/Shift still opens a new tab, as links do); `element` is the dialog to render.
 */
export function useImageViewer(messages: Message[]) {
  const images = useMemo(() => messages.flatMap((m) => m.attachments.filter(isImage)), [messages]);
  const [at, setAt] = useState<number | null>(null);
  const open = (e: MouseEvent, a: Attachment) => {
    if (!isImage(a) || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    setAt(
      Math.max(
        0,
        images.findIndex((x) => x.id === a.id),
      ),
    );
  };
  const element =
    at !== null && images[at] ? (
      <ImageViewer images={images} index={at} onIndex={setAt} onClose={() => setAt(null)} />
    ) : null;
  return { open, element };
}

/** The dialog itself, for pages with their own list of images (a sale's documents). */
export function ImageViewer(props: {
  images: Pick<Attachment, 'id' | 'name' | 'url'>[];
  index: number;
  onIndex(i: number): void;
  onClose(): void;
}) {
  const { t, dir, lang } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const [zoom, setZoom] = useState<Zoom>('fit');
  const [turn, setTurn] = useState<Turn>(0);
  const rotate = () => setTurn((r) => ((r + 1) % 4) as Turn);
  const image = props.images[props.index];
  const url = useFileUrl(image.url);
  const count = props.images.length;
  const go = (step: number) => {
    props.onIndex((props.index + step + count) % count);
    setZoom('fit');
    setTurn(0);
  };
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  const onKey = (e: KeyboardEvent) => {
    // Arrows follow the reading direction: in Arabic the next image is to the left.
    const forward = dir === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
    const back = dir === 'rtl' ? 'ArrowRight' : 'ArrowLeft';
    if (e.key === forward) go(1);
    else if (e.key === back) go(-1);
    else if (e.key === '+' || e.key === '=') setZoom(zoomIn);
    else if (e.key === '-') setZoom(zoomOut);
    else if (e.key === '0') setZoom('fit');
    else if (e.key === 'r') rotate();
    else return;
    e.preventDefault();
  };
  return (
    <dialog
      ref={ref}
      className="overlay viewer"
      aria-label={t('imageViewer')}
      onClose={props.onClose}
      onKeyDown={onKey}
    >
      <div className="tools">
        <button type="button" onClick={() => go(-1)} disabled={count < 2} aria-label={t('previousImage')}>
          {dir === 'rtl' ? '→' : '←'}
        </button>
        <span className="counter">
          {props.index + 1} / {count}
        </span>
        <button type="button" onClick={() => go(1)} disabled={count < 2} aria-label={t('nextImage')}>
          {dir === 'rtl' ? '←' : '→'}
        </button>
        <span className="name" dir="auto">
          {image.name}
        </span>
        <span className="spacer" />
        <button type="button" aria-label={t('zoomOut')} onClick={() => setZoom(zoomOut)}>
          −
        </button>
        <button
          type="button"
          aria-pressed={zoom === 'fit'}
          className="toggle"
          onClick={() => setZoom((z) => (z === 'fit' ? 1 : 'fit'))}
        >
          {zoom === 'fit' ? t('zoomFit') : `${Math.round(zoom * 100)}%`}
        </button>
        <button type="button" aria-label={t('zoomIn')} onClick={() => setZoom(zoomIn)}>
          +
        </button>
        <button type="button" aria-label={rotateWord[lang]} title={rotateWord[lang]} onClick={rotate}>
          ↻
        </button>
        {url && (
          <a href={url} download={image.name}>
            {t('downloadFile')}
          </a>
        )}
        <button type="button" onClick={() => ref.current?.close()} aria-label={t('closeOverlay')}>
          ✕
        </button>
      </div>
      <div
        className={`stage ${zoom === 'fit' ? 'fit' : ''}`}
        // Turned a quarter, the fitted image takes the stage's height as its width (container units).
        style={turn % 2 ? { containerType: 'size' } : undefined}
      >
        {url && (
          <ZoomedImage
            key={image.id}
            src={url}
            alt={image.name}
            zoom={zoom}
            turn={turn}
            onToggle={() => setZoom((z) => (z === 'fit' ? 2 : 'fit'))}
          />
        )}
      </div>
    </dialog>
  );
}

/**
 * The image at its fitted size or at `zoom` times its natural size, turned `turn` quarters; a click
 * toggles 200% and fit. Turned sideways and zoomed, a box of the turned size keeps the scrollbars right.
 */
function ZoomedImage(props: { src: string; alt: string; zoom: Zoom; turn: Turn; onToggle(): void }) {
  const [natural, setNatural] = useState<{ w: number; h: number } | null>(null);
  const side = props.turn % 2 === 1;
  const turned: CSSProperties = props.turn ? { transform: `rotate(${props.turn * 90}deg)` } : {};
  const zoomed = props.zoom !== 'fit' && natural;
  const size: CSSProperties | undefined = zoomed
    ? { width: natural.w * Number(props.zoom), height: natural.h * Number(props.zoom), maxWidth: 'none' }
    : side
      ? { width: '100cqh', height: '100cqw', flex: 'none' }
      : undefined;
  const img = (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the zoom buttons and +/- keys do the same from the keyboard
    <img
      src={props.src}
      alt={props.alt}
      style={{ ...size, ...turned }}
      onLoad={(e) => setNatural({ w: e.currentTarget.naturalWidth, h: e.currentTarget.naturalHeight })}
      onClick={props.onToggle}
      data-zoom={props.zoom}
      data-turn={props.turn * 90}
    />
  );
  if (!zoomed || !side || !size) return img;
  return (
    <span style={{ display: 'grid', placeItems: 'center', width: size.height, height: size.width }}>
      {img}
    </span>
  );
}
