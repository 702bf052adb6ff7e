// A conversation's channel as people say it ("Web chat", "WhatsApp", "Correo"), in the agent's language,
// from the channel's own definition (GET /channels) — never the hub's internal kind. Until the kinds
// have loaded, the tag is left empty rather than showing the internal name.
import { useKnownChannels } from '../channels.ts';
import { useI18n } from '../i18n.tsx';

export function ChannelTag(props: { kind: string }) {
  const { lang } = useI18n();
  const info = useKnownChannels()?.find((c) => c.kind === props.kind);
  return (
    <span className={`ch ${props.kind}`} data-channel={props.kind} title={info?.label}>
      {info ? (info.tag[lang as 'en' | 'es' | 'ar'] ?? info.tag.en) : ''}
    </span>
  );
}
